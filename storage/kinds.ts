/**
 * Note kinds from what the note starts with: `? ` a question for the speaker, `! ` a takeaway,
 * `> ` a quote, `[ ] ` or `TODO ` a to-do. A kind chosen by hand (the toggle) wins over the prefix.
 *
 * The prefix is a way to type the kind, not part of the text: a stored body never starts with one
 * ({@link splitKind} takes it off on save, on edit, in the version 3 schema upgrade and when a
 * backup is imported), and views and exports render the kind their own way.
 */
import { DEFAULT_PRIVATE_TAG, noteSettings } from './settings';
import type { NoteKind } from './types';

export { DEFAULT_PRIVATE_TAG };

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

/** A mark for each kind, shown with (or, in tight rows, for) its label; never part of the text. */
export const KIND_ICON: Record<NoteKind, string> = {
  note: '',
  takeaway: '!',
  quote: '❝',
  question: '?',
  todo: '☐',
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

/** A multi-line block quote (every line starts with `>`, as `capture/quote.ts` writes one). */
const QUOTE_LINE = /^\s*>(?:\s|$)/;

/** The body without one prefix of `kind` (which {@link detectKind} found at its start). */
function stripOne(body: string, kind: NoteKind): string {
  const start = body.trimStart();
  if (kind === 'quote') {
    const lines = start.split('\n');
    if (lines.length > 1 && lines.every((l) => QUOTE_LINE.test(l) || !l.trim())) {
      return lines.map((l) => l.replace(/^\s*>[^\S\n]?/, '')).join('\n');
    }
  }
  for (const [re, k] of PREFIXES) if (k === kind && re.test(start)) return start.replace(re, '');
  return start;
}

/**
 * Splits a body into the kind its prefix asks for and the text without the prefix (trimmed).
 * Repeated prefixes ("! ! Quorum") all go; the first names the kind. A body that is nothing but a
 * prefix ("todo:") keeps it as text: there would be no note left. No prefix: `kind` is undefined
 * and the body comes back trimmed.
 */
export function splitKind(body: string): { kind?: NoteKind; body: string } {
  let text = body.trim();
  let kind: NoteKind | undefined;
  for (let found = detectKind(text); found; found = detectKind(text)) {
    const rest = stripOne(text, found).trim();
    if (!rest) break;
    kind ??= found;
    text = rest;
  }
  return kind ? { kind, body: text } : { body: text };
}

/**
 * A stored note as it is kept now: the prefix off the body and the kind set. The stored kind stays
 * when it is not plain `note` (a hand-picked kind won over the prefix before, and still does);
 * a `note` with a prefix takes the prefix's kind (it was read as that kind wherever it was shown).
 * Returns the same object when there is nothing to change.
 */
export function withKindSplit<T extends { body: string; kind: NoteKind }>(note: T): T {
  const split = splitKind(note.body);
  if (!split.kind) return note;
  return { ...note, body: split.body, kind: note.kind === 'note' ? split.kind : note.kind };
}

/** The prefix that makes a note private (like the kind prefixes, typed, then taken off the text). */
export const PRIVATE_PREFIX = '% ';

const PRIVATE_RE = /^%\s+/;

/**
 * Splits a body into "private" (it starts with `% `, before or after a kind prefix: `% ! Quorum`,
 * `! % Quorum`) and the text without that mark. A body that is nothing but `%` keeps it as text.
 */
export function splitPrivate(body: string): { private: boolean; body: string } {
  const text = body.trim();
  if (PRIVATE_RE.test(text)) {
    const rest = text.replace(PRIVATE_RE, '').trim();
    return rest ? { private: true, body: rest } : { private: false, body: text };
  }
  const kind = detectKind(text);
  if (!kind) return { private: false, body: text };
  const split = splitKind(text);
  if (!PRIVATE_RE.test(split.body)) return { private: false, body: text };
  const rest = split.body.replace(PRIVATE_RE, '').trim();
  // The kind prefix stays for splitKind; only the mark goes.
  return rest
    ? { private: true, body: `${text.slice(0, text.length - split.body.length)}${rest}` }
    : { private: false, body: text };
}

/**
 * True for a note no recap or export shows unless the user includes private notes: marked private
 * (the `% ` prefix or the toggle), or tagged with the private tag (`#private` unless the user named
 * another on the options page: storage/settings.ts; compared without case).
 */
export function isPrivateNote(
  note: { visibility?: string; tags?: readonly string[] },
  privateTag: string = noteSettings().privateTag,
): boolean {
  if (note.visibility === 'private') return true;
  const tag = privateTag.replace(/^#/, '').trim().toLowerCase();
  return !!tag && (note.tags ?? []).some((t) => t.toLowerCase() === tag);
}
