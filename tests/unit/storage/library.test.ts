import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../storage/db';
import { matchingNoteIds, notesPage, resolveNotes } from '../../../storage/library';
import {
  countKind,
  eventDays,
  eventNoteCounts,
  eventRows,
  talksOn,
  untalkedPages,
} from '../../../storage/library-tree';
import type { EventRecord, NoteRecord, TalkRecord } from '../../../storage/types';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2012, 5, 27, 9);
let seq = 0;

function note(extra: Partial<NoteRecord>): NoteRecord {
  seq++;
  const at = extra.createdAt ?? T0 + seq;
  return {
    id: `N${String(seq).padStart(6, '0')}`,
    createdAt: at,
    updatedAt: at,
    url: 'https://example.org/page',
    body: `note ${seq}`,
    tags: [],
    kind: 'note',
    ...extra,
  };
}

function talk(id: string, eventId: string, startsAt?: string): TalkRecord {
  return {
    id,
    eventId,
    createdAt: 1,
    updatedAt: 1,
    title: `Talk ${id}`,
    speakers: [],
    tags: [],
    startsAt,
    source: { platform: 'test', url: 'https://example.org', capturedAt: 1 },
  };
}

const event = (id: string, name: string, startDate: string): EventRecord => ({
  id,
  name,
  startDate,
  createdAt: 1,
  updatedAt: 1,
});

let n: Record<string, NoteRecord>;

beforeEach(async () => {
  seq = 0;
  const db = getDb();
  await db.events.bulkAdd([
    event('E1', 'Red Hat Summit 2012', '2012-06-26'),
    event('E2', 'FOSDEM', '2013-02-02'),
  ]);
  await db.talks.bulkAdd([
    talk('T1', 'E1', '2012-06-27T10:00:00-04:00'),
    talk('T2', 'E1', '2012-06-27T14:00:00-04:00'),
    talk('T3', 'E1', '2012-06-28T09:00:00-04:00'),
    talk('T4', 'E2'),
  ]);
  n = {
    a: note({ talkId: 'T1', tags: ['glusterfs', 'storage'], kind: 'question', thumbnailId: 'b1' }),
    b: note({ talkId: 'T1', tags: ['glusterfs'] }),
    c: note({ talkId: 'T2', tags: ['storage', 'glusterfs'], createdAt: T0 + DAY }),
    d: note({ talkId: 'T3', tags: ['selinux'], kind: 'todo' }),
    e: note({ talkId: 'T4', tags: ['glusterfs', 'storage'] }),
    f: note({ url: 'https://blog.example.org/a', pageTitle: 'A blog post', tags: ['storage'] }),
    g: note({ url: 'https://blog.example.org/a', tags: ['glusterfs', 'storage'], deletedAt: T0 }),
    h: note({ url: 'https://other.example.org/', kind: 'question' }),
  };
  await db.notes.bulkAdd(Object.values(n));
});

const ids = (...keys: string[]) => keys.map((k) => n[k]!.id);

describe('library filters', () => {
  it('combines tags with AND, newest first, without trashed notes', async () => {
    expect(await matchingNoteIds({ tags: ['glusterfs', 'storage'] })).toEqual(ids('e', 'c', 'a'));
  });
  it('filters by kind, event, talks, page, untalked and thumbnail', async () => {
    expect(await matchingNoteIds({ kind: 'question' })).toEqual(ids('h', 'a'));
    expect(await matchingNoteIds({ eventId: 'E1' })).toEqual(ids('d', 'c', 'b', 'a'));
    expect(await matchingNoteIds({ eventId: 'E1', tags: ['glusterfs'], kind: 'note' })).toEqual(
      ids('c', 'b'),
    );
    expect(await matchingNoteIds({ talkIds: ['T1', 'T3'] })).toEqual(ids('d', 'b', 'a'));
    expect(await matchingNoteIds({ talkIds: [] })).toEqual([]);
    expect(await matchingNoteIds({ url: 'https://blog.example.org/a' })).toEqual(ids('f'));
    expect(await matchingNoteIds({ untalked: true })).toEqual(ids('h', 'f'));
    expect(await matchingNoteIds({ hasThumbnail: true })).toEqual(ids('a'));
    expect(await matchingNoteIds({ eventId: 'missing' })).toEqual([]);
  });
  it('filters by day and date range (createdAt, end exclusive)', async () => {
    expect(await matchingNoteIds({ from: T0 + DAY, to: T0 + 2 * DAY })).toEqual(ids('c'));
    expect(await matchingNoteIds({ to: T0 + DAY, tags: ['storage'] })).toEqual(ids('f', 'e', 'a'));
  });
  it('pages through a set one window at a time', async () => {
    const all = await resolveNotes({}, false);
    expect(all).toEqual({ total: 7 });
    const first = await notesPage(all, 0, 3);
    expect(first.map((x) => x.id)).toEqual(ids('h', 'f', 'e'));
    const deeper = await notesPage(all, 3, 3);
    expect(deeper.map((x) => x.id)).toEqual(ids('d', 'c', 'b'));
    const filtered = await resolveNotes({ tags: ['storage'] }, true);
    expect(filtered.total).toBe(4);
    expect((await notesPage(filtered, 2, 10)).map((x) => x.id)).toEqual(ids('c', 'a'));
  });
  it('fills the first window past trashed notes, however many lie above it', async () => {
    const gone = { deletedAt: T0 };
    await getDb().notes.bulkPut([
      { ...n.h!, ...gone },
      { ...n.f!, ...gone },
      { ...n.e!, ...gone },
    ]);
    const all = await resolveNotes({}, false);
    // h, g, f and e are in the trash: the newest two live notes are d and c.
    expect((await notesPage(all, 0, 2)).map((x) => x.id)).toEqual(ids('d', 'c'));
    expect((await notesPage(all, 0, 1)).map((x) => x.id)).toEqual(ids('d'));
    expect((await notesPage(all, 0, 10)).map((x) => x.id)).toEqual(ids('d', 'c', 'b', 'a'));
  });
});

describe('library browse levels', () => {
  it('lists events newest first with counts', async () => {
    const events = await eventRows();
    expect(events.map((e) => [e.event.name, e.talks])).toEqual([
      ['FOSDEM', 1],
      ['Red Hat Summit 2012', 3],
    ]);
    expect(await eventNoteCounts()).toEqual(
      new Map([
        ['E1', 4],
        ['E2', 1],
      ]),
    );
  });
  it('splits an event into the venue days and lists the talks of a day', async () => {
    expect(await eventDays('E1')).toEqual([
      { day: '2012-06-27', talkIds: ['T1', 'T2'], notes: 3 },
      { day: '2012-06-28', talkIds: ['T3'], notes: 1 },
    ]);
    expect((await eventDays('E2')).map((d) => d.day)).toEqual(['']);
    const talks = await talksOn('E1', '2012-06-27');
    expect(talks.map((t) => [t.talk.id, t.notes])).toEqual([
      ['T1', 2],
      ['T2', 1],
    ]);
  });
  it('groups notes on no talk by page, newest first, with titles', async () => {
    expect(await untalkedPages()).toEqual([
      { url: 'https://other.example.org/', title: 'https://other.example.org/', notes: 1, latestId: n.h!.id },
      { url: 'https://blog.example.org/a', title: 'A blog post', notes: 1, latestId: n.f!.id },
    ]);
  });
  it('counts the kind views', async () => {
    expect(await countKind('question')).toBe(2);
    expect(await countKind('todo')).toBe(1);
  });
});
