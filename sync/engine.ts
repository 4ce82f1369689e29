/**
 * The sync round: this device's queued changes become operations, are uploaded as one log file of
 * its own, the other devices' new log files are fetched and merged, and the merged records go back
 * to storage. Plain TypeScript over two interfaces — the vault (sync/remote/layout.ts) and
 * {@link SyncLocal}, which the extension implements over its database (storage/sync-local.ts) and
 * tests implement in memory — so the same round runs in the background and in Node tests.
 *
 * Local work happens in steps that each run inside one storage transaction: a step sees the device
 * state, the queue and the records the queue names, decides synchronously, and its outcome (new
 * state, queue consumed, records to write) commits together. Network work happens between steps.
 * So a crash or a closed service worker at any point loses nothing: either a step committed, or its
 * inputs are still there for the next round; an upload that succeeded but was not recorded is found
 * again by its content (`appendLog` answers "already there").
 */
import { changeToOps, type LocalChange } from './changes';
import { type Hlc, HybridClock, maxHlc } from './hlc';
import { applyOps, type MergedRecord, type MergeOptions, materialize, recordOf } from './merge';
import { emptyState, type ReplicaState } from './merge/state';
import { decodeBatch, encodeBatch, type Op } from './ops';
import {
  appendLog,
  type Finding,
  FORMAT,
  fetchNew,
  type LocalSyncState,
  type OpenVault,
  scanRemote,
  writeHead,
} from './remote/layout';
import { ClonedDeviceError, type SyncError } from './remote/store';

/** Tables whose changes this version syncs. Blobs (thumbnails) stay on the device that took them. */
export const ENGINE_TABLES: ReadonlySet<string> = new Set([
  'events',
  'talks',
  'decks',
  'notes',
  'recaps',
  'templates',
]);

/** A queued local change (storage/changes.ts `OutboxEntry` with its sequence number). */
export interface QueuedChange {
  seq: number;
  table: string;
  key: string;
  op: 'create' | 'update' | 'delete';
  fields?: string[];
  at: number;
}

/** What this device keeps between rounds. Plain data (the replica is JSON). */
export interface DeviceState {
  deviceId: string;
  /** A name the user recognises, written into this device's head ("Chromium on laptop"). */
  label: string;
  replica: ReplicaState;
  /** The last stamp this device's clock issued or received. */
  clock?: Hlc;
  /** Operations converted from local changes and not uploaded yet, in order. */
  pending: Op[];
  remote: LocalSyncState;
  /**
   * The upload under way: the first `count` pending operations go as log file `seq`. Kept until the
   * upload is recorded, so a retry sends the very same file (which the server then already has).
   */
  inFlight?: { seq: number; count: number };
  /** When a round last completed (epoch ms). */
  lastSyncAt?: number;
}

/** What a step sees: the state, the queue in write order, and the stored records the queue names. */
export interface StepInput {
  device: DeviceState;
  queue: readonly QueuedChange[];
  /** The stored record now, by `table\u0000key`, for every key in `queue`; absent: none stored. */
  records: ReadonlyMap<string, Record<string, unknown>>;
}

export interface StepOutcome<T> {
  device: DeviceState;
  /** Queue entries with `seq` at or below this are done (removed). */
  consumedThrough?: number;
  /** Records to put (or delete, `record` undefined) — written without being queued again. */
  writeBack?: MergedRecord[];
  result: T;
}

export interface SyncLocal {
  /** Runs `decide` (synchronous) in one read-write transaction and commits its outcome. */
  step<T>(decide: (input: StepInput) => StepOutcome<T>): Promise<T>;
}

export const recordId = (table: string, key: string): string => `${table}\u0000${key}`;

/** A fresh device state (a new id, nothing applied, nothing written). */
export function newDevice(deviceId: string, label: string): DeviceState {
  return {
    deviceId,
    label,
    replica: emptyState(),
    pending: [],
    remote: { deviceId, lastOwnSeq: 0, cursor: {} },
  };
}

/** A queued change as the merge layer reads it, from the record as it is stored now. */
function localChange(
  entry: QueuedChange,
  stored: Record<string, unknown> | undefined,
): LocalChange | undefined {
  if (entry.op === 'delete') return { table: entry.table, op: 'delete', key: entry.key };
  // Written, then deleted before this round: the delete entry that follows says so.
  if (!stored) return undefined;
  if (entry.op === 'create') return { table: entry.table, op: 'create', key: entry.key, value: stored };
  return { table: entry.table, op: 'update', key: entry.key, value: stored, fields: entry.fields ?? [] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Turns the queue into operations (applied to the replica, appended to `pending`), in write order,
 * each stamped with the time of its write. Records whose merged form differs from what is stored
 * (a body edited here while another device's edit was already merged) are written back.
 */
export function convertQueue(
  input: StepInput,
  options: MergeOptions,
): { device: DeviceState; consumedThrough?: number; writeBack: MergedRecord[]; converted: number } {
  const device = { ...input.device, pending: [...input.device.pending] };
  const clock = new HybridClock(device.deviceId, device.clock);
  const touched = new Map<string, { table: string; key: string }>();
  let converted = 0;
  let consumedThrough: number | undefined;
  for (const entry of input.queue) {
    consumedThrough = Math.max(consumedThrough ?? 0, entry.seq);
    if (!ENGINE_TABLES.has(entry.table)) continue;
    const change = localChange(entry, input.records.get(recordId(entry.table, entry.key)));
    if (!change) continue;
    const ops = changeToOps(device.replica, change, clock, { ...options, now: entry.at });
    if (!ops.length) continue;
    for (const k of applyOps(device.replica, ops, options)) touched.set(recordId(k.table, k.key), k);
    device.pending.push(...ops);
    converted += ops.length;
  }
  device.clock = clock.last;
  const writeBack = materialize(device.replica, [...touched.values()], options).filter(
    (m) => !same(m.record, input.records.get(recordId(m.table, m.key))),
  );
  return { device, consumedThrough, writeBack, converted };
}

export interface SyncReport {
  /** Operations uploaded in this round. */
  uploaded: number;
  /** Log files of other devices merged. */
  downloaded: number;
  /** Records written back from the merge. */
  written: number;
  /** What the server showed that the user may need to know (see layout.ts `Finding`). */
  findings: Finding[];
  /** Files that could not be read yet (a truncated upload): tried again next round. */
  waiting: Array<{ deviceId: string; seq: number; error: SyncError }>;
  /** Operations still waiting to be uploaded after this round (0 when it all went). */
  pending: number;
  /** Devices whose clock is more than 5 minutes ahead of this one. */
  drift: Array<{ device: string; aheadMs: number }>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);

export interface RoundOptions extends MergeOptions {
  now?: () => number;
}

/**
 * One sync round with an opened vault. Throws the transport's typed errors (offline, 401, 507…)
 * before anything half-done is recorded; `ClonedDeviceError` when another installation writes under
 * this device id (the caller takes a new id and connects again).
 */
export async function syncRound(
  local: SyncLocal,
  vault: OpenVault,
  options: RoundOptions = {},
): Promise<SyncReport> {
  const now = options.now ?? Date.now;
  // 1. Local changes → operations, before anything from the server is merged (changes.ts order rule).
  const device = await local.step((input) => {
    const c = convertQueue(input, options);
    return { device: c.device, consumedThrough: c.consumedThrough, writeBack: c.writeBack, result: c.device };
  });

  // 2. What the server holds; a copied profile is refused before this device writes anything.
  const view = await scanRemote(vault, device.remote);
  const cloned = view.findings.find((f) => f.kind === 'cloned');
  if (cloned && cloned.kind === 'cloned')
    throw new ClonedDeviceError(
      'Another installation writes as this device: Talkmarks takes a new device id',
      device.deviceId,
      cloned.remoteSeq,
    );

  // 3. Upload what waits, as the next log file of this device. The file is fixed (seq and which
  // operations) before it is sent, so a retry after a lost answer sends the same file.
  let uploaded = 0;
  if (device.pending.length || device.inFlight) {
    const flight = await local.step((input) => {
      const d = input.device;
      const inFlight = d.inFlight ?? { seq: d.remote.lastOwnSeq + 1, count: d.pending.length };
      return { device: { ...d, inFlight }, result: { inFlight, ops: d.pending.slice(0, inFlight.count) } };
    });
    await appendLog(
      vault,
      device.deviceId,
      flight.inFlight.seq,
      utf8(JSON.stringify(encodeBatch(flight.ops))),
    );
    uploaded = flight.ops.length;
    await local.step((input) => {
      const { inFlight: _done, ...d } = input.device;
      const next: DeviceState = {
        ...d,
        pending: d.pending.slice(flight.inFlight.count),
        remote: { ...d.remote, lastOwnSeq: flight.inFlight.seq },
      };
      return { device: next, result: undefined };
    });
  }

  // 4. The other devices' new files, merged in one step with any change made meanwhile.
  const fetched = await fetchNew(vault, view, device.remote);
  const batches = fetched.batches.map((b) => ({
    ...b,
    ops: decodeBatch(JSON.parse(fromUtf8(b.payload))),
  }));
  const merged = await local.step((input) => {
    const c = convertQueue(input, options);
    const d = c.device;
    const clock = new HybridClock(d.deviceId, d.clock);
    const drift: SyncReport['drift'] = [];
    const touched = new Map<string, { table: string; key: string }>();
    for (const m of c.writeBack) touched.set(recordId(m.table, m.key), m);
    const cursor = { ...d.remote.cursor };
    for (const b of batches) {
      if ((cursor[b.deviceId] ?? 0) >= b.seq) continue; // merged by a round that overlapped
      const latest = maxHlc(b.ops.map((o) => o.hlc).filter((h): h is Hlc => typeof h === 'string'));
      if (latest) {
        const report = clock.receive(latest, now());
        if (report) drift.push(report);
      }
      for (const k of applyOps(d.replica, b.ops, options)) touched.set(recordId(k.table, k.key), k);
      cursor[b.deviceId] = b.seq;
    }
    d.clock = clock.last;
    d.remote = { ...d.remote, cursor };
    d.lastSyncAt = now();
    const writeBack = materialize(d.replica, [...touched.values()], options).filter(
      (m) =>
        !same(m.record, input.records.get(recordId(m.table, m.key))) ||
        !input.records.has(recordId(m.table, m.key)),
    );
    return {
      device: d,
      consumedThrough: c.consumedThrough,
      writeBack,
      result: { device: d, written: writeBack.length, drift },
    };
  });

  // 5. Tell the others how far this device is (their logs can be collected once all have seen them).
  await writeHead(vault, merged.device.deviceId, {
    format: FORMAT,
    seq: merged.device.remote.lastOwnSeq,
    label: merged.device.label,
    updatedAt: new Date(now()).toISOString(),
    seen: merged.device.remote.cursor,
  });

  return {
    uploaded,
    downloaded: batches.length,
    written: merged.written,
    findings: view.findings,
    waiting: fetched.pending,
    pending: merged.device.pending.length,
    drift: merged.drift,
  };
}

/** The record the replica holds for a key (for checks and tests). */
export function replicaRecord(
  device: DeviceState,
  table: string,
  key: string,
  options: MergeOptions = {},
): Record<string, unknown> | undefined {
  return recordOf(device.replica, table, key, options);
}
