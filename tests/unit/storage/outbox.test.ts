/**
 * The sync queue: every change of a synced table is queued in the writing transaction, whichever
 * repository wrote it; a transaction that fails queues nothing; sync's own write-back is not queued.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX, type OutboxEntry, writeBackQuietly } from '../../../storage/changes';
import { getDb } from '../../../storage/db';
import { createNote, trashNote, updateNote } from '../../../storage/notes';
import { queueWholeLibrary } from '../../../storage/sync-store';
import { upsertTalk } from '../../../storage/talks';

const T0 = 1_700_000_000_000;
const queue = () => getDb().table<OutboxEntry>(OUTBOX).orderBy('seq').toArray();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('sync outbox', () => {
  it('queues creates, field updates and trashes in write order, with their time', async () => {
    const note = await createNote({ body: 'Quorum reads #etcd', url: 'https://a.example/' });
    vi.setSystemTime(T0 + 1000);
    await updateNote(note.id, { body: 'Quorum reads are slow #etcd' });
    vi.setSystemTime(T0 + 2000);
    await trashNote(note.id);
    const talk = await upsertTalk({
      talk: { title: 'Keynote', speakers: [] },
      platform: 'page',
      pageUrl: 'https://k.example/',
    });

    const entries = await queue();
    expect(entries.map(({ seq: _seq, ...e }) => e)).toEqual([
      { table: 'notes', key: note.id, op: 'create', at: T0 },
      { table: 'notes', key: note.id, op: 'update', fields: ['body', 'updatedAt'], at: T0 + 1000 },
      { table: 'notes', key: note.id, op: 'update', fields: ['deletedAt', 'updatedAt'], at: T0 + 2000 },
      { table: 'talks', key: talk.id, op: 'create', at: T0 + 2000 },
    ]);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a! - b!));
  });

  it('queues nothing for a transaction that fails', async () => {
    const db = getDb();
    await expect(
      db.transaction('rw', db.notes, async () => {
        await createNote({ body: 'never saved', url: 'https://a.example/' });
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await db.notes.count()).toBe(0);
    expect(await queue()).toEqual([]);
  });

  it('does not queue sync’s own write-back', async () => {
    const db = getDb();
    await db.transaction('rw', db.notes, async () => {
      writeBackQuietly(Dexie.currentTransaction.idbtrans);
      await db.notes.put({
        id: 'N1',
        createdAt: 1,
        updatedAt: 1,
        url: 'https://a/',
        body: 'merged',
        tags: [],
        kind: 'note',
      });
    });
    expect(await db.notes.count()).toBe(1);
    expect(await queue()).toEqual([]);
    // The next ordinary write is queued again.
    await updateNote('N1', { body: 'edited here' });
    expect((await queue()).map((e) => [e.key, e.op])).toEqual([['N1', 'update']]);
  });
});

describe('queueing the whole library for a first upload', () => {
  it('queues every record as created at its own updatedAt, from the index or, without one, from the records', async () => {
    const db = getDb();
    await db.table(OUTBOX).clear();
    await db.table('notes').bulkPut([
      {
        id: 'N2',
        createdAt: 1,
        updatedAt: T0 + 20,
        url: 'https://a.example/',
        body: 'b',
        tags: [],
        kind: 'note',
      },
      {
        id: 'N1',
        createdAt: 1,
        updatedAt: T0 + 10,
        url: 'https://a.example/',
        body: 'a',
        tags: [],
        kind: 'note',
      },
    ]);
    // Templates have no updatedAt index: read whole.
    await db.table('templates').put({ id: 'TPL1', name: 'Mine', body: '{{ title }}', updatedAt: T0 + 5 });
    await db.table(OUTBOX).clear();

    expect(await queueWholeLibrary(['notes', 'templates', 'nowhere'])).toBe(3);
    expect((await queue()).map(({ seq: _seq, ...e }) => e)).toEqual([
      { table: 'notes', key: 'N1', op: 'create', at: T0 + 10 },
      { table: 'notes', key: 'N2', op: 'create', at: T0 + 20 },
      { table: 'templates', key: 'TPL1', op: 'create', at: T0 + 5 },
    ]);
  });

  it('reads the records when some are missing from the index (no updatedAt): none is left out', async () => {
    const db = getDb();
    await db.table('notes').bulkPut([
      {
        id: 'N1',
        createdAt: 1,
        updatedAt: T0 + 10,
        url: 'https://a.example/',
        body: 'a',
        tags: [],
        kind: 'note',
      },
      { id: 'N0', createdAt: 1, url: 'https://a.example/', body: 'old', tags: [], kind: 'note' },
    ]);
    await db.table(OUTBOX).clear();
    expect(await queueWholeLibrary(['notes'])).toBe(2);
    expect((await queue()).map(({ seq: _seq, ...e }) => e)).toEqual([
      { table: 'notes', key: 'N0', op: 'create', at: T0 },
      { table: 'notes', key: 'N1', op: 'create', at: T0 + 10 },
    ]);
  });
});
