/**
 * The library's note lists: filters that combine (tags AND, kind, event, talks, page, dates,
 * has-thumbnail), answered from indexes as sets of ids, then read one window at a time. A list of
 * every note never loads every note: the first window is read straight off the primary key.
 */
import { getDb } from './db';
import type { SearchHit } from './search/engine';
import { type LibraryFilter, matchesFilter } from './search/filter';
import type { NoteRecord, TalkRecord } from './types';

export type { LibraryFilter } from './search/filter';
export { isEmptyFilter } from './search/filter';

/** Below this many candidates the remaining filters are checked on the records instead of more indexes. */
const CHECK_DIRECTLY = 2000;

/** A resolved note list: how many, and their ids newest first (absent for "every note"). */
export interface NoteSet {
  total: number;
  ids?: string[];
}

/** Ids of trashed notes (the trash is small: it is read whole). */
export async function trashedIds(): Promise<Set<string>> {
  return new Set(await getDb().notes.where('deletedAt').above(0).primaryKeys());
}

/** Talk ids of an event. */
export function eventTalkIds(eventId: string): Promise<string[]> {
  return getDb().talks.where('eventId').equals(eventId).primaryKeys();
}

type Step = () => Promise<string[]>;

/** One index lookup per filter, most selective kinds first. */
function steps(f: LibraryFilter): Step[] {
  const notes = getDb().notes;
  const keys = (c: { primaryKeys(): Promise<string[]> }) => c.primaryKeys();
  const out: Step[] = [];
  if (f.talkIds) {
    const talkIds = f.talkIds;
    out.push(() => (talkIds.length ? keys(notes.where('talkId').anyOf(talkIds)) : Promise.resolve([])));
  }
  if (f.url) out.push(() => keys(notes.where('url').equals(f.url!)));
  for (const tag of f.tags ?? []) out.push(() => keys(notes.where('tags').equals(tag)));
  if (f.eventId) {
    out.push(async () => {
      const talkIds = await eventTalkIds(f.eventId!);
      return talkIds.length ? keys(notes.where('talkId').anyOf(talkIds)) : [];
    });
  }
  if (f.from !== undefined || f.to !== undefined) {
    out.push(() =>
      keys(notes.where('createdAt').between(f.from ?? -Infinity, f.to ?? Infinity, true, false)),
    );
  }
  if (f.hasThumbnail) out.push(() => keys(notes.where('thumbnailId').above('')));
  if (f.kind) out.push(() => keys(notes.where('kind').equals(f.kind!)));
  return out;
}

/** Whether a note passes every filter (used once the candidates are few). */
async function checker(f: LibraryFilter): Promise<(n: NoteRecord) => boolean> {
  const eventTalks = f.eventId ? new Set(await eventTalkIds(f.eventId)) : undefined;
  return (n) =>
    matchesFilter(
      {
        type: 'note',
        kind: n.kind,
        tagList: n.tags,
        talkId: n.talkId,
        eventId: n.talkId && eventTalks?.has(n.talkId) ? f.eventId : undefined,
        url: n.url,
        createdAt: n.createdAt,
        thumb: Boolean(n.thumbnailId),
      },
      f,
    );
}

/** Ids of live notes matching the filter, newest first. */
export async function matchingNoteIds(f: LibraryFilter): Promise<string[]> {
  const db = getDb();
  const trashed = await trashedIds();
  const lookups = steps(f);
  let ids: string[] | undefined;
  for (let i = 0; i < lookups.length; i++) {
    const found = await lookups[i]!();
    ids = ids ? intersect(ids, found) : found;
    if (ids.length === 0) return [];
    if (ids.length <= CHECK_DIRECTLY && i < lookups.length - 1) {
      const check = await checker(f);
      const records = await db.notes.bulkGet(ids);
      ids = records.filter((n): n is NoteRecord => Boolean(n && check(n))).map((n) => n.id);
      break;
    }
  }
  ids ??= await db.notes.toCollection().primaryKeys();
  if (f.untalked) {
    const talked = new Set(await db.notes.orderBy('talkId').primaryKeys());
    ids = ids.filter((id) => !talked.has(id));
  }
  return ids.filter((id) => !trashed.has(id)).sort(descending);
}

function intersect(a: string[], b: string[]): string[] {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(large);
  return [...new Set(small)].filter((id) => set.has(id));
}

const descending = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

/** How many live notes there are (no filter). */
export async function liveNoteCount(): Promise<number> {
  const notes = getDb().notes;
  const [all, trashed] = await Promise.all([notes.count(), notes.where('deletedAt').above(0).count()]);
  return all - trashed;
}

/** Resolves a filter to a note set; with no filter only the count is read. */
export async function resolveNotes(f: LibraryFilter, hasFilter: boolean): Promise<NoteSet> {
  if (!hasFilter) return { total: await liveNoteCount() };
  const ids = await matchingNoteIds(f);
  return { total: ids.length, ids };
}

/** One window of a note set: `limit` notes from position `offset`, newest first. */
export async function notesPage(set: NoteSet, offset: number, limit: number): Promise<NoteRecord[]> {
  const notes = getDb().notes;
  if (!set.ids) {
    if (offset === 0) {
      // A plain key range and a limit, with no filter in the query: Dexie reads it with one getAll
      // (newest first where the browser takes a direction, Chromium 141+), where a filtered query
      // is a cursor that waits on each row in turn — 6–8 ms for 50 rows at 50,000 notes, on every
      // save the open list shows. Trashed notes in the batch are dropped and the next batch read.
      const page: NoteRecord[] = [];
      let below: string | undefined;
      for (;;) {
        const range = below === undefined ? notes.orderBy(':id') : notes.where(':id').below(below);
        const batch = await range.reverse().limit(limit).toArray();
        for (const n of batch) if (!n.deletedAt) page.push(n);
        if (page.length >= limit || batch.length < limit) return page.slice(0, limit);
        below = batch[batch.length - 1]?.id;
      }
    }
    // Deep in the whole list: ids only (no records), then the window.
    set.ids = await matchingNoteIds({});
  }
  const window = set.ids.slice(offset, offset + limit);
  const found = await notes.bulkGet(window);
  return found.filter((n): n is NoteRecord => Boolean(n && !n.deletedAt));
}

/** A row of a library list: a note with its talk, or a search hit with what it points at. */
export interface LibraryRow {
  note?: NoteRecord;
  talk?: TalkRecord;
  hit?: SearchHit;
}

async function talksOf(ids: (string | undefined)[]): Promise<Map<string, TalkRecord>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const talks = await getDb().talks.bulkGet(wanted);
  return new Map(talks.filter((t): t is TalkRecord => Boolean(t)).map((t) => [t.id, t]));
}

/** One window of a note set with each note's talk. */
export async function noteRows(set: NoteSet, offset: number, limit: number): Promise<LibraryRow[]> {
  const db = getDb();
  // One read transaction for the notes and their talks: a save shows up after one round trip.
  return db.transaction('r', db.notes, db.talks, async () => {
    const notes = await notesPage(set, offset, limit);
    const talks = await talksOf(notes.map((n) => n.talkId));
    return notes.map((note) => ({ note, talk: note.talkId ? talks.get(note.talkId) : undefined }));
  });
}

/** Search hits with the notes and talks they point at. */
export async function hitRows(hits: SearchHit[]): Promise<LibraryRow[]> {
  const noteIds = hits.filter((h) => h.type === 'note').map((h) => h.id);
  const notes = new Map(
    (await getDb().notes.bulkGet(noteIds)).filter((n): n is NoteRecord => Boolean(n)).map((n) => [n.id, n]),
  );
  const talks = await talksOf([
    ...hits.filter((h) => h.type === 'talk').map((h) => h.id.slice(2)),
    ...[...notes.values()].map((n) => n.talkId),
  ]);
  return hits.map((hit) => {
    if (hit.type === 'talk') return { hit, talk: talks.get(hit.id.slice(2)) };
    const note = notes.get(hit.id);
    return { hit, note, talk: note?.talkId ? talks.get(note.talkId) : undefined };
  });
}

/** Reads one note (for the note view). */
export function getNote(id: string): Promise<NoteRecord | undefined> {
  return getDb().notes.get(id);
}
