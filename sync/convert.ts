/**
 * A step's local side: queued changes become operations (applied to the replica read for them),
 * and merged records are compared with what storage holds to decide what to write back.
 */
import { type BlobRef, isBlobRef } from './blobs';
import { changeToOps, type LocalChange } from './changes';
import type { DeviceState, QueuedChange, Work, WriteBack } from './device';
import { recordId } from './device';
import { canonical } from './hash';
import { HybridClock } from './hlc';
import { applyOps, type MergedRecord, type MergeOptions, materialize } from './merge';
import { applyRaw } from './merge/apply';
import type { Op } from './ops';
import { BLOB_DATA_FIELD, BLOB_TABLE, TAG_FIELDS } from './schema';

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

/**
 * Tables a first upload reads and converts whole from storage. Blob records (thumbnails) go through
 * the queue: their bytes must be in the vault before their record converts.
 */
export const LIBRARY_TABLES: readonly string[] = [...ENGINE_TABLES].filter((t) => t !== BLOB_TABLE);

/** Bytes this device holds for a blob record: their reference and the stored `data` value. */
export interface HeldBlob {
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

export const noBlobsKnown = (): KnownBlobs => ({ sent: new Map(), held: new Map(), tried: new Set() });

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

/** A record with its tag list sorted (storage keeps the body's order, the merge the order tags were added). */
function tagsSorted(table: string, record: Record<string, unknown> | undefined): unknown {
  const field = TAG_FIELDS[table];
  const tags = field ? record?.[field] : undefined;
  if (!record || !field || !Array.isArray(tags)) return record;
  return { ...record, [field]: [...tags].sort() };
}

/**
 * Whether a merged record is the stored one. Neither field order nor tag order is a difference:
 * storage lists fields, and tags as the body names them, in its own order, and comparing them as
 * written rewrote every record on a first sync (11,041 at 10k notes; 10,000 for tag order alone).
 */
export const same = (
  table: string,
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
) => canonical(tagsSorted(table, a)) === canonical(tagsSorted(table, b));

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
export function settle(
  merged: MergedRecord[],
  device: DeviceState,
  known: KnownBlobs | undefined,
  stored: ReadonlyMap<string, Record<string, unknown>>,
  differs: (m: MergedRecord) => boolean,
): WriteBack[] {
  const out: WriteBack[] = [];
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
        same(m.table, m.record, { ...now, [BLOB_DATA_FIELD]: ref });
      if (!unchanged) out.push({ ...m, record: { ...m.record, [BLOB_DATA_FIELD]: held.value } });
    } else wanted[m.key] = m.record;
  }
  if (Object.keys(wanted).length) device.wantedBlobs = wanted;
  else delete device.wantedBlobs;
  return out;
}

export interface Converted {
  device: DeviceState;
  consumedThrough?: number;
  writeBack: WriteBack[];
  /** The new operations, to be added after those waiting. */
  ops: Op[];
  /** Records the conversion touched (their merged form may have changed). */
  touched: Map<string, { table: string; key: string }>;
  needBlobs: string[];
}

/**
 * Turns the queue into operations (applied to the replica, returned to add to the waiting ones),
 * in write order, each stamped with the time of its write. Records whose merged form differs from
 * what is stored (a body edited here while another device's edit was already merged) are written
 * back. Without `known` blob records do not sync; with it, conversion stops at a blob record whose
 * bytes are not in the vault yet (`needBlobs` lists the blob records of the rest of the queue: send
 * them, then convert again), so the queue's order is kept.
 */
export function convertQueue(work: Work, options: MergeOptions, known?: KnownBlobs): Converted {
  const device: DeviceState = { ...work.device };
  const clock = new HybridClock(device.deviceId, device.clock);
  const touched = new Map<string, { table: string; key: string }>();
  const ops: Op[] = [];
  let consumedThrough: number | undefined;
  const needBlobs = new Set<string>();
  // A first upload: the library's records, as stored now, then the queue but for what they hold.
  let skipThrough = device.libraryThrough ?? 0;
  if (work.library) {
    convertLibrary(work, clock, ops, options);
    for (const entry of work.queue) skipThrough = Math.max(skipThrough, entry.seq);
    delete device.library;
  }
  for (const [i, entry] of work.queue.entries()) {
    if (entry.seq <= skipThrough && entry.table !== BLOB_TABLE) {
      consumedThrough = Math.max(consumedThrough ?? 0, entry.seq);
      continue;
    }
    let stored = work.records.get(recordId(entry.table, entry.key));
    if (entry.table === BLOB_TABLE && known && stored && entry.op !== 'delete') {
      const form = blobForm(entry.key, stored, known);
      if (form === 'wait') {
        for (const q of work.queue.slice(i))
          if (q.table === BLOB_TABLE && q.op !== 'delete') needBlobs.add(q.key);
        break;
      }
      stored = form === 'drop' ? undefined : form;
    }
    consumedThrough = Math.max(consumedThrough ?? 0, entry.seq);
    if (!ENGINE_TABLES.has(entry.table) || (entry.table === BLOB_TABLE && !known)) continue;
    const change = localChange(entry, stored);
    if (!change) continue;
    const made = changeToOps(work.replica, change, clock, { ...options, now: entry.at });
    if (!made.length) continue;
    for (const k of applyOps(work.replica, made, options)) touched.set(recordId(k.table, k.key), k);
    ops.push(...made);
  }
  device.clock = clock.last;
  device.pendingCount += ops.length;
  if (skipThrough > (consumedThrough ?? 0)) device.libraryThrough = skipThrough;
  else delete device.libraryThrough;
  const writeBack = settle(
    materialize(work.replica, [...touched.values()], options),
    device,
    known,
    work.records,
    (m) => !same(m.table, m.record, work.records.get(recordId(m.table, m.key))),
  );
  return { device, consumedThrough, writeBack, ops, touched, needBlobs: [...needBlobs] };
}

const stampOf = (r: Record<string, unknown>) => (typeof r.updatedAt === 'number' ? r.updatedAt : undefined);

/**
 * The library's records as creates, each table in `updatedAt` order, stamped with it. The replica is
 * fresh (a first upload starts from an empty one), so each record is new to it: its operations are
 * joined into it without the merge's conflict-copy pass and without comparing the merged record
 * with the stored one — what the other devices build from these operations is this record (the
 * stored record stays as it is; a merge that touches it later writes its merged form).
 */
function convertLibrary(work: Work, clock: HybridClock, ops: Op[], options: MergeOptions): void {
  for (const { table, records } of work.library ?? []) {
    if (!ENGINE_TABLES.has(table) || table === BLOB_TABLE) continue;
    const ordered = [...records].sort((a, b) => (stampOf(a) ?? Infinity) - (stampOf(b) ?? Infinity));
    for (const value of ordered) {
      if (value.id === undefined || value.id === null || value.id === '') continue;
      const change: LocalChange = { table, op: 'create', key: String(value.id), value };
      const made = changeToOps(work.replica, change, clock, { ...options, now: stampOf(value) });
      if (!made.length) continue;
      applyRaw(work.replica, made);
      for (const op of made) ops.push(op);
    }
  }
}
