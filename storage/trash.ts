/**
 * The trash: notes deleted by the user wait here (a `deletedAt` mark, visible to sync) until they
 * are restored or the trash is emptied. Emptying deletes for good, with their thumbnails.
 */
import type { EntityTable } from 'dexie';
import { getDb } from './db';
import { restore, softDelete } from './records';
import type { BaseRecord, NoteRecord } from './types';

/** The tables of the database (every record in them can go to the trash). */
export type TableName = 'events' | 'talks' | 'decks' | 'notes' | 'blobs' | 'recaps' | 'templates';

const tableOf = (name: TableName) => getDb()[name] as unknown as EntityTable<BaseRecord, 'id'>;

/** Moves records of any table to the trash in one transaction; returns how many were live. */
export function trashRecords(table: TableName, ids: readonly string[]): Promise<number> {
  return softDelete(tableOf(table), ids);
}

/** Takes records of any table out of the trash in one transaction; returns how many came back. */
export function restoreRecords(table: TableName, ids: readonly string[]): Promise<number> {
  return restore(tableOf(table), ids);
}

/** Deletes notes and the thumbnails no remaining note uses (inside the caller's transaction). */
async function dropForGood(gone: readonly NoteRecord[]): Promise<void> {
  const db = getDb();
  await db.notes.bulkDelete(gone.map((n) => n.id));
  const thumbs = [...new Set(gone.map((n) => n.thumbnailId).filter((t): t is string => Boolean(t)))];
  if (!thumbs.length) return;
  const stillUsed = new Set((await db.notes.where('thumbnailId').anyOf(thumbs).keys()).map(String));
  await db.blobs.bulkDelete(thumbs.filter((t) => !stillUsed.has(t)));
}

/** How many notes are in the trash. */
export function trashCount(): Promise<number> {
  return getDb().notes.where('deletedAt').above(0).count();
}

/** One window of the trash, most recently deleted first. */
export function trashedNotes(offset: number, limit: number): Promise<NoteRecord[]> {
  return getDb().notes.where('deletedAt').above(0).reverse().offset(offset).limit(limit).toArray();
}

/** Moves notes to the trash in one transaction. */
export async function trashNotes(ids: readonly string[]): Promise<void> {
  await trashRecords('notes', ids);
}

/** Takes notes out of the trash in one transaction; returns how many came back. */
export function restoreNotes(ids: readonly string[]): Promise<number> {
  return restoreRecords('notes', ids);
}

/**
 * Deletes trashed notes for good (all of them, or those trashed before `before`), and the
 * thumbnails no live note uses any more. Returns how many notes went.
 */
export async function emptyTrash(before = Number.POSITIVE_INFINITY): Promise<number> {
  const db = getDb();
  return db.transaction('rw', db.notes, db.blobs, async () => {
    const gone = await db.notes.where('deletedAt').between(0, before, false, false).toArray();
    if (!gone.length) return 0;
    await dropForGood(gone);
    return gone.length;
  });
}

/** Deletes the given trashed notes for good (live notes are left alone). */
export async function deleteForever(ids: readonly string[]): Promise<number> {
  const db = getDb();
  return db.transaction('rw', db.notes, db.blobs, async () => {
    const notes = await db.notes.bulkGet([...ids]);
    const gone = notes.filter((n): n is NoteRecord => Boolean(n?.deletedAt));
    await dropForGood(gone);
    return gone.length;
  });
}
