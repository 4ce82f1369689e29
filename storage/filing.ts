/**
 * Filing: the one place that decides which talk, deck and event a note (or a capture) belongs to.
 * It only reads, and returns a plan; `storage/file-note.ts` writes the plan in one transaction
 * through the repositories. The "Now" rule (a starred talk running now) and the deck → talk rule
 * live here too, so the side panel shows exactly where the next note will go.
 */
import type { DeckRef, PageCapture } from '../capture/types';
import { getDb } from './db';
import { deckByUrl } from './decks';
import { type CapturedTalk, starredTalks, talkByUrl } from './talks';
import type { TalkRecord } from './types';

/** Where a note was filed and why: the page's own talk, the deck's talk, or the starred talk running now. */
export interface FiledUnder {
  talkId: string;
  title: string;
  /** `chosen`: the user picked it in the popup before saving. */
  via: 'page' | 'deck' | 'now' | 'chosen';
}

/** What filing a note on a page will write. */
export interface FilingPlan {
  /** The moment the plan was made (a page's talk is stamped as captured then). */
  now: number;
  /** The deck the page shows: recorded once per canonical URL, refreshed by later captures. */
  deck?: { ref: DeckRef; platform: string };
  /**
   * The talk the note goes under: the page's own (created or refreshed, with its event, and the
   * page's deck linked to it), or a stored one found through the deck or the "Now" rule.
   */
  talk?:
    | { via: 'page'; capture: CapturedTalk }
    | { via: 'deck'; record: TalkRecord; linkDeck: boolean }
    | { via: 'now'; record: TalkRecord }
    | { via: 'chosen'; record: TalkRecord };
}

const live = (t: TalkRecord | undefined): t is TalkRecord => Boolean(t && !t.deletedAt);
const norm = (u: string) => u.replace(/\/$/, '');

/** A talk without a known end is taken to run this long (only for the "Now" rule, never stored). */
export const ASSUMED_DURATION_MS = 45 * 60_000;

/** The starred talk running at `now`: started, not yet ended. The latest-started wins an overlap. */
export async function talkRunningAt(now = Date.now()): Promise<TalkRecord | undefined> {
  let best: TalkRecord | undefined;
  for (const t of await starredTalks()) {
    const start = t.startsAt ? Date.parse(t.startsAt) : Number.NaN;
    if (Number.isNaN(start) || start > now) continue;
    const parsedEnd = t.endsAt ? Date.parse(t.endsAt) : Number.NaN;
    const end = Number.isNaN(parsedEnd) ? start + ASSUMED_DURATION_MS : parsedEnd;
    if (now < end && (!best || start >= Date.parse(best.startsAt ?? ''))) best = t;
  }
  return best;
}

/** The talk a deck belongs to: one that links this deck as its slides, else the session page it links. */
export async function talkForDeck(deckUrl: string, sessionUrl?: string): Promise<TalkRecord | undefined> {
  const bySlides = await getDb()
    .talks.filter((t) => live(t) && !!t.slidesUrl && norm(t.slidesUrl) === norm(deckUrl))
    .first();
  if (bySlides) return bySlides;
  return sessionUrl
    ? ((await talkByUrl(sessionUrl)) ?? (await talkByUrl(`${norm(sessionUrl)}/`)))
    : undefined;
}

/** The talk a deck is linked to, else the one it belongs to by its slides link or session link. */
export async function talkOfDeck(deckUrl: string, sessionUrl?: string): Promise<TalkRecord | undefined> {
  const deck = await deckByUrl(deckUrl);
  if (deck?.talkId) {
    const linked = await getDb().talks.get(deck.talkId);
    if (live(linked)) return linked;
  }
  return talkForDeck(deckUrl, sessionUrl);
}

/**
 * Where a note written on this page goes. A page that is a talk files under that talk (created or
 * refreshed with its event); a deck goes to its talk (linking it on the way when the talk names the
 * deck as its slides, or the deck links the talk's session page); any other page, while a starred
 * talk is running, goes to that talk ("Now"). Reads only.
 */
export async function planFiling(capture: PageCapture, now = Date.now()): Promise<FilingPlan> {
  const plan: FilingPlan = { now };
  if (capture.deck) plan.deck = { ref: capture.deck, platform: capture.platform };
  if (capture.talk) {
    plan.talk = {
      via: 'page',
      capture: {
        talk: { ...capture.talk, url: capture.talk.url ?? capture.url },
        event: capture.event,
        platform: capture.platform,
        pageUrl: capture.url,
      },
    };
    return plan;
  }
  if (capture.deck) {
    const deck = await deckByUrl(capture.deck.url);
    const talk = await talkOfDeck(capture.deck.url, capture.sessionUrl);
    if (talk) {
      plan.talk = { via: 'deck', record: talk, linkDeck: deck?.talkId !== talk.id };
      return plan;
    }
  }
  const running = await talkRunningAt(now);
  if (running) plan.talk = { via: 'now', record: running };
  return plan;
}
