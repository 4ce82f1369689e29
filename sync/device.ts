/**
 * What a device keeps between rounds, and how a round's steps see it.
 *
 * The replica (every record's merge registers) grows with the library: 13 MB at 10,000 notes. It
 * is therefore kept per record, beside a small device state, and a step reads only the records it
 * names — the queued changes', the received operations' and their conflict copies' — and writes
 * back only those. The operations waiting for upload are kept as rows of their own, read only by
 * the step that fixes an upload. So a round that carries one edited note reads and writes
 * kilobytes, whatever the library's size (docs/benchmarks.md, "Sync").
 *
 * {@link SyncLocal} is implemented by the extension over its database (storage/sync-store.ts
 * through platform/sync-service.ts) and by the tests in memory.
 */
import type { Hlc } from './hlc';
import { emptyState, type RecordState, type ReplicaState, slot } from './merge/state';
import { groupOps, type Op, ungroupOps } from './ops';
import type { LocalSyncState } from './remote/scan';
import { CONFLICT_OF, CONFLICT_VERSION, TEXT_FIELDS } from './schema';

/** The replica's small parts: everything but its records. */
export type ReplicaHeader = Omit<ReplicaState, 'tables'>;

/** What this device keeps between rounds (plain JSON; the replica's records are kept apart). */
export interface DeviceState {
  deviceId: string;
  /** A name the user recognises, written into this device's head ("Chromium on laptop"). */
  label: string;
  replica: ReplicaHeader;
  /** The last stamp this device's clock issued or received. */
  clock?: Hlc;
  /** How many operations, converted from local changes, wait for upload (kept as rows apart). */
  pendingCount: number;
  remote: LocalSyncState;
  /**
   * The upload under way: the first `count` pending operations go as log file `seq`. Kept until the
   * upload is recorded, so a retry sends the very same file (which the server then already has).
   */
  inFlight?: { seq: number; count: number };
  /** When a round last completed (epoch ms). */
  lastSyncAt?: number;
  /**
   * A first upload under way: the tables whose stored records the next step converts whole, read
   * straight from storage (connecting queues no change per record: 11,000 queue rows written, read
   * and deleted cost seconds). Set with a fresh replica only (see {@link firstUpload}).
   */
  library?: string[];
  /**
   * Queue entries of the library's tables up to this seq were read with the library (its records
   * as stored then include them): they are consumed without converting. Converting them again
   * could turn a delete followed by a re-create of the same record into a purge of it.
   */
  libraryThrough?: number;
  /** This device's newest snapshot in the vault (its seq: the own log it covers through). */
  lastSnapshot?: number;
  /**
   * Blob records merged here whose bytes this device does not hold yet, by key, as the merge has
   * them (`data` a BlobRef): written to storage once their file is downloaded and checked.
   */
  wantedBlobs?: Record<string, Record<string, unknown>>;
}

/** A queued local change (storage/changes.ts `OutboxEntry` with its sequence number). */
export interface QueuedChange {
  seq: number;
  table: string;
  key: string;
  op: 'create' | 'update' | 'delete';
  fields?: string[];
  at: number;
}

/** What a step asks to read besides the device state. */
export interface StepAsk {
  /** The queue, the stored records it names and their replica records (default: true). */
  queue?: boolean;
  /** The operations waiting for upload (default: false). */
  pending?: boolean;
  /**
   * The replica records to read, by {@link recordId}, given the kept state and the queue read
   * (called inside the step's transaction; {@link replicaIdsFor} makes it). Default: none.
   */
  replica?: (device: DeviceState, queue: readonly QueuedChange[]) => readonly string[];
  /** Every replica record (a snapshot of this device's state). */
  allReplica?: boolean;
  /** The tables whose stored records to read whole (a first upload: `device.library`). Default: none. */
  library?: (device: DeviceState) => readonly string[];
}

/** Stored records of one table, read whole for a first upload. */
export interface LibraryTable {
  table: string;
  records: readonly Record<string, unknown>[];
}

/** What a step reads, as {@link SyncLocal} hands it over. */
export interface StoredStepInput {
  device: DeviceState;
  queue: readonly QueuedChange[];
  /** The stored record now, by `table\u0000key`, for every key in `queue`; absent: none stored. */
  records: ReadonlyMap<string, Record<string, unknown>>;
  /** The replica records asked for; absent: the replica has none. */
  replica: ReadonlyMap<string, RecordState>;
  /** The waiting operations, in order (empty unless asked), as kept: grouped (`ungroupOps` reads them). */
  pending: readonly unknown[];
  /** The tables `ask.library` named, read whole (absent unless asked). */
  library?: readonly LibraryTable[];
}

/** A merged or stored record to write back (`record` undefined: delete it). */
export interface WriteBack {
  table: string;
  key: string;
  record: Record<string, unknown> | undefined;
}

/** What a step commits, as {@link SyncLocal} takes it. */
export interface StoredStepOutcome<T> {
  device: DeviceState;
  /** Queue entries with `seq` at or below this are done (removed). */
  consumedThrough?: number;
  /** Records to put (or delete) — written without being queued again. */
  writeBack?: WriteBack[];
  /** Replica records to put (or, undefined, delete), by {@link recordId}. */
  replica?: ReadonlyMap<string, RecordState | undefined>;
  /**
   * Operations to add after the waiting ones, kept grouped as in a log file (`groupOps`: half the
   * JSON of a first upload); the store keeps them as one row, which is dropped whole.
   */
  appendPending?: readonly unknown[];
  /** The JSON of `appendPending`, when the step made it (instead of `appendPending`). */
  appendPendingJson?: string;
  /** How many operations `appendPending` holds. */
  appendCount?: number;
  /** How many waiting operations, from the first, are done (uploaded). */
  dropPending?: number;
  /**
   * `dropPending` is every operation that waited when the step began: the store may drop them all
   * without reading how many each of its rows holds (a first upload's row is megabytes).
   */
  dropAllPending?: boolean;
  result: T;
}

/** A device's blob bytes, read and made outside the steps (hashing and the network are asynchronous). */
export interface LocalBlobs {
  /**
   * The stored blob records' bytes by key, with the value their `data` field holds (a Blob in the
   * extension). Keys not stored, or whose bytes cannot be read, are absent.
   */
  read(keys: readonly string[]): Promise<Map<string, { value: unknown; bytes: Uint8Array }>>;
  /** The value a blob record's `data` field holds for downloaded bytes (the extension: a Blob of `mime`). */
  value(bytes: Uint8Array, mime: string): unknown;
}

export interface SyncLocal {
  /**
   * Reads what `ask` names, runs `decide`
   * (synchronous) and commits its outcome — all in one read-write transaction.
   */
  step<T>(decide: (input: StoredStepInput) => StoredStepOutcome<T>, ask: StepAsk): Promise<T>;
  /** Blob bytes. Without it, blob records do not sync (their changes are dropped from the queue). */
  blobs?: LocalBlobs;
}

export const recordId = (table: string, key: string): string => `${table}\u0000${key}`;

/** A fresh device state (a new id, nothing applied, nothing written). */
export function newDevice(deviceId: string, label: string): DeviceState {
  const { tables: _none, ...replica } = emptyState();
  return { deviceId, label, replica, pendingCount: 0, remote: { deviceId, lastOwnSeq: 0, cursor: {} } };
}

/**
 * A fresh device state whose first round uploads what this browser holds: the records of `tables`
 * are read and converted whole by its first step, without a queue entry each.
 */
export function firstUpload(device: DeviceState, tables: readonly string[]): DeviceState {
  return { ...device, library: [...tables] };
}

/**
 * The replica records a step must read: those named, and for notes their conflict copies both
 * ways — a copy reads its original's versions, and a note's copies change with it (merge/copies.ts).
 */
export function replicaIdsFor(
  device: DeviceState,
  named: Iterable<{ table: string; key: string }>,
  ids: readonly string[] = [],
): string[] {
  const out = new Set(ids);
  for (const n of named) out.add(recordId(n.table, n.key));
  const copies = Object.entries(device.replica.copies);
  if (!copies.length) return [...out];
  const byNote = new Map<string, string[]>();
  for (const [copy, [note]] of copies) byNote.set(note, [...(byNote.get(note) ?? []), copy]);
  for (const id of [...out]) {
    const [table, key] = id.split('\u0000') as [string, string];
    if (!TEXT_FIELDS[table]) continue;
    const original = device.replica.copies[key]?.[0];
    if (original) out.add(recordId(table, original));
    for (const copy of byNote.get(original ?? key) ?? []) out.add(recordId(table, copy));
  }
  return [...out];
}

/**
 * Records a conflict copy with a state of its own (one the user edited, here or elsewhere) in the
 * copy cache, as derived copies are: a step that reads a note must read its copies too, or it would
 * rebuild an edited copy from the note alone. The merge derives only copies of versions that are
 * losing now, so without this an edited copy a step did not name was rewritten without its edit
 * (found by tests/unit/sync/engine-rounds.property.test.ts).
 */
export function noteCopy(replica: ReplicaState, table: string, key: string, rec: RecordState): void {
  if (!TEXT_FIELDS[table] || replica.copies[key]) return;
  const of = rec.fields[CONFLICT_OF]?.value;
  const version = rec.fields[CONFLICT_VERSION]?.value;
  if (typeof of === 'string' && typeof version === 'string') replica.copies[key] = [of, version];
}

/** A step's working view: the device state, and the replica holding the records read. */
export interface Work {
  device: DeviceState;
  replica: ReplicaState;
  queue: readonly QueuedChange[];
  records: ReadonlyMap<string, Record<string, unknown>>;
  pending: readonly Op[];
  library?: readonly LibraryTable[];
}

export interface WorkOutcome<T> {
  device: DeviceState;
  consumedThrough?: number;
  writeBack?: WriteBack[];
  appendPending?: readonly Op[];
  /** `JSON.stringify(groupOps(appendPending))` when the step needs it too (kept as it is). */
  appendPendingJson?: string;
  dropPending?: number;
  dropAllPending?: boolean;
  result: T;
}

/**
 * Runs one step with the replica assembled from the records read: `decide` works on a
 * {@link ReplicaState} as the merge knows it (applyOps changes it in place); every record it then
 * holds is written back, with the header into the device state.
 */
export function runStep<T>(
  local: SyncLocal,
  ask: StepAsk,
  decide: (work: Work) => WorkOutcome<T>,
  { readOnly = false }: { readOnly?: boolean } = {},
): Promise<T> {
  return local.step((input) => {
    const replica: ReplicaState = { ...input.device.replica, tables: {} };
    for (const [id, rec] of input.replica) {
      const [table, key] = id.split('\u0000') as [string, string];
      slot(replica.tables, table, (): Record<string, RecordState> => ({}))[key] = rec;
    }
    const out = decide({ ...input, pending: ungroupOps(input.pending) as Op[], replica });
    const rows = new Map<string, RecordState | undefined>();
    // A step that only reads the replica (a snapshot) writes none of it back.
    if (!readOnly)
      for (const [table, records] of Object.entries(replica.tables))
        for (const [key, rec] of Object.entries(records)) {
          rows.set(recordId(table, key), rec);
          noteCopy(replica, table, key, rec);
        }
    if (!readOnly) for (const id of input.replica.keys()) if (!rows.has(id)) rows.set(id, undefined);
    const { tables: _records, ...header } = replica;
    const { appendPending: ops, appendPendingJson: json, ...rest } = out;
    const append = json ? { appendPendingJson: json } : { appendPending: groupOps(ops ?? []) };
    return {
      ...rest,
      ...(ops?.length ? { ...append, appendCount: ops.length } : {}),
      device: { ...out.device, replica: header },
      replica: rows,
    };
  }, ask);
}

/**
 * A step's input as the database hands it over (storage/sync-store.ts keeps replica records and
 * operations as values it does not look into) in the engine's types: they are what the engine
 * wrote there.
 */
export function storedInput(
  input: {
    queue: readonly QueuedChange[];
    records: ReadonlyMap<string, Record<string, unknown>>;
    replica: ReadonlyMap<string, unknown>;
    pending: readonly unknown[];
    library?: readonly LibraryTable[];
  },
  device: DeviceState,
): StoredStepInput {
  return {
    device,
    queue: input.queue,
    records: input.records,
    replica: input.replica as ReadonlyMap<string, RecordState>,
    pending: input.pending,
    ...(input.library ? { library: input.library } : {}),
  };
}
