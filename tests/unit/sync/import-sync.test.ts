/**
 * A backup import reaches the other device, through a real Apache mod_dav and the extension's
 * database: imported while connected (its rows queued in its transactions), and imported before
 * connecting (no queue rows then: the first upload reads the library from its tables and queues
 * the thumbnails). Expectations are written by hand: B ends with the file's notes and image bytes.
 */
import { describe, expect, it } from 'vitest';
import { databaseSyncLocal } from '../../../platform/sync-local';
import { applyImport, prepareImport } from '../../../storage/backup';
import { type FileRecord, serializeBackup, toBase64 } from '../../../storage/backup/format';
import { getDb, openDatabase, setDb, type TalkmarksDB } from '../../../storage/db';
import { clearQueue, queuedCount, queueWholeLibrary, resetSyncDevice } from '../../../storage/sync-store';
import { parseTags } from '../../../storage/tags';
import { firstUpload, LIBRARY_TABLES, newDevice, syncRound } from '../../../sync/engine';
import { createOrJoinVault } from '../../../sync/remote/vault';
import { webDavStore } from '../../../sync/remote/webdav';
import { serverFor, startApacheDav } from '../../support/dav-servers';

const FAST = { iterations: 100_000 };
const PASS = 'hallway track 2026';
const SLIDE = [
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
];

const dexieLocal = databaseSyncLocal;

const note = (id: string, body: string, extra: object = {}): FileRecord => ({
  id,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  url: 'https://slides.example/raft',
  body,
  tags: parseTags(body),
  kind: 'note',
  ...extra,
});

const BACKUP = () =>
  serializeBackup(
    {
      events: [],
      talks: [],
      decks: [],
      blobs: [
        {
          id: '01JB0000000000000000000B01',
          createdAt: 1_700_000_000_000,
          updatedAt: 1_700_000_000_000,
          mime: 'image/png',
          data: toBase64(new Uint8Array(SLIDE)),
          width: 640,
          height: 360,
        },
      ],
      notes: [
        note('01JB0000000000000000000N01', 'Raft log compaction #raft', {
          thumbnailId: '01JB0000000000000000000B01',
        }),
        note('01JB0000000000000000000N02', 'Joint consensus for membership'),
      ],
      recaps: [],
      templates: [],
    },
    'test',
  );

async function importBackup() {
  const prepared = await prepareImport(await BACKUP());
  if (!prepared.ok) throw new Error(prepared.error);
  return applyImport(prepared.plan);
}

const bytesOf = async (record: { data?: unknown } | undefined) =>
  record?.data instanceof Blob ? [...new Uint8Array(await record.data.arrayBuffer())] : undefined;

describe('a backup import syncs', () => {
  const apache = serverFor(startApacheDav);
  const dbs: TalkmarksDB[] = [];
  const open = (name: string) => {
    const db = openDatabase(`talkmarks-import-sync-${name}-${Math.random().toString(36).slice(2)}`);
    dbs.push(db);
    setDb(db);
  };
  const vaults = async () => {
    const server = apache();
    const url = server.newFolder().url;
    const store = () => webDavStore({ url, username: server.user, password: server.pass });
    const a = await createOrJoinVault(store(), PASS, FAST);
    const b = await createOrJoinVault(store(), PASS, FAST);
    return [a.vault, b.vault] as const;
  };

  /** B, a fresh device of the vault, after one round: the file's notes and thumbnail bytes. */
  async function expectOnB(vb: Awaited<ReturnType<typeof vaults>>[1]) {
    open('b');
    await resetSyncDevice(newDevice('b2b2b2b2b2b2b2b2', 'b'));
    expect(await syncRound(dexieLocal, vb, { bodyTags: parseTags })).toMatchObject({ blobsDownloaded: 1 });
    expect(await getDb().notes.get('01JB0000000000000000000N01')).toMatchObject({
      body: 'Raft log compaction #raft',
      tags: ['raft'],
      thumbnailId: '01JB0000000000000000000B01',
    });
    expect(await getDb().notes.get('01JB0000000000000000000N02')).toMatchObject({
      body: 'Joint consensus for membership',
    });
    expect(await getDb().notes.count()).toBe(2);
    expect(await bytesOf(await getDb().blobs.get('01JB0000000000000000000B01'))).toEqual(SLIDE);
  }

  it('imported while connected: queued with the import, uploaded by the next round, on the other device', async () => {
    const [va, vb] = await vaults();
    try {
      open('a');
      await resetSyncDevice(newDevice('a2a2a2a2a2a2a2a2', 'a'));
      expect(await importBackup()).toBe(3);
      expect(await queuedCount()).toBe(3);
      expect(await syncRound(dexieLocal, va, { bodyTags: parseTags })).toMatchObject({
        blobsUploaded: 1,
        pending: 0,
      });
      expect(await queuedCount()).toBe(0);
      await expectOnB(vb);
    } finally {
      for (const db of dbs.splice(0)) await db.delete();
    }
  });

  it('imported before connecting: nothing queued, and connecting still uploads all of it', async () => {
    const [va, vb] = await vaults();
    try {
      open('a');
      expect(await importBackup()).toBe(3);
      expect(await queuedCount()).toBe(0);
      // Connecting, as platform/sync-service.ts does: the library is read whole, thumbnails queued.
      await resetSyncDevice(firstUpload(newDevice('a3a3a3a3a3a3a3a3', 'a'), LIBRARY_TABLES));
      await clearQueue();
      expect(await queueWholeLibrary(['blobs'])).toBe(1);
      expect(await syncRound(dexieLocal, va, { bodyTags: parseTags })).toMatchObject({
        blobsUploaded: 1,
        pending: 0,
      });
      await expectOnB(vb);
    } finally {
      for (const db of dbs.splice(0)) await db.delete();
    }
  });
});
