/**
 * Background side of the note messages. Notes are created, edited and trashed here, one writer for
 * the surfaces that show them (they read live with Dexie). Failures come back as a message for the user.
 */
import { parseCapture } from '../capture/schema';
import type { EditNoteResult, FiledUnderInfo, MoveNotesResult, SaveNoteResult } from '../messaging/protocol';
import { type Destination, noteDestination } from '../storage/destination';
import { fileNoteDetailed } from '../storage/file-note';
import type { NotePlace, NotePlacement } from '../storage/move-notes';
import { NoteValidationError } from '../storage/note-rules';
import { copyNoteWithBody, restoreNote, StaleEditError, trashNote, updateNote } from '../storage/notes';
import { setStarred, starCapturedTalk } from '../storage/talks';
import { imageOfTab } from './thumbnail';

async function attempt(what: string, run: () => Promise<string>): Promise<SaveNoteResult> {
  try {
    return { ok: true, id: await run() };
  } catch (e) {
    if (e instanceof NoteValidationError) return { ok: false, error: e.message };
    return {
      ok: false,
      error: `The note could not be ${what}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** Files a note on the page a capture describes (validated again here: it may come from a page). */
export async function saveNoteFromPopup(
  body: string,
  rawCapture: unknown,
  tabId?: number,
  place?: NotePlace,
): Promise<SaveNoteResult> {
  const capture = parseCapture(rawCapture);
  if (!capture) return { ok: false, error: 'This page could not be read, so the note has nowhere to go.' };
  // A note on a slide or a video moment gets a thumbnail of what the tab shows, when it is visible.
  // Taken here, stored with the note in its transaction (storage/file-note.ts): no orphan image.
  const thumbnail = tabId === undefined ? undefined : () => imageOfTab(tabId, capture.slideRect);
  let filedUnder: FiledUnderInfo | undefined;
  const result = await attempt('saved', async () => {
    const filed = await fileNoteDetailed(body, capture, { thumbnail, place });
    filedUnder = filed.filedUnder;
    return filed.note.id;
  });
  return result.ok && filedUnder ? { ...result, filedUnder } : result;
}

/** Files notes under a talk, an event, or their page alone; says where they were, for undo. */
export async function moveNotesTo(run: () => Promise<NotePlacement[]>): Promise<MoveNotesResult> {
  try {
    const previous = await run();
    return { ok: true, moved: previous.length, previous };
  } catch (e) {
    return {
      ok: false,
      error: `The notes could not be moved: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/**
 * Edits a note's body. With `base`, an edit made from an older version than the stored one writes
 * nothing and answers with the note as it is now (`conflict`); `keep: 'both'` saves the text as a
 * new note beside it.
 */
export async function editNote(
  id: string,
  body: string,
  options: { base?: number; keep?: 'both' } = {},
): Promise<EditNoteResult> {
  try {
    if (options.keep === 'both') return { ok: true, id: (await copyNoteWithBody(id, body)).id };
    return { ok: true, id: (await updateNote(id, { body }, { base: options.base })).id };
  } catch (e) {
    if (e instanceof StaleEditError) {
      const { body: current, updatedAt } = e.current;
      return { ok: false, error: e.message, conflict: { body: current, updatedAt } };
    }
    return attempt('saved', () => Promise.reject(e));
  }
}

/** Moves a note to the trash or restores it. */
export function setTrashed(id: string, restore = false): Promise<SaveNoteResult> {
  return attempt(restore ? 'restored' : 'deleted', async () => {
    await (restore ? restoreNote(id) : trashNote(id));
    return id;
  });
}

/** Stars or unstars the talk a note on this page would go under, storing a page's talk first. */
export async function starTalkOf(
  rawCapture: unknown,
  talkId: string | undefined,
  starred: boolean,
): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    if (talkId) {
      await setStarred(talkId, starred);
      return { ok: true };
    }
    const capture = parseCapture(rawCapture);
    if (!capture?.talk) return { ok: false, error: 'This page names no talk to star.' };
    await starCapturedTalk(
      {
        talk: { ...capture.talk, url: capture.talk.url ?? capture.url },
        event: capture.event,
        platform: capture.platform,
        pageUrl: capture.url,
      },
      starred,
    );
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      error: `The talk could not be starred: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** Where a note on this page would go (validated like a note's capture: it may come from a page). */
export async function destinationOf(rawCapture: unknown): Promise<Destination> {
  const capture = parseCapture(rawCapture);
  return capture ? noteDestination(capture) : { choices: [] };
}
