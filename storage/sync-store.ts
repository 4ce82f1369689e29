/**
 * Sync's side of the database: its steps (one read-write transaction each: the device's sync state,
 * the queue the write hook filled, the records it names; then what the step decided, committed
 * together), its kept settings and status, and queueing the whole library once for a first upload.
 * The decisions are sync/engine.ts's; this file only reads and writes. Types are structural, so
 * storage does not import sync (see docs/architecture.md).
 */
import Dexie from 'dexie';
import { OUTBOX, type OutboxEntry, SYNCED_TABLES, writeBackQuietly } from './changes';
import { getDb } from './db';

/** What the user typed in the options page's Sync section. */
export interface SyncSettings {
  /** Where the vault lives: a WebDAV folder (default) or an S3-compatible bucket. */
  transport?: 'webdav' | 's3';
  /** WebDAV: the folder's URL. S3: the service endpoint (`https://s3.eu-central-1.amazonaws.com`). */
  url: string;
  /** WebDAV: user name. S3: access key id. */
  username: string;
  /** WebDAV: password. S3: secret access key. */
  password: string;
  /** S3 only. */
  region?: string;
  bucket?: string;
  /** This browser's name in the vault ("Chromium on laptop"). */
  label: string;
  paused?: boolean;
}

/** The status line's facts, kept here (`status`) for the options page and the side panel to follow. */
export interface SyncStatus {
  state: 'off' | 'idle' | 'syncing' | 'paused' | 'error';
  lastSyncAt?: number;
  /** Changes made here that the server does not have yet. */
  waiting?: number;
  /** The last error in words, with what to do. */
  error?: string;
  /** The vault key's fingerprint, the same on every device of the vault. */
  fingerprint?: string;
  /** When the last round ended (ok or not). */
  at?: number;
}

/** A queued change with its place in the queue. */
export type QueuedEntry = OutboxEntry & { seq: number };

/** What a step reads besides the device state (sync/device.ts `StepAsk`). */
export interface SyncStepAsk<S> {
  /** The queue, and the stored records it names (default: true). */
  queue?: boolean;
  /** The operations waiting for upload (default: false). */
  pending?: boolean;
  /** The replica records to read, by id, given the kept state and the queue (default: none). */
  replica?: (device: S, queue: readonly QueuedEntry[]) => readonly string[];
  /** Every replica record. */
  allReplica?: boolean;
  /** Tables whose stored records to read whole, given the kept state (a first upload). Default: none. */
  library?: (device: S) => readonly string[];
}

export interface SyncStepInput<S> {
  /** The kept device state; undefined before the first connect. */
  device: S | undefined;
  queue: QueuedEntry[];
  records: Map<string, Record<string, unknown>>;
  /** The replica records asked for, by id; absent: none kept. */
  replica: Map<string, unknown>;
  /** The waiting operations, in order (empty unless asked). */
  pending: unknown[];
  /** The tables `ask.library` named, every stored record (absent unless asked). */
  library?: { table: string; records: Record<string, unknown>[] }[];
}

export interface SyncStepOutcome<S, T> {
  device: S;
  consumedThrough?: number;
  writeBack?: { table: string; key: string; record: Record<string, unknown> | undefined }[];
  /** Replica records to put (or, undefined, delete), by id. */
  replica?: ReadonlyMap<string, unknown>;
  appendPending?: readonly unknown[];
  /** The JSON text of what to add (instead of `appendPending`), made by the caller. */
  appendPendingJson?: string;
  /** How many operations `appendPending` holds (its length when absent). */
  appendCount?: number;
  /** Waiting operations done, from the first. */
  dropPending?: number;
  /** `dropPending` is all that waited when the step began: every row goes, none is read. */
  dropAllPending?: boolean;
  result: T;
}

const META = 'syncMeta';
/**
 * The device state, apart from `syncMeta`: a step's transaction holds it for as long as the step
 * runs (seconds on a first sync), and with it in `syncMeta` the status row could not be read
 * meanwhile — the options page said "Not synced yet" while the first sync ran.
 */
export const DEVICE = 'syncDevice';
/** The replica, one row per record: `{ id: table\u0000key, json }` (JSON text: see {@link PendingRow}). */
export const REPLICA = 'syncReplica';
/** Operations waiting for upload, one row per step that made them: `{ seq, count, json }`. */
export const PENDING = 'syncPending';
const id = (table: string, key: string) => `${table}\u0000${key}`;

/** A row of `syncMeta`: the kept vault, the settings, the status. */
interface MetaRow {
  id: 'vault' | 'settings' | 'status';
  value: unknown;
}

/** The one row of `syncDevice`. */
interface DeviceRow {
  id: 'device';
  value: unknown;
}

interface ReplicaRow {
  id: string;
  json: string;
}

/**
 * Operations as the JSON text of their array (and replica records as JSON text): a string is copied
 * in and out of IndexedDB as one block, where the same data as objects took seconds to clone
 * (docs/benchmarks.md, "Sync"), and the engine's records are plain JSON anyway.
 */
interface PendingRow {
  seq?: number;
  count: number;
  json: string;
}

const meta = () => getDb().table<MetaRow, string>(META);

/** Reads one kept sync value (undefined: never written). */
export async function readSyncMeta<T>(name: MetaRow['id']): Promise<T | undefined> {
  return (await meta().get(name))?.value as T | undefined;
}

/** Writes (or with `undefined`, removes) one kept sync value. */
export async function writeSyncMeta(name: MetaRow['id'], value: unknown): Promise<void> {
  if (value === undefined) await meta().delete(name);
  else await meta().put({ id: name, value });
}

/**
 * Starts this device's sync state afresh (or, `undefined`, forgets it): the state, its replica and
 * its waiting operations, together.
 */
export async function resetSyncDevice(device: unknown): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [DEVICE, REPLICA, PENDING], async () => {
    await db.table(REPLICA).clear();
    await db.table(PENDING).clear();
    if (device === undefined) await db.table(DEVICE).delete('device');
    else await db.table<DeviceRow, string>(DEVICE).put({ id: 'device', value: device });
  });
}

/** This device's kept sync state (undefined: not connected). */
export async function readSyncDevice<T>(): Promise<T | undefined> {
  return (await getDb().table<DeviceRow, string>(DEVICE).get('device'))?.value as T | undefined;
}

/** Removes the first `count` waiting operations (whole rows, and the front of a row cut in two). */
async function dropPending(count: number): Promise<void> {
  const table = getDb().table<PendingRow, number>(PENDING);
  let left = count;
  while (left > 0) {
    const row = await table.orderBy('seq').first();
    if (!row || row.seq === undefined) return;
    if (row.count <= left) {
      await table.delete(row.seq);
      left -= row.count;
    } else {
      const entries = JSON.parse(row.json) as unknown[];
      // A row of grouped operations (sync/ops.ts `groupOps`) is only ever dropped whole.
      if (entries.length !== row.count) throw new Error('A row of waiting sync operations cannot be cut');
      const rest = entries.slice(left);
      await table.put({ seq: row.seq, count: rest.length, json: JSON.stringify(rest) });
      left = 0;
    }
  }
}

/**
 * One sync step. `decide` is synchronous and sees the kept device state, and what `ask` names: the
 * queue in write order with the stored records it names, the replica records, the waiting
 * operations; its outcome — the new device state, the queue consumed through a seq, merged records
 * to put or delete (not queued again), replica records, operations added or done — commits in the
 * same transaction, or nothing does when it throws.
 */
export async function syncStep<S, T>(
  decide: (input: SyncStepInput<S>) => SyncStepOutcome<S, T>,
  ask: SyncStepAsk<S> = { queue: true },
): Promise<T> {
  const db = getDb();
  const tables = [...SYNCED_TABLES].filter((t) => db.tables.some((x) => x.name === t));
  return db.transaction('rw', [...tables, OUTBOX, DEVICE, REPLICA, PENDING], async () => {
    // The write-back below is the merge's own: not a change to queue and upload again.
    writeBackQuietly(Dexie.currentTransaction.idbtrans);
    const device = (await db.table<DeviceRow, string>(DEVICE).get('device'))?.value as S | undefined;
    const queue =
      ask.queue === false ? [] : await db.table<QueuedEntry, number>(OUTBOX).orderBy('seq').toArray();
    const records = new Map<string, Record<string, unknown>>();
    const byTable = new Map<string, string[]>();
    for (const q of queue) byTable.set(q.table, [...(byTable.get(q.table) ?? []), q.key]);
    for (const [table, keys] of byTable) {
      if (!tables.includes(table)) continue;
      const found = await db.table(table).bulkGet(keys);
      found.forEach((r, i) => {
        if (r) records.set(id(table, keys[i]!), r as Record<string, unknown>);
      });
    }
    const replica = new Map<string, unknown>();
    const ids = device !== undefined && ask.replica ? ask.replica(device, queue) : [];
    if (ask.allReplica)
      await db
        .table<ReplicaRow, string>(REPLICA)
        .each((row) => void replica.set(row.id, JSON.parse(row.json)));
    else if (ids.length) {
      const rows = await db.table<ReplicaRow, string>(REPLICA).bulkGet([...ids]);
      for (const row of rows) if (row) replica.set(row.id, JSON.parse(row.json));
    }
    const pending: unknown[] = [];
    if (ask.pending)
      await db
        .table<PendingRow, number>(PENDING)
        .orderBy('seq')
        .each((row) => {
          for (const op of JSON.parse(row.json) as unknown[]) pending.push(op);
        });

    const named = device !== undefined && ask.library ? ask.library(device) : [];
    const library: { table: string; records: Record<string, unknown>[] }[] = [];
    for (const table of named)
      if (tables.includes(table))
        library.push({ table, records: await db.table<Record<string, unknown>>(table).toArray() });

    const out = decide({ device, queue, records, replica, pending, ...(named.length ? { library } : {}) });

    if (out.consumedThrough !== undefined)
      await db.table(OUTBOX).where('seq').belowOrEqual(out.consumedThrough).delete();
    // Grouped by table, in order per table (a record written twice keeps the later).
    const puts = new Map<string, Map<string, Record<string, unknown> | undefined>>();
    for (const w of out.writeBack ?? []) {
      if (!tables.includes(w.table)) continue;
      const forTable = puts.get(w.table) ?? new Map<string, Record<string, unknown> | undefined>();
      forTable.delete(w.key);
      forTable.set(w.key, w.record ? { ...w.record, id: w.key } : undefined);
      puts.set(w.table, forTable);
    }
    for (const [table, byKey] of puts) {
      const put = [...byKey.values()].filter((r): r is Record<string, unknown> => r !== undefined);
      const gone = [...byKey].filter(([, r]) => r === undefined).map(([k]) => k);
      if (put.length) await db.table(table).bulkPut(put);
      if (gone.length) await db.table(table).bulkDelete(gone);
    }
    if (out.replica?.size) {
      const rows: ReplicaRow[] = [];
      const deletes: string[] = [];
      for (const [rid, rec] of out.replica) {
        if (rec === undefined) deletes.push(rid);
        else rows.push({ id: rid, json: JSON.stringify(rec) });
      }
      if (rows.length) await db.table(REPLICA).bulkPut(rows);
      if (deletes.length) await db.table(REPLICA).bulkDelete(deletes);
    }
    if (out.dropAllPending) await db.table(PENDING).clear();
    else if (out.dropPending) await dropPending(out.dropPending);
    if (out.appendPendingJson && out.appendCount)
      await db
        .table<PendingRow, number>(PENDING)
        .add({ count: out.appendCount, json: out.appendPendingJson });
    else if (out.appendPending?.length)
      await db
        .table<PendingRow, number>(PENDING)
        .add({ count: out.appendCount ?? out.appendPending.length, json: JSON.stringify(out.appendPending) });
    await db.table<DeviceRow, string>(DEVICE).put({ id: 'device', value: out.device });
    return out.result;
  });
}

/**
 * Queues every stored record of the synced tables as created, stamped with its own `updatedAt`:
 * what a device holds is uploaded by its first round after connecting (and merged with the vault).
 */
export async function queueWholeLibrary(tables: readonly string[]): Promise<number> {
  const db = getDb();
  let queued = 0;
  for (const table of tables) {
    const t = db.tables.find((x) => x.name === table);
    if (!t) continue;
    await db.transaction('rw', [table, OUTBOX], async () => {
      const entries: OutboxEntry[] = [];
      const now = Date.now();
      // From the `updatedAt` index: keys only, no record read (10,000 notes are 7 MB to clone).
      // A table without that index, or with records missing from it, is read whole.
      const indexed = t.schema.indexes.some((i) => i.name === 'updatedAt');
      if (indexed && (await t.orderBy('updatedAt').count()) === (await t.count())) {
        const keys = await t.orderBy('updatedAt').keys();
        const ids = await t.orderBy('updatedAt').primaryKeys();
        ids.forEach((key, i) => {
          const at = keys[i];
          entries.push({ table, key: String(key), op: 'create', at: typeof at === 'number' ? at : now });
        });
      } else {
        await t.each((r: { id: string; updatedAt?: number }) => {
          entries.push({ table, key: r.id, op: 'create', at: r.updatedAt ?? now });
        });
      }
      await db.table(OUTBOX).bulkAdd(entries);
      queued += entries.length;
    });
  }
  return queued;
}

/**
 * The bytes of stored thumbnails (blob records) by id, with the Blob their `data` holds: what sync
 * hashes and uploads. Ids not stored, or whose data is not a readable Blob, are absent.
 */
export async function readBlobBytes(
  ids: readonly string[],
): Promise<Map<string, { value: unknown; bytes: Uint8Array }>> {
  const out = new Map<string, { value: unknown; bytes: Uint8Array }>();
  const found = await getDb().blobs.bulkGet([...ids]);
  for (const [i, record] of found.entries()) {
    if (!record || !(record.data instanceof Blob)) continue;
    try {
      out.set(ids[i]!, { value: record.data, bytes: new Uint8Array(await record.data.arrayBuffer()) });
    } catch {
      // A Blob whose file the browser lost: left out, sync does not wait for it.
    }
  }
  return out;
}

/** How many changes wait in the queue (for the status line). */
export function queuedCount(): Promise<number> {
  return getDb().table(OUTBOX).count();
}

/** Empties the queue (sync is off: nothing will read it; connecting queues the whole library). */
export async function clearQueue(): Promise<void> {
  await getDb().table(OUTBOX).clear();
}

/**
 * Calls `listener` after a change is queued in any of this extension's pages (Dexie tells every
 * context of the origin); returns the function that stops it.
 */
export function onQueued(listener: () => void): () => void {
  const handler = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((k) => k.includes(`/${OUTBOX}/`))) listener();
  };
  Dexie.on('storagemutated', handler);
  return () => Dexie.on.storagemutated.unsubscribe(handler);
}
