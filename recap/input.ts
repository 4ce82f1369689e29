/**
 * What a recap is made from (its input) and which of it goes in: private notes out unless the user
 * included them, each talk's options, a post of takeaways. Every path from notes to a post starts
 * with these choices (recap/model.ts builds what templates see from them).
 */

import { isPrivateNote, withKindSplit } from '../storage/kinds';
import { noteSettings } from '../storage/settings';
import { talkDay } from '../storage/talk-day';
import type { DeckRecord, EventRecord, NoteKind, NoteRecord, TalkRecord } from '../storage/types';
import { isDay, longDate, weekdayOf } from './dates';
import { isInterned } from './intern';
import { hasText } from './markdown';
import type { ThemeChoice } from './prose';

/** Which notes of a talk go into the recap. `all` leaves out to-dos, which are private. */
export type Include = 'all' | 'takeaways' | 'quotes';

export interface TalkOptions {
  include: Include;
  thumbnails: boolean;
}

export const DEFAULT_TALK_OPTIONS: TalkOptions = { include: 'all', thumbnails: false };

export interface RecapTalkInput {
  talk: TalkRecord;
  notes: NoteRecord[];
  options?: Partial<TalkOptions>;
  /** Decks attached to the talk, newest first: the first with a web link is the recap's "Slides". */
  decks?: DeckRecord[];
}

/**
 * What a post is about, for the parts a template cannot decide alone: its default title and the
 * notes its tag lines count. `takeaways` ("My takeaways"): the takeaways, when there are any.
 */
export type RecapFocus = 'notes' | 'takeaways';

export interface RecapInput {
  /** The user's title; absent or blank → "{event}: {weekday}". */
  title?: string;
  intro?: string;
  outro?: string;
  event?: EventRecord;
  /** YYYY-MM-DD at the venue. */
  day?: string;
  talks: RecapTalkInput[];
  /** The day's notes on no talk that go in (already chosen: to-dos among them stay out). */
  moments?: NoteRecord[];
  /** The zone the day is counted in (moments' times); default: the event's, else the browser's. */
  zone?: string;
  focus?: RecapFocus;
  /** Where the Markdown finds a thumbnail: a path in the zip, an object URL in the preview. */
  thumbnailUrl?: (blobId: string) => string | undefined;
  /** Themes the user chose for "Takeaways by theme" (else the post's tags). */
  themes?: ThemeChoice[];
  /** Ids of the notes whose slide thumbnail shows inline after their sentence in prose posts. */
  pictures?: readonly string[];
  /** Private notes go in too: the user ticked "Include private notes" for this export. */
  includePrivate?: boolean;
  /**
   * Where the built-ins print the "Links mentioned" list: after each talk's part (`talk`), once at
   * the end of the post (`post`), or not at all (default). Templates can always read `talk.links`.
   */
  linksMentioned?: 'none' | 'talk' | 'post';
  /** The tag that makes a note private (default `private`, storage/kinds.ts). */
  privateTag?: string;
}

const publicInputs = new WeakMap<RecapInput, RecapInput>();

/**
 * The input without its private notes (every talk's and the moments), unless the user included
 * them for this export. Every path from notes to a post starts here: the model, the tag lines, the
 * post's date, the archive. The same object comes back when nothing is private.
 */
export function withoutPrivate<T extends RecapInput>(input: T): T {
  if (input.includePrivate) return input;
  const done = publicInputs.get(input);
  if (done) return done as T;
  const open = (notes: NoteRecord[]) => publicNotes(notes, input.privateTag);
  const anyPrivate =
    input.talks.some((t) => open(t.notes) !== t.notes) ||
    (input.moments && open(input.moments) !== input.moments);
  const out: T = anyPrivate
    ? {
        ...input,
        talks: input.talks.map((t) => (open(t.notes) === t.notes ? t : { ...t, notes: open(t.notes) })),
        ...(input.moments ? { moments: open(input.moments) } : {}),
      }
    : input;
  publicInputs.set(input, out);
  publicInputs.set(out, out);
  return out;
}

const publicLists = new WeakMap<readonly NoteRecord[], { tag: string; notes: NoteRecord[] }>();

/**
 * The notes that are not private: the same list when none is, else the same filtered list for the
 * same list and tag (lists are interned between composes, recap/intern.ts).
 */
function publicNotes(notes: NoteRecord[], given: string | undefined): NoteRecord[] {
  const tag = given ?? noteSettings().privateTag;
  const hit = publicLists.get(notes);
  if (hit && hit.tag === tag) return hit.notes;
  const open = (n: NoteRecord) => !isPrivateNote(n, tag);
  const value = notes.every(open) ? notes : notes.filter(open);
  if (isInterned(notes)) publicLists.set(notes, { tag, notes: value });
  return value;
}

const splitCache = new WeakMap<NoteRecord, NoteRecord>();

/**
 * A note as shown: stored bodies carry no kind prefix (storage/kinds.ts), and one from data that
 * missed the upgrade is taken off here too. Worked out once per record: a recap asks several times.
 */
export function shownNote(note: NoteRecord): NoteRecord {
  let split = splitCache.get(note);
  if (!split) {
    split = withKindSplit(note);
    splitCache.set(note, split);
  }
  return split;
}

/** Notes of one talk the options let in, oldest first, without trashed ones. */
export function selectNotes(notes: NoteRecord[], include: Include): NoteRecord[] {
  const hit = selected.get(notes);
  // A copy: callers may change the list they get.
  if (hit?.include === include) return [...hit.notes];
  const value = selectedNotes(notes, include);
  if (isInterned(notes)) selected.set(notes, { include, notes: value });
  return [...value];
}

/** The last selection of a list (interned between composes, recap/intern.ts), by the list. */
const selected = new WeakMap<readonly NoteRecord[], { include: Include; notes: NoteRecord[] }>();

function selectedNotes(notes: NoteRecord[], include: Include): NoteRecord[] {
  const wanted = (k: NoteKind) =>
    include === 'all' ? k !== 'todo' : include === 'takeaways' ? k === 'takeaway' : k === 'quote';
  // The kind as shown: a legacy `[ ] …` stored as a plain note is a to-do, and stays private.
  return notes
    .filter((n) => !n.deletedAt && wanted(shownNote(n).kind))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The title a recap gets when the user gave none: "{event}: {weekday}" (else the event, the date,
 * the one talk's title, or "Talk notes"). For a post of takeaways: "{event}, {weekday}: my
 * takeaways" (else "{event}: my takeaways", …, or "My takeaways").
 */
export function defaultTitle(input: Pick<RecapInput, 'event' | 'day' | 'talks' | 'focus'>): string {
  const day = recapDay(input);
  const weekday = day ? weekdayOf(day) : '';
  const name = input.event && hasText(input.event.name) ? input.event.name : '';
  const [only] = input.talks.length === 1 ? input.talks : [];
  if (input.focus === 'takeaways') {
    const subject =
      name && weekday ? `${name}, ${weekday}` : name || (day ? longDate(day) : (only?.talk.title ?? ''));
    return hasText(subject) ? `${subject}: my takeaways` : 'My takeaways';
  }
  if (name && weekday) return `${name}: ${weekday}`;
  if (name) return name;
  if (day) return longDate(day);
  if (only) return only.talk.title;
  return 'Talk notes';
}

/** The recap's day: the one chosen, else the one day all its talks share. */
export function recapDay(input: Pick<RecapInput, 'event' | 'day' | 'talks'>): string {
  if (isDay(input.day)) return input.day;
  const days = new Set(input.talks.map((t) => talkDay(t.talk, input.event)));
  const [only] = days;
  return days.size === 1 && only && isDay(only) ? only : '';
}

/** The moments that go in: live, oldest first, to-dos left out (they are private). */
export function selectMoments(moments: readonly NoteRecord[] = []): NoteRecord[] {
  return selectNotes([...moments], 'all');
}

/**
 * The notes a post shows, per talk and among the moments: what each talk's options let in; for a
 * post of takeaways that has any, only the takeaways (My takeaways lists nothing else then).
 */
export function postedNotes(input: RecapInput): { talks: NoteRecord[][]; moments: NoteRecord[] } {
  input = withoutPrivate(input);
  const talks = input.talks.map((t) =>
    selectNotes(t.notes, t.options?.include ?? DEFAULT_TALK_OPTIONS.include),
  );
  const moments = selectMoments(input.moments);
  if (input.focus !== 'takeaways') return { talks, moments };
  const takeaway = (n: NoteRecord) => shownNote(n).kind === 'takeaway';
  if (![...talks.flat(), ...moments].some(takeaway)) return { talks, moments };
  return { talks: talks.map((list) => list.filter(takeaway)), moments: moments.filter(takeaway) };
}

/**
 * Raw (unescaped) tags of a recap, first seen first: each talk's notes in the post, then the talk's
 * own tags (for a post of takeaways, only of the talks it cites), then the moments' tags.
 */
export function recapTags(input: RecapInput): string[] {
  input = withoutPrivate(input);
  const seen = new Set<string>();
  const posted = postedNotes(input);
  input.talks.forEach((t, i) => {
    const notes = posted.talks[i] ?? [];
    for (const n of notes) for (const tag of n.tags) seen.add(tag);
    if (input.focus === 'takeaways' && notes.length === 0) return;
    for (const tag of t.talk.tags) seen.add(tag);
  });
  for (const n of posted.moments) for (const tag of n.tags) seen.add(tag);
  return [...seen];
}
