/** Notes repository: the only code that writes notes. Every write is one Dexie transaction. */
import { getDb } from './db';
import { newId } from './ids';
import { detectKind, kindAfterEdit } from './kinds';
import { NoteValidationError, validateBody } from './note-rules';
import { mergeTags, parseTags } from './tags';
import type { NoteAnchor, NoteKind, NoteRecord } from './types';

export { MAX_NOTE_CHARS, NoteValidationError, validateBody } from './note-rules';

export interface NewNote {
  body: string;
  url: string;
  pageTitle?: string;
  kind?: NoteKind;
  /** Tags set explicitly (chips, imports); merged with the body's `#tags`. */
  tags?: string[];
  anchor?: NoteAnchor;
  talkId?: string;
  deckId?: string;
  thumbnailId?: string;
}

/** Builds a note record (not yet stored). */
export function buildNote(input: NewNote, now = Date.now()): NoteRecord {
  const body = validateBody(input.body);
  const note: NoteRecord = {
    id: newId(now),
    createdAt: now,
    updatedAt: now,
    url: input.url,
    body,
    tags: mergeTags(parseTags(body), input.tags ?? []),
    kind: input.kind ?? detectKind(body) ?? 'note',
  };
  if (input.pageTitle) note.pageTitle = input.pageTitle;
  if (input.anchor) note.anchor = input.anchor;
  if (input.talkId) note.talkId = input.talkId;
  if (input.deckId) note.deckId = input.deckId;
  if (input.thumbnailId) note.thumbnailId = input.thumbnailId;
  return note;
}

/** Saves a new note. */
export async function createNote(input: NewNote): Promise<NoteRecord> {
  const note = buildNote(input);
  await getDb().notes.add(note);
  return note;
}

export type NotePatch = Partial<Pick<NoteRecord, 'body' | 'kind' | 'talkId' | 'deckId' | 'anchor'>> & {
  /** Explicit tags; when given they replace the previous explicit ones. */
  tags?: string[];
};

/** Edits a note; tags are re-derived from the new body plus explicit tags. */
export async function updateNote(id: string, patch: NotePatch): Promise<NoteRecord> {
  const db = getDb();
  return db.transaction('rw', db.notes, async () => {
    const old = await db.notes.get(id);
    if (!old) throw new NoteValidationError('That note no longer exists.');
    const body = patch.body === undefined ? old.body : validateBody(patch.body);
    const oldExplicit = old.tags.filter((t) => !parseTags(old.body).includes(t));
    const next: NoteRecord = {
      ...old,
      ...patch,
      body,
      tags: mergeTags(parseTags(body), patch.tags ?? oldExplicit),
      kind: kindAfterEdit(old, body, patch.kind),
      updatedAt: Math.max(Date.now(), old.updatedAt + 1),
    };
    await db.notes.put(next);
    return next;
  });
}

/** Moves a note to the trash; {@link restoreNote} brings it back. */
export async function trashNote(id: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.notes, async () => {
    const now = Date.now();
    await db.notes.update(id, { deletedAt: now, updatedAt: now });
  });
}

/** Takes a note out of the trash. */
export async function restoreNote(id: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.notes, async () => {
    const note = await db.notes.get(id);
    if (!note) return;
    const { deletedAt: _gone, ...rest } = note;
    await db.notes.put({ ...rest, updatedAt: Date.now() });
  });
}

/** Notes written on one page (canonical URL), oldest first, without trashed ones. */
export function notesForUrl(url: string): Promise<NoteRecord[]> {
  return getDb()
    .notes.where('url')
    .equals(url)
    .filter((n) => !n.deletedAt)
    .sortBy('createdAt');
}

/** How many live notes a page has. */
export function countNotesForUrl(url: string): Promise<number> {
  return getDb()
    .notes.where('url')
    .equals(url)
    .filter((n) => !n.deletedAt)
    .count();
}

/**
 * One window of notes, newest first, starting below the note id `before`. Ids are ULIDs, so id
 * order is creation order with no ties. Never loads them all.
 */
export function recentNotes(limit: number, before?: string): Promise<NoteRecord[]> {
  const notes = getDb().notes;
  const range = before === undefined ? notes.orderBy(':id') : notes.where(':id').below(before);
  return range
    .reverse()
    .filter((n) => !n.deletedAt)
    .limit(limit)
    .toArray();
}

/** Every tag in use, for autocompletion (read from the multi-entry index, not from the notes). */
export async function knownTags(): Promise<string[]> {
  const keys = await getDb().notes.orderBy('tags').uniqueKeys();
  return keys.map(String);
}
