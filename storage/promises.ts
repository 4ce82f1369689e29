/**
 * Slides promised for later (issue 16, item 2; issue 13, item 4). A talk is on the watchlist when the
 * user marked it "slides promised" on the talk card (with an optional "by Friday"), or when one of its
 * notes says so in the words the user chose (default "slides later", "slides will be posted"), and
 * no slides link is known yet. When a capture later finds a slides link for it — its session page
 * now links the slides, or a deck whose title matches the talk's is opened — the link is stored,
 * the promise marked kept, and the side panel says so; recaps say "the slides are promised for
 * Friday" until then, and link the slides after.
 */
import { getDb } from './db';
import { updateRecord } from './records';
import { DEFAULT_PROMISE_WORDS, noteSettings } from './settings';
import type { NoteRecord, TalkRecord } from './types';

/** The words that make a note a promise of slides, unless the user chose others (storage/settings.ts). */
export { DEFAULT_PROMISE_WORDS };

/** "by Friday", "by tomorrow", "by 2024-05-10", "by next week": what the promise says about when. */
const BY =
  /\bby\s+((?:next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month)|tomorrow|tonight|the\s+weekend|the\s+end\s+of\s+the\s+(?:day|week|month)|\d{4}-\d{2}-\d{2})\b/i;

/** When a text says the slides are due ("Friday"), capitalised as a writer would; undefined when it does not say. */
export function promisedBy(text: string): string | undefined {
  const m = BY.exec(text);
  if (!m) return undefined;
  const when = m[1]!.replace(/\s+/g, ' ');
  return /^(?:next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i.test(when)
    ? when.replace(
        /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i,
        (d) => d[0]!.toUpperCase() + d.slice(1).toLowerCase(),
      )
    : when.toLowerCase();
}

/**
 * True when a note's text holds one of the promise words (case and spacing aside): the user's, from
 * the options page, unless `words` are given.
 */
export function notePromises(body: string, words: readonly string[] = noteSettings().promiseWords): boolean {
  const text = body.toLowerCase().replace(/\s+/g, ' ');
  return words.some((w) => {
    const word = w.trim().toLowerCase().replace(/\s+/g, ' ');
    return !!word && text.includes(word);
  });
}

export interface SlidesPromise {
  /** "Friday", when known. */
  by?: string;
  /** The note that made the promise (absent when it was marked on the talk card). */
  noteId?: string;
  /** The slides link is known now: the promise was kept. */
  kept: boolean;
}

/**
 * A talk's promise of slides: the one marked on the talk card, else the first live note that makes
 * one; undefined when there is none.
 */
export function slidesPromiseOf(
  talk: Pick<TalkRecord, 'slidesPromise' | 'slidesUrl'>,
  notes: readonly Pick<NoteRecord, 'id' | 'body' | 'deletedAt' | 'createdAt'>[] = [],
  options: { words?: readonly string[]; slidesKnown?: boolean } = {},
): SlidesPromise | undefined {
  const kept = options.slidesKnown ?? (!!talk.slidesUrl || !!talk.slidesPromise?.fulfilledAt);
  const note = [...notes]
    .filter((n) => !n.deletedAt)
    .sort((a, b) => a.createdAt - b.createdAt)
    .find((n) => notePromises(n.body, options.words));
  if (!talk.slidesPromise && !note) return undefined;
  const by = talk.slidesPromise?.by ?? (note ? promisedBy(note.body) : undefined);
  return { ...(by ? { by } : {}), ...(note ? { noteId: note.id } : {}), kept };
}

/** Marks a talk "slides promised" (from the talk card), or takes the mark off (`by` null). */
export async function markSlidesPromised(talkId: string, by: string | null, now = Date.now()): Promise<void> {
  await updateRecord(
    getDb().talks,
    talkId,
    (old) => {
      const next: TalkRecord = { ...old };
      if (by === null) delete next.slidesPromise;
      else next.slidesPromise = { at: now, ...(by.trim() ? { by: by.trim().slice(0, 200) } : {}) };
      return next;
    },
    { now },
  );
}

/** A title as compared for a match: letters and digits, in lower case, single-spaced. */
function titleWords(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * True when a deck's title names the talk: the same words, or one holds the other whole (a deck is
 * often titled "Talk title — Event 2024"), for titles of at least three words or 12 letters.
 */
export function deckMatchesTalk(deckTitle: string, talkTitle: string): boolean {
  const a = titleWords(deckTitle);
  const b = titleWords(talkTitle);
  if (!a || !b) return false;
  if (a === b) return true;
  const shorter = a.length < b.length ? a : b;
  const longer = a.length < b.length ? b : a;
  const long = shorter.split(' ').length >= 3 || shorter.replace(/ /g, '').length >= 12;
  return long && ` ${longer} `.includes(` ${shorter} `);
}

/**
 * A slides link found for a talk on the watchlist: stored as the talk's slides (unless the user typed
 * their own) and the promise marked kept. Returns the talk when this kept a promise (the user is
 * told), undefined when there was nothing to do (no promise, or the slides were already known).
 */
export async function keepPromise(
  talkId: string,
  slidesUrl: string,
  options: { words?: readonly string[]; now?: number } = {},
): Promise<TalkRecord | undefined> {
  const now = options.now ?? Date.now();
  const db = getDb();
  return db.transaction('rw', db.talks, db.notes, async () => {
    const talk = await db.talks.get(talkId);
    if (!talk || talk.deletedAt || talk.slidesPromise?.fulfilledAt) return undefined;
    const notes = await db.notes.where('talkId').equals(talkId).toArray();
    const promise = slidesPromiseOf(talk, notes, { words: options.words, slidesKnown: false });
    if (!promise) return undefined;
    // A talk whose slides were known before had no promise left to keep.
    if (talk.slidesUrl && !talk.slidesPromise) return undefined;
    const updated = await updateRecord(
      db.talks,
      talkId,
      (old) => {
        const typed = old.editedFields?.includes('slidesUrl') && old.slidesUrl;
        return {
          ...old,
          ...(typed ? {} : { slidesUrl }),
          slidesPromise: { ...(old.slidesPromise ?? { at: now }), fulfilledAt: now },
        };
      },
      { now },
    );
    return updated ?? undefined;
  });
}

/**
 * The talks waiting for slides: promised (card or note) with no slides link yet. Read from the talks
 * with notes (few per user), newest first.
 */
export async function promisedTalks(words?: readonly string[]): Promise<TalkRecord[]> {
  const db = getDb();
  const talks = await db.talks.filter((t) => !t.deletedAt && !t.slidesPromise?.fulfilledAt).toArray();
  const out: TalkRecord[] = [];
  for (const talk of talks) {
    if (talk.slidesUrl && !talk.slidesPromise) continue;
    if (talk.slidesPromise) {
      out.push(talk);
      continue;
    }
    const notes = await db.notes.where('talkId').equals(talk.id).toArray();
    if (slidesPromiseOf(talk, notes, { words })) out.push(talk);
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt);
}
