/** Notes repository: the only code that writes notes. Every write is one Dexie transaction. */
import { getDb } from './db';
import { splitKind, splitPrivate } from './kinds';
import { NoteValidationError, validateBody } from './note-rules';
import {
  addRecord,
  createRecord,
  type Fields,
  newRecord,
  restore,
  softDelete,
  updateRecord,
} from './records';
import { mergeTags, parseTags } from './tags';
import type { BlobRecord, NoteAnchor, NoteKind, NoteRecord, NoteVisibility } from './types';

export { MAX_NOTE_CHARS, NoteValidationError, validateBody } from './note-rules';

export interface NewNote {
  body: string;
  url: string;
  pageTitle?: string;
  kind?: NoteKind;
  /** `private` keeps it out of recaps and exports; a `% ` prefix sets it too. Default: public. */
  visibility?: NoteVisibility;
  /** Tags set explicitly (chips, imports); merged with the body's `#tags`. */
  tags?: string[];
  anchor?: NoteAnchor;
  /** Taken live during its talk: seconds from the talk's start (storage/recordings.ts). */
  talkOffsetSec?: number;
  talkId?: string;
  deckId?: string;
  thumbnailId?: string;
}

/**
 * Builds a note record (not yet stored). A kind prefix (`? `, `! `, `> `, `[ ] `, `TODO `) sets the
 * kind unless one is given, and is taken off the body either way (storage/kinds.ts).
 */
export function buildNote(input: NewNote, now = Date.now()): NoteRecord {
  const marked = splitPrivate(validateBody(input.body));
  const split = splitKind(marked.body);
  const body = split.body;
  const fields: Fields<NoteRecord> = {
    url: input.url,
    body,
    tags: mergeTags(parseTags(body), input.tags ?? []),
    kind: input.kind ?? split.kind ?? 'note',
  };
  if (input.pageTitle) fields.pageTitle = input.pageTitle;
  if (input.visibility === 'private' || (marked.private && input.visibility !== 'public')) {
    fields.visibility = 'private';
  }
  if (input.anchor) fields.anchor = input.anchor;
  if (input.talkId) fields.talkId = input.talkId;
  if (input.deckId) fields.deckId = input.deckId;
  if (input.thumbnailId) fields.thumbnailId = input.thumbnailId;
  if (typeof input.talkOffsetSec === 'number') fields.talkOffsetSec = input.talkOffsetSec;
  return newRecord<NoteRecord>(fields, now);
}

/** A slide image taken for a new note, not stored yet. */
export interface NewImage {
  data: Blob;
  width: number;
  height: number;
}

/**
 * Saves a new note; with `image`, the image and the note are written in one transaction (joined by
 * the caller's when there is one): a note that cannot be written leaves no orphan image behind.
 */
export async function createNote(input: NewNote, image?: NewImage): Promise<NoteRecord> {
  if (!image) return addRecord(getDb().notes, buildNote(input));
  const db = getDb();
  return db.transaction('rw', db.notes, db.blobs, async () => {
    const blob = await createRecord<BlobRecord>(db.blobs, {
      mime: image.data.type,
      data: image.data,
      width: image.width,
      height: image.height,
    });
    return addRecord(db.notes, buildNote({ ...input, thumbnailId: blob.id }));
  });
}

export type NotePatch = Partial<
  Pick<NoteRecord, 'body' | 'kind' | 'talkId' | 'deckId' | 'anchor' | 'visibility'>
> & {
  /** Explicit tags; when given they replace the previous explicit ones. */
  tags?: string[];
};

/**
 * An edit made from a version of the note that is no longer the stored one (another panel, tab or
 * device saved it meanwhile): nothing was written; `current` is the note as it is now.
 */
export class StaleEditError extends Error {
  override name = 'StaleEditError';
  constructor(readonly current: NoteRecord) {
    super('This note was changed elsewhere while you edited it.');
  }
}

/**
 * Edits a note; tags are re-derived from the new body plus explicit tags. A prefix typed in the new
 * body sets the kind (unless `patch.kind` is given) and is taken off, as on save. With
 * `options.base` (the `updatedAt` the edit started from), a note changed since is left as it is and
 * a {@link StaleEditError} thrown, checked inside the write's transaction: no edit overwrites
 * another silently.
 */
export async function updateNote(
  id: string,
  patch: NotePatch,
  options: { base?: number } = {},
): Promise<NoteRecord> {
  const note = await updateRecord(
    getDb().notes,
    id,
    (old) => {
      if (options.base !== undefined && old.updatedAt !== options.base) throw new StaleEditError(old);
      const marked = patch.body === undefined ? undefined : splitPrivate(validateBody(patch.body));
      const split: { kind?: NoteKind; body: string } = marked ? splitKind(marked.body) : { body: old.body };
      const body = split.body;
      // The toggle wins; else a typed `% ` makes the note private; else it stays as it was.
      const visibility = patch.visibility ?? (marked?.private ? 'private' : old.visibility);
      const oldExplicit = old.tags.filter((t) => !parseTags(old.body).includes(t));
      const next: NoteRecord = {
        ...old,
        ...patch,
        body,
        tags: mergeTags(parseTags(body), patch.tags ?? oldExplicit),
        // The hand-picked kind, else the typed prefix's, else the old one (stored bodies carry no prefix).
        kind: patch.kind ?? split.kind ?? old.kind,
      };
      // Public is the default: stored as no field at all.
      if (visibility === 'private') next.visibility = visibility;
      else delete next.visibility;
      return next;
    },
    { missing: () => new NoteValidationError('That note no longer exists.') },
  );
  return note!;
}

/**
 * "Keep both" after a stale edit: the user's text as a new note beside the one changed elsewhere,
 * on the same page, slide, talk and event (tags from its own text plus the other's explicit ones).
 */
export async function copyNoteWithBody(id: string, body: string): Promise<NoteRecord> {
  const db = getDb();
  return db.transaction('rw', db.notes, async () => {
    const source = await db.notes.get(id);
    if (!source) throw new NoteValidationError('That note no longer exists.');
    const explicit = source.tags.filter((t) => !parseTags(source.body).includes(t));
    const copy = buildNote({
      body,
      url: source.url,
      pageTitle: source.pageTitle,
      anchor: source.anchor,
      talkId: source.talkId,
      deckId: source.deckId,
      thumbnailId: source.thumbnailId,
      tags: explicit,
      // A kind prefix typed in the text sets the kind, else the note keeps the one it had.
      kind: splitKind(body).kind ?? source.kind,
      visibility: source.visibility,
    });
    if (source.eventId) copy.eventId = source.eventId;
    return addRecord(db.notes, copy);
  });
}

/** Moves a note to the trash; {@link restoreNote} brings it back. */
export async function trashNote(id: string): Promise<void> {
  await softDelete(getDb().notes, [id]);
}

/** Takes a note out of the trash. */
export async function restoreNote(id: string): Promise<void> {
  await restore(getDb().notes, [id]);
}

/** Notes written on one page (canonical URL), oldest first, without trashed ones. */
export async function notesForUrl(url: string): Promise<NoteRecord[]> {
  // One `getAll` on the index, filtered and sorted here: a Dexie filter reads with a cursor, one
  // record at a time (5× slower for a page's 220 notes).
  const all = await getDb().notes.where('url').equals(url).toArray();
  return all.filter((n) => !n.deletedAt).sort((a, b) => a.createdAt - b.createdAt);
}

/** How many live notes a page has. */
export function countNotesForUrl(url: string): Promise<number> {
  return getDb()
    .notes.where('url')
    .equals(url)
    .filter((n) => !n.deletedAt)
    .count();
}

/** Every tag in use, for autocompletion (read from the multi-entry index, not from the notes). */
export async function knownTags(): Promise<string[]> {
  const keys = await getDb().notes.orderBy('tags').uniqueKeys();
  return keys.map(String);
}
