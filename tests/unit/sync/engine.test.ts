/**
 * The sync round between devices through a real Apache mod_dav started here: each device is an
 * in-memory store with a queue (what storage's write hook would have queued) and a `SyncLocal` over
 * it. Expectations are written by hand: what each device's records must be after the rounds.
 */
import { describe, expect, it } from 'vitest';
import {
  type DeviceState,
  newDevice,
  type QueuedChange,
  recordId,
  type StepInput,
  type StepOutcome,
  type SyncLocal,
  syncRound,
} from '../../../sync/engine';
import { createOrJoinVault, type OpenVault } from '../../../sync/remote/layout';
import { ClonedDeviceError } from '../../../sync/remote/store';
import { webDavStore } from '../../../sync/remote/webdav';
import { serverFor, startApacheDav } from '../../support/dav-servers';

const FAST = { iterations: 100_000 };
const PASS = 'hallway track 2026';
const bodyTags = (body: string) => [...body.matchAll(/#([\p{L}\p{N}_-]+)/gu)].map((m) => m[1]!.toLowerCase());

/** One device: its records, its queue and its sync state, in memory. */
class MemoryDevice implements SyncLocal {
  records = new Map<string, Record<string, unknown>>();
  queue: QueuedChange[] = [];
  device: DeviceState;
  private seq = 0;
  private now = 1_800_000_000_000;

  constructor(id: string) {
    this.device = newDevice(id, `device ${id.slice(0, 4)}`);
  }

  /** A local write, queued as storage's write hook queues it. */
  write(table: string, record: Record<string, unknown>): void {
    const key = String(record.id);
    const old = this.records.get(recordId(table, key));
    this.now += 1000;
    const at = this.now;
    this.records.set(recordId(table, key), record);
    if (!old) this.queue.push({ seq: ++this.seq, table, key, op: 'create', at });
    else {
      const fields = [...new Set([...Object.keys(old), ...Object.keys(record)])].filter(
        (f) => JSON.stringify(old[f]) !== JSON.stringify(record[f]),
      );
      this.queue.push({ seq: ++this.seq, table, key, op: 'update', fields, at });
    }
  }

  get(table: string, key: string) {
    return this.records.get(recordId(table, key));
  }

  async step<T>(decide: (input: StepInput) => StepOutcome<T>): Promise<T> {
    const names = new Map<string, Record<string, unknown>>();
    for (const q of this.queue) {
      const r = this.records.get(recordId(q.table, q.key));
      if (r) names.set(recordId(q.table, q.key), r);
    }
    const out = decide({ device: structuredClone(this.device), queue: [...this.queue], records: names });
    this.device = out.device;
    if (out.consumedThrough !== undefined)
      this.queue = this.queue.filter((q) => q.seq > out.consumedThrough!);
    for (const m of out.writeBack ?? []) {
      if (m.record) this.records.set(recordId(m.table, m.key), m.record);
      else this.records.delete(recordId(m.table, m.key));
    }
    return out.result;
  }
}

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

  it('a note written on one device appears on the other; both edit it offline, both end with both lines', async () => {
    const [va, vb] = await vaults();
    const a = new MemoryDevice('aaaaaaaaaaaaaaaa');
    const b = new MemoryDevice('bbbbbbbbbbbbbbbb');

    a.write('notes', note('N1', 'Quorum reads are slow\nUse the follower read path #etcd'));
    a.write('talks', { id: 'T1', createdAt: 1, updatedAt: 1, title: 'Scaling etcd', speakers: [], tags: [] });
    const first = await syncRound(a, va, { bodyTags });
    expect(first).toMatchObject({ uploaded: expect.any(Number), downloaded: 0, pending: 0 });
    expect(a.queue).toEqual([]);

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
});
