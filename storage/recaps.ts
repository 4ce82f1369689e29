/** Recaps repository, and the reads that gather talks and notes for the composer. */
import { getDb } from './db';
import { createRecord, softDelete, updateRecord } from './records';
import { talkDay } from './talk-day';
import type { EventRecord, NoteRecord, RecapRecord, TalkRecord } from './types';

/** What a recap shows, as stored: its event, its talks in its order with their live notes (recap/model's input). */
export interface RecapContent {
  title?: string;
  intro?: string;
  outro?: string;
  event?: EventRecord;
  day?: string;
  talks: {
    talk: TalkRecord;
    notes: NoteRecord[];
    options?: NonNullable<RecapRecord['talkOptions']>[string];
  }[];
}

export type RecapFields = Omit<RecapRecord, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

/** Saves a new recap. */
export async function createRecap(fields: RecapFields): Promise<RecapRecord> {
  return createRecord(getDb().recaps, fields);
}

/** Changes a recap; `updatedAt` always moves forward (newer wins in imports and sync). */
export async function updateRecap(id: string, patch: Partial<RecapFields>): Promise<RecapRecord> {
  const recap = await updateRecord(getDb().recaps, id, (old) => ({ ...old, ...patch }), {
    missing: () => new Error('That recap no longer exists.'),
  });
  return recap!;
}

/** Moves a recap to the trash. */
export async function trashRecap(id: string): Promise<void> {
  await softDelete(getDb().recaps, [id]);
}

/** One recap, or undefined when gone or trashed. */
export async function getRecap(id: string): Promise<RecapRecord | undefined> {
  const r = await getDb().recaps.get(id);
  return r && !r.deletedAt ? r : undefined;
}

/** Saved recaps, most recently changed first. */
export async function listRecaps(): Promise<RecapRecord[]> {
  const all = await getDb().recaps.orderBy('updatedAt').reverse().toArray();
  return all.filter((r) => !r.deletedAt);
}

/** Live notes of one talk, oldest first. */
export async function notesOfTalk(talkId: string): Promise<NoteRecord[]> {
  const notes = await getDb().notes.where('talkId').equals(talkId).sortBy('createdAt');
  return notes.filter((n) => !n.deletedAt);
}

/** Talks worth a recap: the user wrote a note on them or starred them. Ordered by start time. */
async function attended(talks: TalkRecord[]): Promise<TalkRecord[]> {
  const db = getDb();
  const live = talks.filter((t) => !t.deletedAt);
  const withNotes = await Promise.all(
    live.map(
      async (t) =>
        t.starredAt !== undefined ||
        (await db.notes
          .where('talkId')
          .equals(t.id)
          .filter((n) => !n.deletedAt)
          .count()) > 0,
    ),
  );
  return live
    .filter((_, i) => withNotes[i])
    .sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a.title.localeCompare(b.title));
}

/** Attended talks of an event, grouped by venue-local day (YYYY-MM-DD, '' for talks without a time). */
export async function attendedByDay(eventId: string): Promise<Map<string, TalkRecord[]>> {
  const db = getDb();
  const [event, talks] = await Promise.all([
    db.events.get(eventId),
    db.talks.where('eventId').equals(eventId).toArray(),
  ]);
  const days = new Map<string, TalkRecord[]>();
  for (const t of await attended(talks)) {
    const day = talkDay(t, event);
    days.set(day, [...(days.get(day) ?? []), t]);
  }
  return new Map([...days].sort(([a], [b]) => (a || '9').localeCompare(b || '9')));
}

/** Attended talks of an event on one venue-local day, in start order. */
export async function talksForDay(eventId: string, day: string): Promise<TalkRecord[]> {
  return (await attendedByDay(eventId)).get(day) ?? [];
}

/** Every live talk the user has notes on or starred, newest first (for picking any talks). */
export async function attendedTalks(limit = 500): Promise<TalkRecord[]> {
  // By last change, not start time: talks captured without a time have no `startsAt` key.
  const talks = await getDb().talks.orderBy('updatedAt').reverse().limit(limit).toArray();
  return (await attended(talks)).reverse();
}

/** Reads what a recap shows: its event, its talks in its order, their notes. */
export async function loadRecapInput(
  recap: Pick<RecapRecord, 'title' | 'eventId' | 'day' | 'talkIds' | 'intro' | 'outro' | 'talkOptions'>,
): Promise<RecapContent> {
  const db = getDb();
  const [event, talks] = await Promise.all([
    recap.eventId ? db.events.get(recap.eventId) : Promise.resolve(undefined),
    db.talks.bulkGet(recap.talkIds),
  ]);
  const present = talks.filter((t): t is TalkRecord => !!t && !t.deletedAt);
  const notes = await Promise.all(present.map((t) => notesOfTalk(t.id)));
  return {
    title: recap.title,
    intro: recap.intro,
    outro: recap.outro,
    event: event && !event.deletedAt ? event : undefined,
    day: recap.day,
    talks: present.map((talk, i) => ({ talk, notes: notes[i] ?? [], options: recap.talkOptions?.[talk.id] })),
  };
}

/** Thumbnails by blob id (mime and bytes), for the notes a recap shows with thumbnails. */
export async function loadThumbnails(
  ids: string[],
): Promise<Map<string, { mime: string; bytes: Uint8Array }>> {
  const unique = [...new Set(ids)];
  const blobs = await getDb().blobs.bulkGet(unique);
  const out = new Map<string, { mime: string; bytes: Uint8Array }>();
  for (const b of blobs) {
    if (b && !b.deletedAt) out.set(b.id, { mime: b.mime, bytes: new Uint8Array(await b.data.arrayBuffer()) });
  }
  return out;
}

/** Every talk with its event and live notes, and the notes filed under no talk (for the archive). */
export async function loadAllNotes(): Promise<{
  talks: { talk: TalkRecord; event?: EventRecord; notes: NoteRecord[] }[];
  loose: NoteRecord[];
}> {
  const db = getDb();
  const [events, talks, notes] = await Promise.all([
    db.events.toArray(),
    db.talks.toArray(),
    db.notes.toArray(),
  ]);
  const eventById = new Map(events.filter((e) => !e.deletedAt).map((e) => [e.id, e]));
  const byTalk = new Map<string, NoteRecord[]>();
  const loose: NoteRecord[] = [];
  for (const n of notes) {
    if (n.deletedAt) continue;
    if (!n.talkId) {
      loose.push(n);
      continue;
    }
    const list = byTalk.get(n.talkId);
    if (list) list.push(n);
    else byTalk.set(n.talkId, [n]);
  }
  const live = talks.filter((t) => !t.deletedAt && byTalk.has(t.id));
  const known = new Set(live.map((t) => t.id));
  for (const [talkId, list] of byTalk) if (!known.has(talkId)) loose.push(...list);
  return {
    talks: live.map((talk) => ({
      talk,
      event: talk.eventId ? eventById.get(talk.eventId) : undefined,
      notes: (byTalk.get(talk.id) ?? []).sort((a, b) => a.createdAt - b.createdAt),
    })),
    loose,
  };
}

/**
 * The event day to suggest for a new recap: the day of the talk the user wrote on last (venue
 * time), with that day's attended talks in start order. Undefined when no note is on a talk of an event.
 */
export async function suggestedDay(): Promise<
  { eventId: string; day: string; talkIds: string[] } | undefined
> {
  const db = getDb();
  let talkId: string | undefined;
  await db.notes
    .orderBy('updatedAt')
    .reverse()
    .until(() => talkId !== undefined)
    .each((n) => {
      if (!n.deletedAt && n.talkId && talkId === undefined) talkId = n.talkId;
    });
  const talk = talkId ? await db.talks.get(talkId) : undefined;
  if (!talk?.eventId) return undefined;
  const event = await db.events.get(talk.eventId);
  const day = talkDay(talk, event);
  const talks = (await attendedByDay(talk.eventId)).get(day) ?? [];
  return day ? { eventId: talk.eventId, day, talkIds: talks.map((t) => t.id) } : undefined;
}
