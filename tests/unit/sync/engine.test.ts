/**
 * The sync round between devices through a real Apache mod_dav started here: each device is an
 * in-memory store with a queue (what storage's write hook would have queued) and a `SyncLocal` over
 * it. Expectations are written by hand: what each device's records must be after the rounds.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseSyncLocal } from '../../../platform/sync-local';
import { getImage, putImage } from '../../../storage/blobs';
import { getDb, openDatabase, setDb, type TalkmarksDB } from '../../../storage/db';
import { createNote } from '../../../storage/notes';
import { clearQueue, queuedCount, queueWholeLibrary, resetSyncDevice } from '../../../storage/sync-store';
import { parseTags } from '../../../storage/tags';
import { firstUpload, LIBRARY_TABLES, newDevice, syncRound } from '../../../sync/engine';
import { ClonedDeviceError } from '../../../sync/remote/store';
import { createOrJoinVault, type OpenVault } from '../../../sync/remote/vault';
import { webDavStore } from '../../../sync/remote/webdav';
import { serverFor, startApacheDav } from '../../support/dav-servers';
import { MemoryDevice } from './memory-device';

const FAST = { iterations: 100_000 };
const PASS = 'hallway track 2026';
const bodyTags = (body: string) => [...body.matchAll(/#([\p{L}\p{N}_-]+)/gu)].map((m) => m[1]!.toLowerCase());

const note = (id: string, body: string, extra: object = {}) => ({
  id,
  createdAt: 1,
  updatedAt: 1,
  url: 'https://slides.example/deck',
  body,
  tags: bodyTags(body),
  kind: 'note',
  ...extra,
});

describe('sync rounds through Apache WebDAV', () => {
  const apache = serverFor(startApacheDav);
  const vaults = async (): Promise<[OpenVault, OpenVault]> => {
    const server = apache();
    const url = server.newFolder().url;
    const store = () => webDavStore({ url, username: server.user, password: server.pass });
    const a = await createOrJoinVault(store(), PASS, FAST);
    const b = await createOrJoinVault(store(), PASS, FAST);
    expect([a.created, b.created]).toEqual([true, false]);
    return [a.vault, b.vault];
  };

  /** Two devices' vaults in a new folder; the blob files on the server's disk; blob uploads per device. */
  const vaultsOnDisk = async () => {
    const server = apache();
    const folder = server.newFolder();
    const puts = { a: 0, b: 0 };
    const store = (who: 'a' | 'b') =>
      webDavStore({
        url: folder.url,
        username: server.user,
        password: server.pass,
        // PUTs the server took (a first PUT into a missing folder is refused, the folder made, then PUT again).
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          if (init?.method === 'PUT' && String(input).includes('/blobs/') && res.ok) puts[who] += 1;
          return res;
        },
      });
    const a = await createOrJoinVault(store('a'), PASS, FAST);
    const b = await createOrJoinVault(store('b'), PASS, FAST);
    const dir = join(folder.dir, a.vault.dir, 'blobs');
    const files = () => (existsSync(dir) ? readdirSync(dir).sort() : []);
    return { va: a.vault, vb: b.vault, puts, dir, files, server };
  };

  it('a note written on one device appears on the other; both edit it offline, both end with both lines', async () => {
    const [va, vb] = await vaults();
    const a = new MemoryDevice('aaaaaaaaaaaaaaaa');
    const b = new MemoryDevice('bbbbbbbbbbbbbbbb');

    a.write('notes', note('N1', 'Quorum reads are slow\nUse the follower read path #etcd'));
    a.write('talks', { id: 'T1', createdAt: 1, updatedAt: 1, title: 'Scaling etcd', speakers: [], tags: [] });
    // Tags in the order the body names them (the merge lists them in the order they were added).
    a.write('notes', note('N2', 'Raft #zeta then #alpha'));
    const first = await syncRound(a, va, { bodyTags });
    // Uploading what A holds changes none of it: nothing is written back (field order and tag order are no change).
    expect(a.writesBack).toBe(0);
    expect(first).toMatchObject({ uploaded: expect.any(Number), downloaded: 0, pending: 0 });
    expect(a.queue).toEqual([]);

    expect(a.get('notes', 'N2')?.tags).toEqual(['zeta', 'alpha']);
    const got = await syncRound(b, vb, { bodyTags });
    expect(got.downloaded).toBe(1);
    expect(b.get('notes', 'N1')).toMatchObject({
      body: 'Quorum reads are slow\nUse the follower read path #etcd',
      tags: ['etcd'],
    });
    expect(b.get('talks', 'T1')).toMatchObject({ title: 'Scaling etcd' });
    // A write-back is not queued again: nothing to upload from B.
    expect((await syncRound(b, vb, { bodyTags })).uploaded).toBe(0);

    // Both edit the same note while offline: different lines.
    a.write('notes', note('N1', 'Quorum reads are slow on 3.5\nUse the follower read path #etcd'));
    b.write(
      'notes',
      note('N1', 'Quorum reads are slow\nUse the follower read path #etcd\nAsk about learners'),
    );
    await syncRound(a, va, { bodyTags });
    await syncRound(b, vb, { bodyTags });
    await syncRound(a, va, { bodyTags });
    const expected = 'Quorum reads are slow on 3.5\nUse the follower read path #etcd\nAsk about learners';
    expect(a.get('notes', 'N1')?.body).toBe(expected);
    expect(b.get('notes', 'N1')?.body).toBe(expected);
    expect(a.get('notes', 'N1')).toEqual(b.get('notes', 'N1'));
  });

  it('a trash on one device and an edit on the other: the note stays, with the edit', async () => {
    const [va, vb] = await vaults();
    const a = new MemoryDevice('cccccccccccccccc');
    const b = new MemoryDevice('dddddddddddddddd');
    a.write('notes', note('N2', 'Keep me'));
    await syncRound(a, va, { bodyTags });
    await syncRound(b, vb, { bodyTags });
    a.write('notes', { ...a.get('notes', 'N2')!, deletedAt: 5 });
    b.write('notes', { ...b.get('notes', 'N2')!, body: 'Keep me, I was edited' });
    await syncRound(a, va, { bodyTags });
    await syncRound(b, vb, { bodyTags });
    await syncRound(a, va, { bodyTags });
    for (const d of [a, b]) {
      expect(d.get('notes', 'N2')?.body).toBe('Keep me, I was edited');
      expect(d.get('notes', 'N2')?.deletedAt).toBeUndefined();
    }
  });

  it('a copied profile (same device id on two machines) is refused before it writes', async () => {
    const [va, vb] = await vaults();
    const a = new MemoryDevice('eeeeeeeeeeeeeeee');
    a.write('notes', note('N3', 'One'));
    await syncRound(a, va, { bodyTags });
    const copy = new MemoryDevice('eeeeeeeeeeeeeeee');
    copy.write('notes', note('N4', 'Two'));
    await expect(syncRound(copy, vb, { bodyTags })).rejects.toBeInstanceOf(ClonedDeviceError);
    expect(copy.device.remote.lastOwnSeq).toBe(0);
  });

  // A PNG signature and a few bytes: what matters is that B ends with exactly these.
  const SLIDE = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  ];
  const OTHER = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46];
  const image = (id: string, bytes: number[], mime = 'image/png') => ({
    id,
    createdAt: 1,
    updatedAt: 1,
    mime,
    data: new Blob([new Uint8Array(bytes)], { type: mime }),
    width: 320,
    height: 180,
  });
  const bytesOf = async (record: Record<string, unknown> | undefined) => {
    const data = record?.data;
    return data instanceof Blob ? [...new Uint8Array(await data.arrayBuffer())] : undefined;
  };

  it('a note with a thumbnail on one device shows the same bytes on the other', async () => {
    const { va, vb, files, puts } = await vaultsOnDisk();
    const a = new MemoryDevice('f0f0f0f0f0f0f0f0');
    const b = new MemoryDevice('f1f1f1f1f1f1f1f1');
    a.write('blobs', image('IMG1', SLIDE));
    a.write('notes', note('N6', 'The slide with the quorum diagram', { thumbnailId: 'IMG1' }));

    const sent = await syncRound(a, va, { bodyTags });
    expect(sent).toMatchObject({ blobsUploaded: 1, pending: 0 });
    expect(a.queue).toEqual([]);
    expect(files()).toHaveLength(1);
    expect(puts.a).toBe(1);
    // A's own thumbnail is still its Blob with its bytes (not replaced by the reference).
    expect(await bytesOf(a.get('blobs', 'IMG1'))).toEqual(SLIDE);

    const got = await syncRound(b, vb, { bodyTags });
    expect(got).toMatchObject({ blobsDownloaded: 1, blobsWaiting: 0 });
    expect(b.get('notes', 'N6')).toMatchObject({ thumbnailId: 'IMG1' });
    const thumb = b.get('blobs', 'IMG1');
    expect(thumb).toMatchObject({ id: 'IMG1', mime: 'image/png', width: 320, height: 180 });
    expect(thumb?.data).toBeInstanceOf(Blob);
    expect((thumb?.data as Blob | undefined)?.type).toBe('image/png');
    expect(await bytesOf(thumb)).toEqual(SLIDE);
    expect(b.device.wantedBlobs).toBeUndefined();

    // Written back quietly: B has nothing to send, and A gets nothing new to write.
    expect(await syncRound(b, vb, { bodyTags })).toMatchObject({ uploaded: 0, blobsUploaded: 0 });
    expect(await syncRound(a, va, { bodyTags })).toMatchObject({ written: 0, blobsDownloaded: 0 });
    expect(await bytesOf(a.get('blobs', 'IMG1'))).toEqual(SLIDE);
    expect(puts).toEqual({ a: 1, b: 0 });
  });

  it('the same image twice, on one device and on the other, is one file uploaded once', async () => {
    const { va, vb, files, puts } = await vaultsOnDisk();
    const a = new MemoryDevice('f2f2f2f2f2f2f2f2');
    const b = new MemoryDevice('f3f3f3f3f3f3f3f3');
    a.write('blobs', image('IMG1', SLIDE));
    a.write('blobs', image('IMG2', SLIDE));
    a.write('blobs', image('IMG3', OTHER, 'image/jpeg'));
    expect(await syncRound(a, va, { bodyTags })).toMatchObject({ blobsUploaded: 2 });
    expect(files()).toHaveLength(2);
    expect(puts.a).toBe(2);

    // B photographed the same slide: its record is new, its bytes are already in the vault.
    b.write('blobs', image('IMG4', SLIDE));
    const got = await syncRound(b, vb, { bodyTags });
    expect(got).toMatchObject({ blobsUploaded: 0, blobsDownloaded: 3, blobsWaiting: 0 });
    expect(puts.b).toBe(0);
    expect(files()).toHaveLength(2);
    for (const id of ['IMG1', 'IMG2', 'IMG4']) expect(await bytesOf(b.get('blobs', id))).toEqual(SLIDE);
    expect(await bytesOf(b.get('blobs', 'IMG3'))).toEqual(OTHER);

    await syncRound(a, va, { bodyTags });
    expect(await bytesOf(a.get('blobs', 'IMG4'))).toEqual(SLIDE);
    expect(files()).toHaveLength(2);
    expect(puts).toEqual({ a: 2, b: 0 });
  });

  it('a thumbnail file missing or damaged on the server does not stop the round; a later round gets it', async () => {
    const { va, vb, files, dir, server } = await vaultsOnDisk();
    const a = new MemoryDevice('f4f4f4f4f4f4f4f4');
    const b = new MemoryDevice('f5f5f5f5f5f5f5f5');
    a.write('blobs', image('IMG1', SLIDE));
    a.write('notes', note('N7', 'Tail latency slide', { thumbnailId: 'IMG1' }));
    await syncRound(a, va, { bodyTags });
    const [name] = files();
    const path = join(dir, name!);
    const sealed = readFileSync(path);
    // Sealed: the server's file does not hold the image's bytes.
    expect(sealed.includes(Buffer.from(SLIDE))).toBe(false);

    rmSync(path);
    const missing = await syncRound(b, vb, { bodyTags });
    expect(missing).toMatchObject({ downloaded: 1, blobsDownloaded: 0, blobsWaiting: 1 });
    expect(b.get('notes', 'N7')?.body).toBe('Tail latency slide');
    expect(b.get('blobs', 'IMG1')).toBeUndefined();
    expect(Object.keys(b.device.wantedBlobs ?? {})).toEqual(['IMG1']);

    writeFileSync(path, Buffer.from('not a sealed file at all'));
    server.own(path);
    const damaged = await syncRound(b, vb, { bodyTags });
    expect(damaged).toMatchObject({ downloaded: 0, blobsDownloaded: 0, blobsWaiting: 1 });
    expect(b.get('blobs', 'IMG1')).toBeUndefined();

    writeFileSync(path, sealed);
    const again = await syncRound(b, vb, { bodyTags });
    expect(again).toMatchObject({ downloaded: 0, blobsDownloaded: 1, blobsWaiting: 0 });
    expect(await bytesOf(b.get('blobs', 'IMG1'))).toEqual(SLIDE);
  });

  it("through the extension's database: a thumbnail saved on A is a Blob with the same bytes on B, not queued again", async () => {
    const { va, vb, files } = await vaultsOnDisk();
    const dexieLocal = databaseSyncLocal;
    const dbs: TalkmarksDB[] = [];
    const profile = async (name: string, deviceId: string) => {
      const db = openDatabase(`talkmarks-sync-${name}-${Math.random().toString(36).slice(2)}`);
      dbs.push(db);
      setDb(db);
      await resetSyncDevice(newDevice(deviceId, name));
      return db;
    };
    try {
      const dbA = await profile('a', 'a0a0a0a0a0a0a0a0');
      const imageId = await putImage(new Blob([new Uint8Array(SLIDE)], { type: 'image/png' }), 640, 360);
      const made = await createNote({
        body: 'Raft log compaction #raft',
        url: 'https://slides.example/raft',
        thumbnailId: imageId,
      });
      expect(await queuedCount()).toBe(2);
      expect(await syncRound(dexieLocal, va, { bodyTags: parseTags })).toMatchObject({
        blobsUploaded: 1,
        pending: 0,
      });
      expect(await queuedCount()).toBe(0);
      expect(files()).toHaveLength(1);

      await profile('b', 'b0b0b0b0b0b0b0b0');
      expect(await syncRound(dexieLocal, vb, { bodyTags: parseTags })).toMatchObject({
        blobsDownloaded: 1,
        blobsWaiting: 0,
      });
      expect(await getDb().notes.get(made.id)).toMatchObject({ thumbnailId: imageId, tags: ['raft'] });
      const thumb = await getImage(imageId);
      expect(thumb).toMatchObject({ mime: 'image/png', width: 640, height: 360 });
      expect(thumb?.data).toBeInstanceOf(Blob);
      expect(thumb?.data.type).toBe('image/png');
      expect(await bytesOf(thumb as unknown as Record<string, unknown>)).toEqual(SLIDE);
      // The merge's write-back is not a change of B's to send back.
      expect(await queuedCount()).toBe(0);

      // A's own thumbnail stays its Blob after A's next round.
      setDb(dbA);
      await syncRound(dexieLocal, va, { bodyTags: parseTags });
      expect(await bytesOf((await getImage(imageId)) as unknown as Record<string, unknown>)).toEqual(SLIDE);
    } finally {
      for (const db of dbs) await db.delete();
    }
  });

  it("a first upload reads the library from the extension's tables: no queue row per record, a thumbnail first, and a note deleted and put back meanwhile stays", async () => {
    const { va, vb, files } = await vaultsOnDisk();
    const dexieLocal = databaseSyncLocal;
    const dbs: TalkmarksDB[] = [];
    const open = (name: string) => {
      const db = openDatabase(`talkmarks-sync-${name}-${Math.random().toString(36).slice(2)}`);
      dbs.push(db);
      setDb(db);
      return db;
    };
    try {
      open('a');
      // Saved before this browser connects.
      const imageId = await putImage(new Blob([new Uint8Array(SLIDE)], { type: 'image/png' }), 640, 360);
      const one = await createNote({ body: 'Raft log compaction #raft', url: 'https://slides.example/raft' });
      const two = await createNote({
        body: 'Snapshots every 10k entries',
        url: 'https://slides.example/raft',
        thumbnailId: imageId,
      });
      const three = await createNote({
        body: 'Joint consensus for membership',
        url: 'https://slides.example/raft',
      });
      // Connecting, as platform/sync-service.ts does: the library is not queued, thumbnails are.
      await resetSyncDevice(firstUpload(newDevice('a1a1a1a1a1a1a1a1', 'a'), LIBRARY_TABLES));
      await clearQueue();
      expect(await queueWholeLibrary(['blobs'])).toBe(1);
      // Before the first round: a note deleted and put back (an undo), another edited.
      const kept = (await getDb().notes.get(three.id))!;
      await getDb().notes.delete(three.id);
      await getDb().notes.put(kept);
      await getDb().notes.update(one.id, {
        body: 'Raft log compaction #raft\nKeep 3 snapshots',
        updatedAt: 5,
      });
      expect(await queuedCount()).toBe(4);

      const first = await syncRound(dexieLocal, va, { bodyTags: parseTags });
      expect(first).toMatchObject({ blobsUploaded: 1, pending: 0, written: 0 });
      expect(await queuedCount()).toBe(0);
      expect(files()).toHaveLength(1);
      // Nothing left to send: the queued changes were in the records the library step read.
      expect(await syncRound(dexieLocal, va, { bodyTags: parseTags })).toMatchObject({ uploaded: 0 });

      open('b');
      await resetSyncDevice(newDevice('b1b1b1b1b1b1b1b1', 'b'));
      expect(await syncRound(dexieLocal, vb, { bodyTags: parseTags })).toMatchObject({ blobsDownloaded: 1 });
      expect(await getDb().notes.get(one.id)).toMatchObject({
        body: 'Raft log compaction #raft\nKeep 3 snapshots',
        tags: ['raft'],
      });
      expect(await getDb().notes.get(two.id)).toMatchObject({ thumbnailId: imageId });
      expect(await getDb().notes.get(three.id)).toMatchObject({ body: 'Joint consensus for membership' });
      expect(await getDb().notes.count()).toBe(3);
      expect(await bytesOf((await getImage(imageId)) as unknown as Record<string, unknown>)).toEqual(SLIDE);
    } finally {
      for (const db of dbs) await db.delete();
    }
  });

  it('an upload the round could not record is sent again the same next round (the server has it: no clone alarm), and goes once', async () => {
    const [va, vb] = await vaults();
    const a = new MemoryDevice('f8f8f8f8f8f8f8f8');
    const b = new MemoryDevice('f9f9f9f9f9f9f9f9');
    a.write('notes', note('N10', 'Quorum leases #raft', { '2': 'a field named like a number' }));
    a.write('talks', {
      id: 'T10',
      createdAt: 1,
      updatedAt: 1,
      title: 'Leases',
      speakers: ['Ana'],
      tags: ['raft'],
    });
    a.write('notes', { ...note('N11', 'Trashed at once'), deletedAt: 7 });
    // The round dies in its merge step (step 2), after the upload: the service worker stopped.
    a.onStep = (n) => {
      if (n === 2) throw new Error('stopped');
    };
    await expect(syncRound(a, va, { bodyTags })).rejects.toThrow('stopped');
    a.onStep = undefined;
    expect(a.device.inFlight).toEqual({ seq: 1, count: a.device.pendingCount });

    const again = await syncRound(a, va, { bodyTags });
    expect(again).toMatchObject({ pending: 0 });
    expect(a.device.inFlight).toBeUndefined();
    expect(a.device.remote.lastOwnSeq).toBe(1);
    expect(a.pending).toEqual([]);

    await syncRound(b, vb, { bodyTags });
    expect(b.get('notes', 'N10')).toMatchObject({
      body: 'Quorum leases #raft',
      '2': 'a field named like a number',
    });
    expect(b.get('notes', 'N11')).toMatchObject({ deletedAt: 7 });
    expect(b.get('talks', 'T10')).toMatchObject({ title: 'Leases', speakers: ['Ana'] });
  });

  it('a thumbnail saved while a round is on the network waits for the next round, with what came after it', async () => {
    const { va, vb } = await vaultsOnDisk();
    const a = new MemoryDevice('f6f6f6f6f6f6f6f6');
    const b = new MemoryDevice('f7f7f7f7f7f7f7f7');
    a.write('notes', note('N8', 'Before the round'));
    // Steps of this round: convert (which fixes the upload), merge (which records it). Saved just
    // before the merge.
    a.onStep = (n) => {
      if (n !== 2) return;
      a.write('blobs', image('IMG9', OTHER, 'image/jpeg'));
      a.write('notes', note('N9', 'During the round', { thumbnailId: 'IMG9' }));
    };
    const first = await syncRound(a, va, { bodyTags });
    a.onStep = undefined;
    expect(first).toMatchObject({ deferred: 1, pending: 0, blobsUploaded: 0 });
    expect(a.queue.map((q) => q.key)).toEqual(['IMG9', 'N9']);

    const next = await syncRound(a, va, { bodyTags });
    expect(next).toMatchObject({ deferred: 0, pending: 0, blobsUploaded: 1 });
    expect(a.queue).toEqual([]);
    await syncRound(b, vb, { bodyTags });
    expect(b.get('notes', 'N9')).toMatchObject({ body: 'During the round', thumbnailId: 'IMG9' });
    expect(await bytesOf(b.get('blobs', 'IMG9'))).toEqual(OTHER);
  });
});
