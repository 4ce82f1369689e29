/**
 * How an import writes: records new at planning are added without reading stored versions, and
 * one that appeared since planning is merged (newer `updatedAt` wins) all the same; the sync queue
 * gets a row per written record only while sync is connected (a device state exists), read in the
 * writing transaction. Expected values are written here by hand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyImport, prepareImport } from '../../../storage/backup';
import { type FileRecord, serializeBackup } from '../../../storage/backup/format';
import { OUTBOX, type OutboxEntry } from '../../../storage/changes';
import { getDb } from '../../../storage/db';
import { clearQueue, resetSyncDevice } from '../../../storage/sync-store';

const T0 = 1_700_000_000_000;
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82];

const note = (id: string, body: string, updatedAt: number): FileRecord => ({
  id,
  createdAt: 1,
  updatedAt,
  url: 'https://conf.example/t/1',
  body,
  tags: [],
  kind: 'note',
});

const backup = (notes: FileRecord[], blobs: FileRecord[] = []) =>
  serializeBackup(
    { events: [], talks: [], decks: [], blobs, notes, recaps: [], templates: [] },
    'test',
    new Date(T0),
  );

const queue = async () =>
  (await getDb().table<OutboxEntry>(OUTBOX).orderBy('seq').toArray()).map(({ seq: _seq, ...e }) => e);

async function prepared(text: string) {
  const p = await prepareImport(text, undefined, { now: T0 });
  if (!p.ok) throw new Error(p.error);
  return p;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('import writes', () => {
  it('records stored after planning are merged, not overwritten by older copies nor duplicated', async () => {
    const p = await prepared(
      await backup([
        note('N1', 'From the file', 200),
        note('N2', 'From the file', 200),
        note('N3', 'New', 1),
      ]),
    );
    expect(p.summary.notes).toEqual({ new: 3, updated: 0, unchanged: 0 });
    // Between the summary and the confirm, two of them are saved here (another page, sync).
    await getDb().notes.bulkAdd([
      note('N1', 'Edited here since', 300) as never,
      note('N2', 'Older here', 100) as never,
    ]);

    expect(await applyImport(p.plan)).toBe(2);
    expect(await getDb().notes.get('N1')).toMatchObject({ body: 'Edited here since', updatedAt: 300 });
    expect(await getDb().notes.get('N2')).toMatchObject({ body: 'From the file', updatedAt: 200 });
    expect(await getDb().notes.get('N3')).toMatchObject({ body: 'New', updatedAt: 1 });
    expect(await getDb().notes.count()).toBe(3);
  });

  it('queues nothing for sync while no vault is connected', async () => {
    const p = await prepared(await backup([note('N1', 'One', 5), note('N2', 'Two', 5)]));
    expect(await applyImport(p.plan)).toBe(2);
    expect(await getDb().notes.count()).toBe(2);
    expect(await queue()).toEqual([]);
  });

  it('while connected, queues each record it writes: creates, and updates with the fields that changed', async () => {
    await getDb().notes.add(note('N1', 'Old text', 100) as never);
    await resetSyncDevice({ deviceId: 'd1' });
    const image = {
      id: 'B1',
      createdAt: 1,
      updatedAt: 1,
      mime: 'image/png',
      data: Buffer.from(PNG).toString('base64'),
      width: 4,
      height: 3,
    };
    const p = await prepared(await backup([note('N1', 'New text', 200), note('N2', 'Two', 5)], [image]));
    // Stored after planning: its add fails and it is merged, and queued as the update it is.
    await getDb().notes.add(note('N2', 'Older here', 1) as never);
    await clearQueue(); // the two saves above were queued as any save is; the import's rows follow
    expect(await applyImport(p.plan)).toBe(3);

    expect(await queue()).toEqual([
      { table: 'blobs', key: 'B1', op: 'create', at: T0 },
      { table: 'notes', key: 'N1', op: 'update', fields: ['body', 'updatedAt'], at: T0 },
      { table: 'notes', key: 'N2', op: 'update', fields: ['body', 'updatedAt'], at: T0 },
    ]);
    const blob = await getDb().blobs.get('B1');
    expect(blob?.data).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await blob!.data.arrayBuffer())]).toEqual(PNG);
  });
});
