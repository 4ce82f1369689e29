/**
 * Background side of the library's writes: kind toggle, tag rename / merge / delete and their undo,
 * trash restore and emptying. One writer, as for notes (platform/note-service.ts); failures come
 * back as a message for the user.
 */
import type { SaveNoteResult, TagChangeResult } from '../messaging/protocol';
import { isNoteKind } from '../storage/kinds';
import { updateNote } from '../storage/notes';
import { deleteTag, renameTag, TagAdminError, type TagChange, undoTagChange } from '../storage/tag-admin';
import { deleteForever, emptyTrash, restoreNotes } from '../storage/trash';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Sets a note's kind by hand. */
export async function setNoteKind(id: string, kind: unknown): Promise<SaveNoteResult> {
  if (!isNoteKind(kind)) return { ok: false, error: 'That is not a kind of note.' };
  try {
    return { ok: true, id: (await updateNote(id, { kind })).id };
  } catch (e) {
    return { ok: false, error: `The note could not be changed: ${message(e)}` };
  }
}

/** Makes a note private or public again (the lock toggle). */
export async function setNoteVisibility(id: string, makePrivate: boolean): Promise<SaveNoteResult> {
  try {
    return { ok: true, id: (await updateNote(id, { visibility: makePrivate ? 'private' : 'public' })).id };
  } catch (e) {
    return { ok: false, error: `The note could not be changed: ${message(e)}` };
  }
}

/** Renames or merges (`to` given) or deletes a tag across every note and talk. */
export async function changeTag(from: string, to?: string): Promise<TagChangeResult> {
  try {
    const change = to === undefined ? await deleteTag(from) : await renameTag(from, to);
    return { ok: true, change };
  } catch (e) {
    if (e instanceof TagAdminError) return { ok: false, error: e.message };
    return { ok: false, error: `The tag could not be changed: ${message(e)}` };
  }
}

/** Undoes a tag change the panel kept. */
export function undoTag(change: TagChange): Promise<{ restored: number; skipped: number }> {
  return undoTagChange(change);
}

/** Restores, deletes for good, or empties the trash. */
export function trashAdmin(action: 'restore' | 'delete' | 'empty', ids: string[] = []): Promise<number> {
  if (action === 'restore') return restoreNotes(ids);
  if (action === 'delete') return deleteForever(ids);
  return emptyTrash();
}
