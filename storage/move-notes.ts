/**
 * Moving notes between talks: one note or a selection, to a talk, to an event without a talk (the
 * day's "moments"), or to nothing but its page. Each move returns where the notes were, so it can be
 * undone with {@link placeNotes}. Trashed notes are left alone.
 */
import { getDb } from './db';
import { listEvents } from './events';
import { nextStamp, putRecords } from './records';
import { talkChoices } from './talks';
import type { EventRecord, NoteRecord, TalkRecord } from './types';

/** Where a note is filed: a talk (its event comes from the talk), an event only, or neither. */
export interface NotePlace {
  talkId?: string;
  eventId?: string;
}

/** One note's place, as it was before a move. */
export interface NotePlacement extends NotePlace {
  id: string;
}

function placed(note: NoteRecord, place: NotePlace, now: number): NoteRecord | undefined {
  const talkId = place.talkId || undefined;
  // A note under a talk takes its event from the talk, so it keeps no event of its own.
  const eventId = talkId ? undefined : place.eventId || undefined;
  if (note.talkId === talkId && note.eventId === eventId) return undefined;
  const next: NoteRecord = { ...note, updatedAt: nextStamp(note, now) };
  if (talkId) next.talkId = talkId;
  else delete next.talkId;
  if (eventId) next.eventId = eventId;
  else delete next.eventId;
  return next;
}

async function rewrite(targets: readonly NotePlacement[]): Promise<NotePlacement[]> {
  const db = getDb();
  return db.transaction('rw', db.notes, async () => {
    const now = Date.now();
    const found = await db.notes.bulkGet(targets.map((t) => t.id));
    const previous: NotePlacement[] = [];
    const next: NoteRecord[] = [];
    found.forEach((note, i) => {
      if (!note || note.deletedAt) return;
      const moved = placed(note, targets[i]!, now);
      if (!moved) return;
      previous.push({ id: note.id, talkId: note.talkId, eventId: note.eventId });
      next.push(moved);
    });
    await putRecords(db.notes, next);
    return previous;
  });
}

/** Files the notes under `to`, in one transaction; returns the places of those that moved. */
export function moveNotes(ids: readonly string[], to: NotePlace): Promise<NotePlacement[]> {
  return rewrite([...new Set(ids)].map((id) => ({ id, ...to })));
}

/** Puts notes back where a move found them (undo); returns the places they left. */
export function placeNotes(placements: readonly NotePlacement[]): Promise<NotePlacement[]> {
  return rewrite(placements);
}

/** Where notes can be moved: the starred and recently seen talks, and every event. */
export async function moveDestinations(): Promise<{ talks: TalkRecord[]; events: EventRecord[] }> {
  const [talks, events] = await Promise.all([talkChoices(50), listEvents()]);
  return { talks, events };
}
