/**
 * Which of the day's notes are in the post, and why the others are not: the composer shows this
 * so that no note is left out silently. Every live note of the recap's talks, of the day's other
 * attended talks and among the day's moments is counted once, under the first reason that holds.
 */
import { isPrivateNote } from '../storage/kinds';
import { withoutTrailingTags } from '../storage/tags';
import type { NoteRecord, TalkRecord } from '../storage/types';
import { DEFAULT_TALK_OPTIONS, postedNotes, type RecapInput, shownNote } from './model';

/** Why a note is not in the post. */
export type OutReason =
  | 'private'
  | 'private-note'
  | 'talk-left-out'
  | 'moment-unticked'
  | 'takeaways-only'
  | 'quotes-only'
  | 'not-takeaway';

export interface CoveredNote {
  note: NoteRecord;
  /** The note's text as the user reads it (no trailing #tags). */
  text: string;
  /** Where it was written: the talk's title, else the page's. */
  where: string;
}

export interface OutGroup {
  reason: OutReason;
  /** "3 to-dos left out: private". */
  label: string;
  notes: CoveredNote[];
  /** For `talk-left-out`: the talks, so the composer can offer to put them back. */
  talks?: TalkRecord[];
}

export interface Coverage {
  /** Every live note counted. */
  total: number;
  /** Of those, the notes in the post. */
  included: number;
  /** "In the post: 14 of 17 notes of the day." */
  summary: string;
  /** The notes not in the post, by reason, in a fixed order. */
  out: OutGroup[];
}

/** What a day recap leaves out by the user's choice (storage/recaps.ts `dayLeftOut`). */
export interface DayLeftOut {
  talks: { talk: TalkRecord; notes: NoteRecord[] }[];
  moments: NoteRecord[];
}

/** "1 note", "2 notes", "0 notes": a count and its noun, in the right number. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

const ORDER: OutReason[] = [
  'private',
  'private-note',
  'talk-left-out',
  'moment-unticked',
  'takeaways-only',
  'quotes-only',
  'not-takeaway',
];

function label(reason: OutReason, n: number, talks: number): string {
  switch (reason) {
    case 'private':
      return `${counted(n, 'to-do')} left out: private`;
    case 'private-note':
      return `${counted(n, 'private note')} left out (tick "Include private notes" to put them in)`;
    case 'talk-left-out':
      return `${counted(n, 'note')} on ${talks === 1 ? 'a talk' : 'talks'} you left out`;
    case 'moment-unticked':
      return `${counted(n, 'moment')} unticked`;
    case 'takeaways-only':
      return `${counted(n, 'note')} left out: takeaways only`;
    case 'quotes-only':
      return `${counted(n, 'note')} left out: quotes only`;
    case 'not-takeaway':
      return `${counted(n, 'note')} left out: not takeaways (this template lists takeaways)`;
  }
}

const live = (notes: readonly NoteRecord[]) => notes.filter((n) => !n.deletedAt);

/** Counts the recap's notes in and out; `leftOut` is what of its day the user left out (none for picked talks). */
export function recapCoverage(input: RecapInput, leftOut?: DayLeftOut): Coverage {
  const groups = new Map<OutReason, OutGroup>();
  const add = (reason: OutReason, note: NoteRecord, where: string, talk?: TalkRecord) => {
    let g = groups.get(reason);
    if (!g) {
      g = { reason, label: '', notes: [] };
      groups.set(reason, g);
    }
    const split = shownNote(note);
    g.notes.push({ note, text: withoutTrailingTags(split.body).trim() || split.body.trim(), where });
    if (talk && !g.talks?.some((t) => t.id === talk.id)) g.talks = [...(g.talks ?? []), talk];
  };
  const isTodo = (n: NoteRecord) => shownNote(n).kind === 'todo';
  const hidden = (n: NoteRecord) => !input.includePrivate && isPrivateNote(n, input.privateTag);
  const pageOf = (n: NoteRecord) => n.pageTitle?.trim() || n.url;

  const posted = postedNotes(input);
  let total = 0;
  let included = 0;
  input.talks.forEach((t, i) => {
    const shown = new Set((posted.talks[i] ?? []).map((n) => n.id));
    const include = t.options?.include ?? DEFAULT_TALK_OPTIONS.include;
    for (const n of live(t.notes)) {
      total++;
      if (shown.has(n.id)) included++;
      else if (isTodo(n)) add('private', n, t.talk.title);
      else if (hidden(n)) add('private-note', n, t.talk.title);
      else if (include === 'takeaways') add('takeaways-only', n, t.talk.title);
      else if (include === 'quotes') add('quotes-only', n, t.talk.title);
      else add('not-takeaway', n, t.talk.title);
    }
  });
  const shownMoments = new Set(posted.moments.map((n) => n.id));
  for (const n of live(input.moments ?? [])) {
    total++;
    if (shownMoments.has(n.id)) included++;
    else add(isTodo(n) ? 'private' : hidden(n) ? 'private-note' : 'not-takeaway', n, pageOf(n));
  }
  for (const { talk, notes } of leftOut?.talks ?? []) {
    for (const n of live(notes)) {
      total++;
      add(isTodo(n) ? 'private' : 'talk-left-out', n, talk.title, talk);
    }
  }
  for (const n of live(leftOut?.moments ?? [])) {
    total++;
    add(isTodo(n) ? 'private' : 'moment-unticked', n, pageOf(n));
  }

  const out = ORDER.flatMap((reason) => {
    const g = groups.get(reason);
    if (!g) return [];
    g.label = label(reason, g.notes.length, g.talks?.length ?? 0);
    return [g];
  });
  const scope = leftOut ? ' of the day' : '';
  const summary =
    total === 0
      ? // Without a day there is only the chosen talks (maybe none): the library may hold notes elsewhere.
        leftOut
        ? `No notes${scope} yet.`
        : 'No notes in this recap yet.'
      : included === total
        ? `In the post: ${total === 1 ? `the one note${scope}` : `all ${counted(total, 'note')}${scope}`}.`
        : `In the post: ${included} of ${counted(total, 'note')}${scope}.`;
  return { total, included, summary, out };
}
