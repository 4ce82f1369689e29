/**
 * Note kinds from what the note starts with: `? ` a question for the speaker, `! ` a takeaway,
 * `> ` a quote, `[ ] ` or `TODO ` a to-do. A kind chosen by hand (the toggle) wins over the prefix.
 */
import type { NoteKind } from './types';

const PREFIXES: readonly [RegExp, NoteKind][] = [
  [/^\?\s/, 'question'],
  [/^!\s/, 'takeaway'],
  [/^>\s/, 'quote'],
  [/^(?:[-*+]\s+)?\[ ?\]\s/, 'todo'],
  [/^todo(?::\s*|\s)/i, 'todo'],
];

/** Every kind, in the order pickers list them. */
export const NOTE_KINDS: readonly NoteKind[] = ['note', 'takeaway', 'quote', 'question', 'todo'];

/** Human labels for the kinds. */
export const KIND_LABEL: Record<NoteKind, string> = {
  note: 'Note',
  takeaway: 'Takeaway',
  quote: 'Quote',
  question: 'Question',
  todo: 'To do',
};

/** The prefix that sets each kind, for hints. */
export const KIND_PREFIX: Partial<Record<NoteKind, string>> = {
  takeaway: '! ',
  quote: '> ',
  question: '? ',
  todo: '[ ] ',
};

/** True for a string that names a kind (input from URLs, messages, imports). */
export function isNoteKind(value: unknown): value is NoteKind {
  return typeof value === 'string' && (NOTE_KINDS as readonly string[]).includes(value);
}

/** The kind a body's prefix asks for, or undefined when it has none. */
export function detectKind(body: string): NoteKind | undefined {
  const start = body.trimStart();
  for (const [re, kind] of PREFIXES) if (re.test(start)) return kind;
  return undefined;
}

/**
 * The kind after an edit: the hand-picked one when given; else the new prefix's; else, when the old
 * kind came from a prefix the user just removed, plain `note`; else the old (hand-picked) kind.
 */
export function kindAfterEdit(
  old: { body: string; kind: NoteKind },
  body: string,
  picked?: NoteKind,
): NoteKind {
  if (picked) return picked;
  const detected = detectKind(body);
  if (detected) return detected;
  return detectKind(old.body) === old.kind ? 'note' : old.kind;
}
