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
 *
 * Thumbnails (blob records): their bytes are not operations (sync/blobs.ts). Hashing, uploading and
 * downloading are asynchronous, so they happen between steps, through {@link SyncLocal.blobs}: a
 * queued blob record is converted only once its bytes are hashed and in the vault (`putBlob`,
 * content-addressed, each content once), its `data` becoming the {@link BlobRef}; a merged blob
 * record whose bytes are not on this device waits in `wantedBlobs` and is written to storage, with
 * its bytes, once its file is downloaded and checked. A file that is missing or damaged never stops
 * a round: the record keeps waiting and the next round tries again.
 */
import { type BlobRef, blobRefOf, isBlobRef } from './blobs';
import { changeToOps, type LocalChange } from './changes';
import { canonical } from './hash';
import { type Hlc, HybridClock, maxHlc } from './hlc';
import { applyOps, type MergedRecord, type MergeOptions, materialize, recordOf } from './merge';
import { emptyState, type ReplicaState } from './merge/state';
import { decodeBatch, encodeBatch, type Op } from './ops';
import {
  appendLog,
  blobsThere,
  type Finding,
  FORMAT,
  fetchNew,
  getBlob,
  type LocalSyncState,
  type OpenVault,
  putBlob,
  scanRemote,
  writeHead,
} from './remote/layout';
import { ClonedDeviceError, type SyncError } from './remote/store';
import { BLOB_DATA_FIELD, BLOB_TABLE } from './schema';

/** Tables whose changes this version syncs. Blob records (thumbnails) carry their bytes as files. */
export const ENGINE_TABLES: ReadonlySet<string> = new Set([
  'events',
  'talks',
  'decks',
  'notes',
  'blobs',
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
  /**
   * Blob records merged here whose bytes this device does not hold yet, by key, as the merge has
   * them (`data` a {@link BlobRef}): written to storage once their file is downloaded and checked.
   */
  wantedBlobs?: Record<string, Record<string, unknown>>;
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
  /** Runs `decide` (synchronous) in one read-write transaction and commits its outcome. */
  step<T>(decide: (input: StepInput) => StepOutcome<T>): Promise<T>;
  /** Blob bytes. Without it, blob records do not sync (their changes are dropped from the queue). */
  blobs?: LocalBlobs;
}

/** Bytes this device holds for a blob record: their reference and the stored `data` value. */
interface HeldBlob {
  ref: BlobRef;
  value: unknown;
}

/** What a round learned of this device's blob bytes, outside the steps. */
export interface KnownBlobs {
  /** Blob records whose bytes are in the vault (uploaded this round, or there already): convertible. */
  sent: Map<string, HeldBlob>;
  /** Blob records whose bytes are here (the sent ones too): a merged record naming the same ref keeps them. */
  held: Map<string, HeldBlob>;
  /** Keys read this round, readable or not: a queued record whose bytes cannot be read is dropped, not waited for. */
  tried: Set<string>;
}

const noBlobsKnown = (): KnownBlobs => ({ sent: new Map(), held: new Map(), tried: new Set() });

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

// Field order is not a difference: a stored record and its merged form list fields in different
// orders, and comparing them as written rewrote every record on a first sync (11,041 at 10k notes).
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The length of a stored blob's bytes (a Blob, or bytes), if it is one of those. */
function byteSize(data: unknown): number | undefined {
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return undefined;
}

/**
 * A stored blob record as the merge sees it (`data` its BlobRef): 'wait' while its bytes are not
 * in the vault yet (or changed since they were read), 'drop' when they cannot be read at all.
 */
function blobForm(
  key: string,
  stored: Record<string, unknown>,
  known: KnownBlobs,
): Record<string, unknown> | 'wait' | 'drop' {
  const data = stored[BLOB_DATA_FIELD];
  if (isBlobRef(data)) return stored;
  const sent = known.sent.get(key);
  if (sent && sent.ref.size === byteSize(data)) return { ...stored, [BLOB_DATA_FIELD]: sent.ref };
  if (!sent && known.tried.has(key)) return 'drop';
  return 'wait';
}

/**
 * What storage should get for merged records: those that differ from what is stored (`differs`).
 * A blob record is written with the bytes this device holds for its ref; one whose bytes are not
 * here is kept in `device.wantedBlobs` instead (written once downloaded); without blob support,
 * blob records are not written at all.
 */
function settle(
  merged: MergedRecord[],
  device: DeviceState,
  known: KnownBlobs | undefined,
  stored: ReadonlyMap<string, Record<string, unknown>>,
  differs: (m: MergedRecord) => boolean,
): MergedRecord[] {
  const out: MergedRecord[] = [];
  const wanted = { ...device.wantedBlobs };
  for (const m of merged) {
    if (m.table !== BLOB_TABLE) {
      if (differs(m)) out.push(m);
      continue;
    }
    if (!known) continue;
    delete wanted[m.key];
    const ref = m.record?.[BLOB_DATA_FIELD];
    const held = known.held.get(m.key);
    if (!m.record) out.push(m);
    else if (!isBlobRef(ref)) {
      // A blob record without a reference has no bytes to show: nothing to store.
    } else if (held && held.ref.sha256 === ref.sha256) {
      const now = stored.get(recordId(m.table, m.key));
      const unchanged =
        now &&
        byteSize(now[BLOB_DATA_FIELD]) === ref.size &&
        same(m.record, { ...now, [BLOB_DATA_FIELD]: ref });
      if (!unchanged) out.push({ ...m, record: { ...m.record, [BLOB_DATA_FIELD]: held.value } });
    } else wanted[m.key] = m.record;
  }
  if (Object.keys(wanted).length) device.wantedBlobs = wanted;
  else delete device.wantedBlobs;
  return out;
}

/**
 * Turns the queue into operations (applied to the replica, appended to `pending`), in write order,
 * each stamped with the time of its write. Records whose merged form differs from what is stored
 * (a body edited here while another device's edit was already merged) are written back. Without
 * `known` blob records do not sync; with it, conversion stops at a blob record whose bytes are not
 * in the vault yet (`needBlobs` lists the blob records of the rest of the queue: send them, then
 * convert again), so the queue's order is kept.
 */
export function convertQueue(
  input: StepInput,
  options: MergeOptions,
  known?: KnownBlobs,
): {
  device: DeviceState;
  consumedThrough?: number;
  writeBack: MergedRecord[];
  converted: number;
  needBlobs: string[];
} {
  const device = { ...input.device, pending: [...input.device.pending] };
  const clock = new HybridClock(device.deviceId, device.clock);
  const touched = new Map<string, { table: string; key: string }>();
  let converted = 0;
  let consumedThrough: number | undefined;
  const needBlobs = new Set<string>();
  for (const [i, entry] of input.queue.entries()) {
    let stored = input.records.get(recordId(entry.table, entry.key));
    if (entry.table === BLOB_TABLE && known && stored && entry.op !== 'delete') {
      const form = blobForm(entry.key, stored, known);
      if (form === 'wait') {
        for (const q of input.queue.slice(i))
          if (q.table === BLOB_TABLE && q.op !== 'delete') needBlobs.add(q.key);
        break;
      }
      stored = form === 'drop' ? undefined : form;
    }
    consumedThrough = Math.max(consumedThrough ?? 0, entry.seq);
    if (!ENGINE_TABLES.has(entry.table) || (entry.table === BLOB_TABLE && !known)) continue;
    const change = localChange(entry, stored);
    if (!change) continue;
    const ops = changeToOps(device.replica, change, clock, { ...options, now: entry.at });
    if (!ops.length) continue;
    for (const k of applyOps(device.replica, ops, options)) touched.set(recordId(k.table, k.key), k);
    device.pending.push(...ops);
    converted += ops.length;
  }
  device.clock = clock.last;
  const writeBack = settle(
    materialize(device.replica, [...touched.values()], options),
    device,
    known,
    input.records,
    (m) => !same(m.record, input.records.get(recordId(m.table, m.key))),
  );
  return { device, consumedThrough, writeBack, converted, needBlobs: [...needBlobs] };
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
  /**
   * Queued thumbnails saved during this round, after its bytes were sent: left in the queue (with
   * what was queued after them), for a round right after.
   */
  deferred: number;
  /** Blob files (thumbnails) uploaded in this round: new contents only. */
  blobsUploaded: number;
  /** Blob records written with downloaded bytes in this round. */
  blobsDownloaded: number;
  /** Blob records merged here whose bytes could not be downloaded yet (tried again next round). */
  blobsWaiting: number;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);

/** Runs `work` over `items`, at most `width` at a time. */
async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** The contents the replica names: each is in the vault (bytes are sent before their record converts). */
function contentsInVault(replica: ReplicaState): Set<string> {
  const out = new Set<string>();
  for (const rec of Object.values(replica.tables[BLOB_TABLE] ?? {})) {
    const ref = rec.fields[BLOB_DATA_FIELD]?.value;
    if (isBlobRef(ref)) out.add(ref.sha256);
  }
  return out;
}

/** Reads and hashes these blob records' bytes (once per key in a round) into `known.held`. */
async function readBlobs(blobs: LocalBlobs, keys: readonly string[], known: KnownBlobs): Promise<void> {
  const fresh = keys.filter((k) => !known.tried.has(k));
  if (!fresh.length) return;
  const read = await blobs.read(fresh);
  for (const key of fresh) known.tried.add(key);
  for (const [key, { value, bytes }] of read) known.held.set(key, { ref: await blobRefOf(bytes), value });
}

/**
 * Sends the bytes of these queued blob records to the vault (each content once: one the replica
 * names, or the vault's blobs folder lists, is there already) and marks them convertible. Returns how many files were written.
 */
async function sendBlobs(
  blobs: LocalBlobs,
  vault: OpenVault,
  replica: ReplicaState,
  keys: readonly string[],
  known: KnownBlobs,
): Promise<number> {
  const read = await blobs.read(keys);
  for (const key of keys) known.tried.add(key);
  const there = contentsInVault(replica);
  const sending = new Map<string, Promise<void>>();
  let written = 0;
  const found: Array<{ key: string; held: HeldBlob; bytes: Uint8Array }> = [];
  for (const [key, { value, bytes }] of read) {
    const held = { ref: await blobRefOf(bytes), value };
    known.held.set(key, held);
    found.push({ key, held, bytes });
  }
  // Contents another device sent already (the same slide photographed there) are not sent again.
  const unknown = [...new Set(found.map((f) => f.held.ref.sha256))].filter((sha) => !there.has(sha));
  for (const sha of await blobsThere(vault, unknown)) there.add(sha);
  await pool(found, 4, async ({ key, held, bytes }) => {
    const sha = held.ref.sha256;
    if (!there.has(sha) && !sending.has(sha)) {
      const put = async () => {
        if ((await putBlob(vault, sha, bytes)) === 'written') written += 1;
      };
      sending.set(sha, put());
    }
    await sending.get(sha);
    known.sent.set(key, held);
  });
  return written;
}

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
  const blobs = local.blobs;
  const known = blobs ? noBlobsKnown() : undefined;
  const convert = (input: StepInput) => {
    const c = convertQueue(input, options, known);
    return {
      device: c.device,
      consumedThrough: c.consumedThrough,
      writeBack: c.writeBack,
      result: { device: c.device, needBlobs: c.needBlobs },
    };
  };
  // 1. Local changes → operations, before anything from the server is merged (changes.ts order rule),
  // up to the first thumbnail whose bytes are not in the vault yet.
  let { device, needBlobs } = await local.step(convert);

  // 2. What the server holds; a copied profile is refused before this device writes anything.
  const view = await scanRemote(vault, device.remote);
  const cloned = view.findings.find((f) => f.kind === 'cloned');
  if (cloned && cloned.kind === 'cloned')
    throw new ClonedDeviceError(
      'Another installation writes as this device: Talkmarks takes a new device id',
      device.deviceId,
      cloned.remoteSeq,
    );

  // Thumbnails queued: their bytes go to the vault first (each content once), then the rest converts.
  let blobsUploaded = 0;
  if (blobs && known && needBlobs.length) {
    blobsUploaded = await sendBlobs(blobs, vault, device.replica, needBlobs, known);
    ({ device, needBlobs } = await local.step(convert));
  }

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
  // Thumbnails they name that this device holds: a merged record with the same content keeps them.
  if (blobs && known) {
    const named = new Set<string>();
    for (const b of batches) for (const op of b.ops) if (op.table === BLOB_TABLE) named.add(String(op.key));
    await readBlobs(blobs, [...named], known);
  }
  const merged = await local.step((input) => {
    const c = convertQueue(input, options, known);
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
    const writeBack = settle(
      materialize(d.replica, [...touched.values()], options),
      d,
      known,
      input.records,
      (m) =>
        !same(m.record, input.records.get(recordId(m.table, m.key))) ||
        !input.records.has(recordId(m.table, m.key)),
    );
    return {
      device: d,
      consumedThrough: c.consumedThrough,
      writeBack,
      result: { device: d, written: writeBack.length, drift, deferred: c.needBlobs.length },
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

  // 6. Thumbnails merged here without their bytes: download, check, write. One that fails waits.
  const got = blobs ? await fetchWantedBlobs(blobs, local, vault, merged.device) : undefined;

  return {
    uploaded,
    downloaded: batches.length,
    written: merged.written,
    findings: view.findings,
    waiting: fetched.pending,
    pending: merged.device.pending.length,
    drift: merged.drift,
    deferred: merged.deferred,
    blobsUploaded,
    blobsDownloaded: got?.written ?? 0,
    blobsWaiting: got?.waiting ?? Object.keys(merged.device.wantedBlobs ?? {}).length,
  };
}

/**
 * Downloads the wanted blobs (each content once), checks each against its reference, and writes
 * the records with their bytes in one step — unless the merge changed a record meanwhile. A file
 * missing, damaged or not reachable leaves its record waiting for the next round.
 */
async function fetchWantedBlobs(
  blobs: LocalBlobs,
  local: SyncLocal,
  vault: OpenVault,
  device: DeviceState,
): Promise<{ written: number; waiting: number }> {
  const wanted = Object.entries(device.wantedBlobs ?? {});
  if (!wanted.length) return { written: 0, waiting: 0 };
  const contents = new Map<string, Promise<Uint8Array | undefined>>();
  const fetchOnce = (ref: BlobRef) => {
    let bytes = contents.get(ref.sha256);
    if (!bytes) {
      bytes = getBlob(vault, ref.sha256)
        .then(async (b) => {
          const check = await blobRefOf(b);
          return check.sha256 === ref.sha256 && check.size === ref.size ? b : undefined;
        })
        .catch(() => undefined);
      contents.set(ref.sha256, bytes);
    }
    return bytes;
  };
  const got = new Map<string, { sha256: string; value: unknown }>();
  await pool(wanted, 4, async ([key, record]) => {
    const ref = record[BLOB_DATA_FIELD];
    if (!isBlobRef(ref)) return;
    const bytes = await fetchOnce(ref);
    if (bytes) got.set(key, { sha256: ref.sha256, value: blobs.value(bytes, String(record.mime ?? '')) });
  });
  if (!got.size) return { written: 0, waiting: wanted.length };
  return local.step((input) => {
    const d = input.device;
    const still = { ...d.wantedBlobs };
    const writeBack: MergedRecord[] = [];
    for (const [key, g] of got) {
      const record = still[key];
      const ref = record?.[BLOB_DATA_FIELD];
      if (!record || !isBlobRef(ref) || ref.sha256 !== g.sha256) continue; // changed meanwhile
      writeBack.push({ table: BLOB_TABLE, key, record: { ...record, [BLOB_DATA_FIELD]: g.value } });
      delete still[key];
    }
    const next: DeviceState = { ...d };
    if (Object.keys(still).length) next.wantedBlobs = still;
    else delete next.wantedBlobs;
    return {
      device: next,
      writeBack,
      result: { written: writeBack.length, waiting: Object.keys(still).length },
    };
  });
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
