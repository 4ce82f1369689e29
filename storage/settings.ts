/**
 * The note settings the user chooses on the options page (issue 16): the tag that makes a note
 * private (default `private`), the words that make a note a promise of slides (default "slides
 * later", "slides will be posted"), and whether a kept promise is told by a system notification.
 *
 * Pure: the values in force for this context, their validation and their defaults. Kept in
 * `storage.local` by platform/note-settings.ts, which loads them before a page renders and keeps
 * them in step; isPrivateNote (storage/kinds.ts) and the promise readers (storage/promises.ts) use
 * them when no value is passed. A context that never loaded them (a unit test, the render worker
 * before its first request) uses the defaults.
 */
import { normalizeTag } from './tags';

/** The tag that makes a note private unless the user names another. */
export const DEFAULT_PRIVATE_TAG = 'private';

/** The words that make a note a promise of slides, unless the user chose others. */
export const DEFAULT_PROMISE_WORDS: readonly string[] = ['slides later', 'slides will be posted'];

/** At most this many promise phrases, each at most {@link MAX_PHRASE_LENGTH} characters. */
export const MAX_PHRASES = 20;
export const MAX_PHRASE_LENGTH = 100;
/** A private tag is a tag (storage/tags.ts, normalizeTag) of at most this many characters. */
export const MAX_TAG_LENGTH = 50;

export interface NoteSettings {
  /** Normalised, without `#`. */
  privateTag: string;
  /** Trimmed, single-spaced, at least one. */
  promiseWords: readonly string[];
  /** Tell a kept promise with a system notification too (needs the optional `notifications` permission). */
  notifySlides: boolean;
}

export const DEFAULT_NOTE_SETTINGS: NoteSettings = Object.freeze({
  privateTag: DEFAULT_PRIVATE_TAG,
  promiseWords: DEFAULT_PROMISE_WORDS,
  notifySlides: false,
});

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A private tag as typed (`#Off Record`, `off-record`): the tag it names, normalised as every tag is
 * (lower case, no `#`, spaces as `-`), or why it cannot be one.
 */
export function checkPrivateTag(raw: string): Checked<string> {
  if (!raw.trim() || !raw.replace(/#/g, '').trim()) return { ok: false, error: 'Name a tag.' };
  const tag = normalizeTag(raw);
  if (!tag) return { ok: false, error: 'A tag needs at least one letter.' };
  if (tag.length > MAX_TAG_LENGTH) {
    return { ok: false, error: `A tag has at most ${MAX_TAG_LENGTH} characters.` };
  }
  return { ok: true, value: tag };
}

/**
 * The promise phrases as typed, one a line: trimmed, spaces collapsed, blank lines and repeats (case
 * aside) dropped. At least one phrase of 3 or more characters, at most {@link MAX_PHRASES}, each at
 * most {@link MAX_PHRASE_LENGTH} characters.
 */
export function checkPromiseWords(raw: string | readonly string[]): Checked<string[]> {
  const lines = typeof raw === 'string' ? raw.split(/\r?\n/) : raw;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const phrase = line.replace(/\s+/g, ' ').trim();
    if (!phrase) continue;
    if (phrase.length < 3)
      return { ok: false, error: `“${phrase}” is too short: write at least 3 characters.` };
    if (phrase.length > MAX_PHRASE_LENGTH) {
      return { ok: false, error: `A phrase has at most ${MAX_PHRASE_LENGTH} characters.` };
    }
    const key = phrase.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(phrase);
  }
  if (out.length === 0) return { ok: false, error: 'Write at least one phrase.' };
  if (out.length > MAX_PHRASES) return { ok: false, error: `At most ${MAX_PHRASES} phrases.` };
  return { ok: true, value: out };
}

/** Settings as stored (any JSON): each valid field kept, anything else the default. */
export function parseNoteSettings(stored: unknown): NoteSettings {
  const o = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const tag = typeof o.privateTag === 'string' ? checkPrivateTag(o.privateTag) : undefined;
  const words =
    Array.isArray(o.promiseWords) && o.promiseWords.every((w) => typeof w === 'string')
      ? checkPromiseWords(o.promiseWords as string[])
      : undefined;
  return {
    privateTag: tag?.ok ? tag.value : DEFAULT_PRIVATE_TAG,
    promiseWords: words?.ok ? words.value : DEFAULT_PROMISE_WORDS,
    notifySlides: o.notifySlides === true,
  };
}

let current: NoteSettings = DEFAULT_NOTE_SETTINGS;
const listeners = new Set<(s: NoteSettings) => void>();

/** The settings in force in this context. */
export function noteSettings(): NoteSettings {
  return current;
}

/** Puts settings in force here (validated again: they may come from storage or a message). */
export function setNoteSettings(next: unknown): NoteSettings {
  current = parseNoteSettings(next);
  for (const l of listeners) l(current);
  return current;
}

/** Called when the settings in force change; returns the unsubscribe. */
export function onNoteSettings(listener: (s: NoteSettings) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
