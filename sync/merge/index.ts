/**
 * The deterministic merge: apply operations (any order, any repeats) to a replica state, and read
 * back the record each table should hold for a key. Rules: docs/sync.md ("## Merge").
 */
import type { Op } from '../ops';
import { TEXT_FIELDS } from '../schema';
import { applyRaw, joinRecord, type RecordKey } from './apply';
import { deriveCopies, effectiveRecord } from './copies';
import { type ReplicaState, recordSlot } from './state';
import { type MergeOptions, recordView } from './view';

export type { RecordKey } from './apply';
export { conflictCopyId } from './copies';
export { emptyState, type ReplicaState } from './state';
export {
  type AckVector,
  type CollectInput,
  collectable,
  dropRecords,
  type Tombstone,
  tombstones,
} from './tombstones';
export type { MergeOptions } from './view';

/** A record as storage should hold it now; `record` undefined: storage should hold none. */
export interface MergedRecord extends RecordKey {
  record: Record<string, unknown> | undefined;
}

const id = (k: RecordKey) => `${k.table}\u0000${k.key}`;

/**
 * Applies operations to the state (in place) and returns every record whose merged form may have
 * changed: the records the operations name, and the conflict copies of touched notes, both those
 * they have now and those they had before (a copy whose fork resolved reads back as undefined).
 * Pass the same `options` everywhere.
 */
export function applyOps(state: ReplicaState, ops: readonly Op[], options: MergeOptions = {}): RecordKey[] {
  return withCopies(state, applyRaw(state, ops), options);
}

/**
 * Joins another device's replica state (a snapshot) into this one, in place: the same as applying
 * every operation it was made of, since a state only ever grows by joins. Returns the records whose
 * merged form may have changed, with conflict copies as {@link applyOps} returns them. The records
 * the other state names must be in `state` when they are kept apart (sync/device.ts).
 */
export function joinState(state: ReplicaState, other: ReplicaState, options: MergeOptions = {}): RecordKey[] {
  const touched: RecordKey[] = [];
  for (const [table, records] of Object.entries(other.tables))
    for (const [key, rec] of Object.entries(records)) {
      joinRecord(recordSlot(state, table, key), rec);
      touched.push({ table, key });
    }
  for (const [device, last] of Object.entries(other.clock)) {
    const mine = state.clock[device];
    if (mine === undefined || last > mine) state.clock[device] = last;
  }
  for (const [id, op] of Object.entries(other.unknown)) state.unknown[id] ??= op;
  for (const [copy, entry] of Object.entries(other.copies)) state.copies[copy] ??= entry;
  return withCopies(state, touched, options);
}

/** The touched records and, for notes, their conflict copies (derived now, or cached from before). */
function withCopies(state: ReplicaState, touched: readonly RecordKey[], options: MergeOptions): RecordKey[] {
  const out: RecordKey[] = [];
  const done = new Set<string>();
  const add = (k: RecordKey) => {
    if (done.has(id(k))) return false;
    done.add(id(k));
    out.push(k);
    return true;
  };
  // Copies by original, before this call derives new ones (stale entries included: checked on read).
  const byNote = new Map<string, string[]>();
  for (const [copy, [note]] of Object.entries(state.copies)) {
    const list = byNote.get(note) ?? [];
    list.push(copy);
    byNote.set(note, list);
  }
  const work = [...touched];
  while (work.length) {
    const k = work.shift()!;
    if (!add(k) || !TEXT_FIELDS[k.table]) continue;
    // A note's copies take its fields, so they change with it; copies of copies likewise.
    const copies = new Set([...(byNote.get(k.key) ?? []), ...deriveCopies(state, k.table, k.key, options)]);
    for (const copy of copies) {
      const list = byNote.get(k.key) ?? [];
      if (!list.includes(copy)) byNote.set(k.key, [...list, copy]);
      work.push({ table: k.table, key: copy });
    }
  }
  return out;
}

/** The record storage should hold for `table`/`key` (undefined: none, or not known here). */
export function recordOf(
  state: ReplicaState,
  table: string,
  key: string,
  options: MergeOptions = {},
): Record<string, unknown> | undefined {
  const rec = effectiveRecord(state, table, key, options);
  return rec ? recordView(rec, table, key, options) : undefined;
}

/** {@link recordOf} for each key (typically what {@link applyOps} returned). */
export function materialize(
  state: ReplicaState,
  keys: readonly RecordKey[],
  options: MergeOptions = {},
): MergedRecord[] {
  return keys.map((k) => ({ ...k, record: recordOf(state, k.table, k.key, options) }));
}

/** Every record the state holds (conflict copies included), by table and key, for a first write-back or a check. */
export function allRecords(state: ReplicaState, options: MergeOptions = {}): MergedRecord[] {
  const keys: RecordKey[] = [];
  for (const [table, records] of Object.entries(state.tables)) {
    for (const key of Object.keys(records)) keys.push({ table, key });
  }
  const known = new Set(keys.map(id));
  for (const [copy] of Object.entries(state.copies)) {
    for (const table of Object.keys(TEXT_FIELDS)) {
      const k = { table, key: copy };
      if (!known.has(id(k))) {
        known.add(id(k));
        keys.push(k);
      }
    }
  }
  keys.sort((x, y) =>
    x.table < y.table ? -1 : x.table > y.table ? 1 : x.key < y.key ? -1 : x.key > y.key ? 1 : 0,
  );
  return materialize(state, keys, options).filter((r) => r.record !== undefined);
}
