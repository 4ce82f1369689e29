/**
 * The background's sync service through a real Apache mod_dav (started here) and the extension's
 * database: a change saved while a round is on the network is not left behind. The round's last
 * step takes in changes made meanwhile (after its upload): the service sends them in a round right
 * after, so when "Sync now" ends with nothing waiting, the server has every change made before it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectSync, syncNow } from '../../../platform/sync-service';
import { getDb } from '../../../storage/db';
import { createNote, updateNote } from '../../../storage/notes';
import { readSyncDevice, readSyncMeta, type SyncStatus } from '../../../storage/sync-store';
import type { DeviceState } from '../../../sync/engine';
import { serverFor, startApacheDav } from '../../support/dav-servers';

const apache = serverFor(startApacheDav);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sync service', () => {
  it('a note edited while a round lists the server is uploaded before "Sync now" ends', async () => {
    const dav = apache();
    const folder = dav.newFolder();
    const note = await createNote({ body: 'Quorum reads are slow', url: 'https://talks.example/raft' });

    const connected = await connectSync(
      { url: folder.url, username: dav.user, password: dav.pass, label: 'A' },
      'hallway track 2026',
    );
    expect(connected).toMatchObject({ ok: true, created: true });
    await syncNow(); // the round Connect started: the note goes up as log 1
    const first = await readSyncDevice<DeviceState>();
    expect(first?.remote.lastOwnSeq).toBe(1);
    expect(first?.pendingCount).toBe(0);
    expect(await getDb().table('syncPending').count()).toBe(0);

    // The next round: while it lists the devices on the server (after it took in the queue, before
    // it merges), the user saves an edit.
    const realFetch = globalThis.fetch;
    let edited = false;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!edited && init?.method === 'PROPFIND' && String(input).endsWith('/devices/')) {
        edited = true;
        await updateNote(note.id, { body: 'Quorum reads are slow\nLease reads are not' });
      }
      return realFetch(input, init);
    });
    const status = await syncNow();

    expect(edited).toBe(true);
    expect(status).toMatchObject({ state: 'idle', waiting: 0 });
    const after = await readSyncDevice<DeviceState>();
    // The edit was sent: nothing pending, and it went up as this device's log 2.
    expect(after?.pendingCount).toBe(0);
    expect(await getDb().table('syncPending').count()).toBe(0);
    expect(after?.remote.lastOwnSeq).toBe(2);
    const kept = await readSyncMeta<SyncStatus>('status');
    expect(kept).toMatchObject({ state: 'idle', waiting: 0 });
  });
});
