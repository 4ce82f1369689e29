/**
 * From storage's change records (the write hook, `storage/changes.ts`) to sync operations
 * (`sync/ops.ts`). A change is compared with what the replica state says the record is, and only
 * what differs becomes an operation, so writing a merged record back to storage (which the hook
 * reports like any write) gives no operation at all:
 *
 * - each changed field → a `set` (a removed field → a `set` without value);
 * - a note's body → a `body` version whose parents are the note's current head versions;
 * - the tag list → a `tag` per tag added and an `untag` per tag removed (listing the dots seen);
 * - a trash (`deletedAt` set) → a `set` of `deletedAt` with `seen`; a restore → a `set` without
 *   value; an edit of a record that stays in the trash re-states the trash with a new `seen`, so the
 *   edit cannot bring it back; a delete for good → a `purge` with `seen`;
 * - the first change of a conflict copy also writes its virtual operations (`merge/copies.ts`).
 *
 * All operations of one change share one new stamp from the device's clock.
 *
 * Order matters: convert local changes in write order, and against a replica state that describes
 * what storage held before the change — convert pending changes before applying remote operations,
 * and write merged records back in the same transaction that applies them.
 */

import { isBlobRef } from './blobs';
import { canonical } from './hash';
import { type DriftReport, type Hlc, hlcDevice, isHlc } from './hlc';
import { applyToRecord } from './merge/apply';
import { headsOf, mergeVersions } from './merge/body';
import { effectiveRecord, materializeOps } from './merge/copies';
import { recordOf } from './merge/index';
import { cloneRecord, emptyRecord, type ReplicaState } from './merge/state';
import { type MergeOptions, presentDots, recordView, seenOf } from './merge/view';
import type { BodyOp, KnownOp, Op, SetOp } from './ops';
import {
  BLOB_DATA_FIELD,
  BLOB_TABLE,
  NOT_EDITS,
  NOT_SYNCED,
  RESTORED,
  TAG_FIELDS,
  TEXT_FIELDS,
} from './schema';

/**
 * One record changed by a local write: the shape of storage's `ChangeRecord` (storage/changes.ts,
 * which sync/ may not import), so a `ChangeRecord` can be passed as it is.
 */
export type LocalChange =
  | { table: string; op: 'create'; key: string; value: Record<string, unknown> }
  | { table: string; op: 'update'; key: string; value: Record<string, unknown>; fields: string[] }
  | { table: string; op: 'delete'; key: string };

/** The part of the device clock a conversion uses (`HybridClock` has it). */
export interface Ticker {
  tick(now?: number): Hlc;
}

export interface ChangeOptions extends MergeOptions {
  /** The time of the change (defaults to the clock's own reading of now). */
  now?: number;
}

/** A change sync cannot turn into operations (a programming error in the caller). */
export class SyncInputError extends Error {
  override name = 'SyncInputError';
}

const isEdit = (op: KnownOp) => op.op !== 'set' || !NOT_EDITS.has(op.field);

/**
 * The operations for one local change, given the replica state before it. Does not change the
 * state: apply the result with `applyOps` (locally, then on every other device).
 */
export function changeToOps(
  state: ReplicaState,
  change: LocalChange,
  clock: Ticker,
  options: ChangeOptions = {},
): KnownOp[] {
  const { table, key } = change;
  const rec = effectiveRecord(state, table, key, options);
  const view = rec ? recordView(rec, table, key, options) : undefined;
  let stamp: Hlc | undefined;
  const hlc = () => {
    stamp ??= options.now === undefined ? clock.tick() : clock.tick(options.now);
    return stamp;
  };

  if (change.op === 'delete') {
    // Nothing here to delete: a merged purge (or a vanished conflict copy) written back.
    if (!view || !rec) return [];
    // The record's conflict copies are written for real first: derived from it, they would follow
    // it if it were created again, on the devices still holding its tombstone but not on those that
    // collected it (merge/copies.ts).
    const copies = Object.entries(state.copies).flatMap(([copy, [of]]) =>
      of === key ? materializeOps(state, table, copy, options) : [],
    );
    return [...copies, { op: 'purge', table, key, hlc: hlc(), seen: seenOf(rec) }];
  }

  const value = change.value;
  // A record the state does not have (yet) is taken whole, as is a create; an update names its fields.
  const names = change.op === 'create' || !view ? Object.keys(value) : change.fields;
  const before: Record<string, unknown> = view ?? {};
  // A create of a record the replica already has (the same backup imported on two devices, a
  // record seeded here after another device's copy arrived) was made without seeing the replica's:
  // its body is an independent version (no parents), its tags only add, and its other fields count
  // only when it is newer by `updatedAt`, as a backup import decides.
  const independent = change.op === 'create' && rec !== undefined;
  const newer =
    !view ||
    change.op !== 'create' ||
    (typeof value.updatedAt === 'number' &&
      typeof before.updatedAt === 'number' &&
      value.updatedAt > before.updatedAt);
  const textField = TEXT_FIELDS[table];
  const tagField = TAG_FIELDS[table];
  const ops: KnownOp[] = [];
  const at = () => ({ table, key, hlc: hlc() });

  for (const field of new Set(names)) {
    if (NOT_SYNCED.has(field) || field === 'deletedAt') continue;
    const next = value[field];
    if (field === textField) {
      if (typeof next !== 'string' || next === before[field]) continue;
      const versions = rec?.text?.[field] ?? {};
      const parents = independent ? [] : headsOf(versions).sort();
      const op: BodyOp = { op: 'body', ...at(), field, parents, value: next };
      // Written from a merge: the heads that lost it are not in this text and stay conflict copies.
      if (parents.length > 1) {
        const losers = mergeVersions(versions, parents).losers.sort();
        if (losers.length) op.losers = losers;
      }
      ops.push(op);
      continue;
    }
    if (field === tagField) {
      const now = Array.isArray(next)
        ? next.filter((t): t is string => typeof t === 'string' && t !== '')
        : [];
      const was = Array.isArray(before[field]) ? (before[field] as string[]) : [];
      for (const tag of now) if (!was.includes(tag)) ops.push({ op: 'tag', ...at(), field, value: tag });
      for (const tag of was) {
        if (now.includes(tag) || independent) continue;
        const dots = presentDots(rec?.sets?.[field]?.[tag] ?? { add: [], rem: [] });
        // A tag shown only because the body names it has no dots: the body edit removes it.
        if (dots.length) ops.push({ op: 'untag', ...at(), field, value: tag, dots });
      }
      continue;
    }
    if (table === BLOB_TABLE && field === BLOB_DATA_FIELD && !isBlobRef(next)) {
      throw new SyncInputError(
        `A blob record's ${BLOB_DATA_FIELD} must be a BlobRef (content hash and size) before it becomes an operation.`,
      );
    }
    if (!newer || canonical(next) === canonical(before[field])) continue;
    const op: SetOp = { op: 'set', ...at(), field };
    if (next !== undefined) op.value = next;
    ops.push(op);
  }

  const trashed = value.deletedAt;
  const deletedChanged =
    (change.op === 'create' || !view || names.includes('deletedAt')) &&
    newer &&
    canonical(trashed) !== canonical(before.deletedAt);
  const staysTrashed = trashed !== undefined && before.deletedAt !== undefined;
  if (deletedChanged && trashed === undefined) {
    ops.push({ op: 'set', ...at(), field: 'deletedAt' });
  } else if (trashed !== undefined && (deletedChanged || (staysTrashed && ops.some(isEdit)))) {
    // What the trash covers: the record as it is after this change.
    const after = rec ? cloneRecord(rec) : emptyRecord();
    for (const op of ops) applyToRecord(after, op);
    ops.push({ op: 'set', ...at(), field: 'deletedAt', value: trashed, seen: seenOf(after) });
  }
  if (ops.length === 0) return [];
  return [...materializeOps(state, table, key, options), ...ops];
}

/**
 * The operation that keeps a record the merge restored (`restoredBySync`) and clears the mark: a
 * restore stamped now. Empty when the record carries no such mark.
 */
export function keepRestored(
  state: ReplicaState,
  table: string,
  key: string,
  clock: Ticker,
  options: ChangeOptions = {},
): KnownOp[] {
  const view = recordOf(state, table, key, options);
  if (!view?.[RESTORED]) return [];
  const hlc = options.now === undefined ? clock.tick() : clock.tick(options.now);
  return [{ op: 'set', table, key, hlc, field: 'deletedAt' }];
}

/** The part of the device clock that takes in received stamps (`HybridClock` has it). */
export interface Receiver {
  receive(remote: Hlc, now?: number): DriftReport | null;
}

/**
 * Takes received operations' stamps into the device clock (the latest per device is enough) before
 * or after applying them; returns a drift report per device whose clock is too far ahead.
 */
export function receiveOps(clock: Receiver, ops: readonly Op[], now?: number): DriftReport[] {
  const latest = new Map<string, Hlc>();
  for (const op of ops) {
    if (!isHlc(op.hlc)) continue;
    const device = hlcDevice(op.hlc);
    const last = latest.get(device);
    if (last === undefined || op.hlc > last) latest.set(device, op.hlc);
  }
  const reports: DriftReport[] = [];
  for (const stamp of latest.values()) {
    const report = now === undefined ? clock.receive(stamp) : clock.receive(stamp, now);
    if (report) reports.push(report);
  }
  return reports;
}
