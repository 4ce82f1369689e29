/**
 * A device in memory for the sync round tests: its records, the queue storage's write hook would
 * have filled, and its sync state kept as the extension keeps it (the device state, the replica per
 * record, the waiting operations apart), behind the same {@link SyncLocal} the extension implements.
 */
import {
  type DeviceState,
  type LocalBlobs,
  newDevice,
  type QueuedChange,
  recordId,
  type StepAsk,
  type StoredStepInput,
  type StoredStepOutcome,
  type SyncLocal,
} from '../../../sync/device';
import type { RecordState } from '../../../sync/merge/state';
import { createOrJoinVault } from '../../../sync/remote/vault';
import { memoryStore } from '../../support/memory-store';

/** One device: its records, its queue and its sync state, in memory. */
export class MemoryDevice implements SyncLocal {
  records = new Map<string, Record<string, unknown>>();
  queue: QueuedChange[] = [];
  device: DeviceState;
  /** Records the merge wrote back (a first sync of unchanged records must write none). */
  writesBack = 0;
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

  /** A delete for good (`purge`), queued as storage's write hook queues it. */
  remove(table: string, key: string): void {
    if (!this.records.delete(recordId(table, key))) return;
    this.now += 1000;
    this.queue.push({ seq: ++this.seq, table, key, op: 'delete', at: this.now });
  }

  get(table: string, key: string) {
    return this.records.get(recordId(table, key));
  }

  /** Thumbnails are stored as Blobs, as in the extension's database. */
  blobs: LocalBlobs = {
    read: async (keys) => {
      const out = new Map<string, { value: unknown; bytes: Uint8Array }>();
      for (const key of keys) {
        const data = this.get('blobs', key)?.data;
        if (data instanceof Blob)
          out.set(key, { value: data, bytes: new Uint8Array(await data.arrayBuffer()) });
      }
      return out;
    },
    value: (bytes, mime) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }),
  };

  /** Called as each step starts (1, 2, …): a test saves something "during" a round with it. */
  onStep?: (n: number) => void;
  private steps = 0;

  /** The replica, per record, and the waiting operations, as the extension keeps them apart. */
  replica = new Map<string, RecordState>();
  pending: Array<{ count: number; entries: unknown[] }> = [];

  async step<T>(decide: (input: StoredStepInput) => StoredStepOutcome<T>, ask: StepAsk): Promise<T> {
    this.onStep?.(++this.steps);
    const queue = ask.queue === false ? [] : [...this.queue];
    const names = new Map<string, Record<string, unknown>>();
    for (const q of queue) {
      const r = this.records.get(recordId(q.table, q.key));
      if (r) names.set(recordId(q.table, q.key), r);
    }
    const replica = new Map<string, RecordState>();
    for (const id of ask.allReplica ? this.replica.keys() : (ask.replica?.(this.device, queue) ?? [])) {
      const rec = this.replica.get(id);
      if (rec) replica.set(id, structuredClone(rec));
    }
    // A first upload's tables, read whole (records as stored, in no particular order).
    const tables = ask.library?.(this.device) ?? [];
    const library = tables.map((table) => ({
      table,
      records: [...this.records]
        .filter(([id]) => id.startsWith(`${table}\u0000`))
        .map(([, record]) => record)
        .reverse(),
    }));
    const out = decide({
      device: structuredClone(this.device),
      queue,
      records: names,
      replica,
      pending: ask.pending ? structuredClone(this.pending.flatMap((row) => row.entries)) : [],
      ...(tables.length ? { library } : {}),
    });
    this.device = out.device;
    if (out.consumedThrough !== undefined)
      this.queue = this.queue.filter((q) => q.seq > out.consumedThrough!);
    this.writesBack += out.writeBack?.length ?? 0;
    for (const m of out.writeBack ?? []) {
      if (m.record) this.records.set(recordId(m.table, m.key), m.record);
      else this.records.delete(recordId(m.table, m.key));
    }
    for (const [id, rec] of out.replica ?? []) {
      if (rec) this.replica.set(id, structuredClone(rec));
      else this.replica.delete(id);
    }
    // Rows as the extension keeps them (storage/sync-store.ts): one per step that added some, whole.
    const waiting = this.pending.reduce((n, row) => n + row.count, 0);
    if (out.dropAllPending && out.dropPending !== waiting)
      throw new Error(`dropAllPending with ${out.dropPending} of ${waiting} waiting`);
    let drop = out.dropPending ?? 0;
    while (drop > 0) {
      const row = this.pending.shift();
      if (!row || row.count > drop) throw new Error(`dropPending ${out.dropPending} cuts a row`);
      drop -= row.count;
    }
    if (out.appendPendingJson && out.appendCount)
      this.pending.push({ count: out.appendCount, entries: JSON.parse(out.appendPendingJson) });
    else if (out.appendPending?.length)
      this.pending.push({
        count: out.appendCount ?? out.appendPending.length,
        entries: structuredClone([...out.appendPending]),
      });
    return out.result;
  }
}

/** A note's `#tags`, as the extension reads them (the rounds' `bodyTags` option). */
export const bodyTags = (body: string) =>
  [...body.matchAll(/#([\p{L}\p{N}_-]+)/gu)].map((m) => m[1]!.toLowerCase());

/** A plain note record with `body`, as the round tests write them. */
export const plainNote = (id: string, body: string) => ({
  id,
  createdAt: 1,
  updatedAt: 1,
  url: 'https://x.example/',
  body,
  tags: [] as string[],
});

/** Three devices, ids ordered A < B < C, on one new in-memory vault: the shrunk property cases' set-up. */
export async function threeDevices() {
  const { vault } = await createOrJoinVault(memoryStore(), 'hallway track 2026', { iterations: 100_000 });
  const devices = [
    '0000000000000000000000000A',
    '0000000000000000000000000B',
    '0000000000000000000000000C',
  ].map((id) => new MemoryDevice(id)) as [MemoryDevice, MemoryDevice, MemoryDevice];
  return { vault, devices };
}
