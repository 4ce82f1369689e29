/**
 * The recap input with every record equal by value to one given before replaced by that one.
 * The render worker gets a new structured clone of the day on every keystroke; interned, an
 * unchanged note, talk, notes list or talk entry is the very object of the last compose, so what
 * is remembered by identity (a note's shown kind, whether a list has private notes, its selected
 * notes, the talk models) is found again without reading the text. Each record is compared once,
 * by value (recap/same-value.ts): an edit gives a new object, and only for what changed.
 * The records are read-only to composing, as before. Bounded: the oldest ids are forgotten first.
 */
import type { NoteRecord, TalkRecord } from '../storage/types';
import type { RecapInput, RecapTalkInput } from './input';
import { sameValue } from './same-value';

const MAX_NOTES = 20_000;
const MAX_TALKS = 1_000;

const notes = new Map<string, NoteRecord>();
const talks = new Map<string, RecapTalkInput>();
let moments: NoteRecord[] | undefined;
let talkList: RecapTalkInput[] | undefined;

function bounded<T>(map: Map<string, T>, max: number, key: string, value: T): void {
  if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/** `n`, or the record given before with its id when equal by value; `was` is a guess at that record. */
function note(n: NoteRecord, was?: NoteRecord): NoteRecord {
  // The guess (the note at the same place last time) spares hashing the id: after an edit, every
  // other note is where it was.
  const prev = was !== undefined && was.id === n.id ? was : notes.get(n.id);
  if (prev === n || (prev && sameValue(prev, n))) return prev;
  bounded(notes, MAX_NOTES, n.id, n);
  return n;
}

/** Lists made here: nobody else holds them, so nobody changes them (what is remembered by list is safe). */
const ours = new WeakSet<readonly unknown[]>();

/** True for a list of notes this module made (recap/input.ts remembers by such lists only). */
export function isInterned(list: readonly unknown[]): boolean {
  return ours.has(list);
}

/** The list given before when it holds the same objects in the same order, else `next` (made here). */
function list<T>(prev: readonly T[] | undefined, next: T[]): T[] {
  ours.add(next);
  if (!prev || prev.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (prev[i] !== next[i]) return next;
  return prev as T[];
}

function talkInput(t: RecapTalkInput): RecapTalkInput {
  const prev = talks.get(t.talk.id);
  const talk: TalkRecord = prev && sameValue(prev.talk, t.talk) ? prev.talk : t.talk;
  const was = prev?.notes;
  const out: RecapTalkInput = {
    ...t,
    talk,
    notes: list(
      was,
      t.notes.map((n, i) => note(n, was?.[i])),
    ),
  };
  if (prev && 'options' in t && sameValue(prev.options, t.options)) out.options = prev.options;
  if (prev && 'decks' in t && sameValue(prev.decks, t.decks)) out.decks = prev.decks;
  if (prev && sameValue(prev, out)) return prev;
  bounded(talks, MAX_TALKS, t.talk.id, out);
  return out;
}

/** The input with its records interned (the input object itself is new, as its own fields may be). */
export function internInput(input: RecapInput): RecapInput {
  const out: RecapInput = { ...input, talks: list(talkList, input.talks.map(talkInput)) };
  talkList = out.talks;
  if (input.moments) {
    const was = moments;
    out.moments = list(
      was,
      input.moments.map((n, i) => note(n, was?.[i])),
    );
    moments = out.moments;
  }
  return out;
}

/** Forgets every record (for a cold measure, and tests). */
export function clearInterned(): void {
  notes.clear();
  talks.clear();
  moments = undefined;
  talkList = undefined;
}
