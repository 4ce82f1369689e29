/**
 * The replica state: everything a device knows of every synced record, as merge registers. It is
 * plain JSON (the background persists it and snapshots carry it). Applying an operation only ever
 * grows it by a join (maximum of registers, union of sets), which is why operations may arrive in
 * any order, more than once, and still give the same state everywhere.
 */
import type { Hlc } from '../hlc';
import type { Seen, UnknownOp } from '../ops';

export const REPLICA_FORMAT = 'talkmarks-replica';
export const REPLICA_VERSION = 1;

/** A last-writer-wins field. `value` absent: the field is removed. */
export interface Register {
  hlc: Hlc;
  value?: unknown;
  /** On a trash (`deletedAt` with a value): what the trashing device had. */
  seen?: Seen;
}

/** One tag of an add-wins set: the dots that added it and the dots removed. Both sorted. */
export interface TagDots {
  add: Hlc[];
  rem: Hlc[];
}

/** A body version (its id is the key it is stored under: the stamp of its operation). */
export interface Version {
  parents: Hlc[];
  body: string;
  /** Parents that had lost the merge this version was written from (kept as conflict copies). */
  losers?: Hlc[];
}

export interface RecordState {
  fields: Record<string, Register>;
  /** Text field → its versions. */
  text?: Record<string, Record<Hlc, Version>>;
  /** Tag field → tag name → dots. */
  sets?: Record<string, Record<string, TagDots>>;
  /** Purge stamp → what the purging device had. */
  purges?: Record<Hlc, Seen>;
}

export interface ReplicaState {
  format: typeof REPLICA_FORMAT;
  version: number;
  /** Table → key → record. */
  tables: Record<string, Record<string, RecordState>>;
  /** Device → the latest stamp of its operations applied here. */
  clock: Record<string, Hlc>;
  /** Operations of kinds this version does not know, by their canonical JSON. */
  unknown: Record<string, UnknownOp>;
  /**
   * A cache, not merge state: conflict-copy id → [note key, losing version], for every copy this
   * device has derived. Entries whose copy is no longer derived are harmless (looked up, then checked).
   */
  copies: Record<string, [string, Hlc]>;
}

export function emptyState(): ReplicaState {
  return { format: REPLICA_FORMAT, version: REPLICA_VERSION, tables: {}, clock: {}, unknown: {}, copies: {} };
}

export function emptyRecord(): RecordState {
  return { fields: {} };
}

/** A deep copy (the state is plain JSON). */
export function cloneRecord(rec: RecordState): RecordState {
  return structuredClone(rec);
}

/** `obj[key]`, first set to `make()` when absent. */
export function slot<T>(obj: Record<string, T>, key: string, make: () => T): T {
  let v = obj[key];
  if (v === undefined) {
    v = make();
    obj[key] = v;
  }
  return v;
}

/** The state of one record, created empty when absent. */
export function recordSlot(state: ReplicaState, table: string, key: string): RecordState {
  return slot(
    slot(state.tables, table, () => ({})),
    key,
    emptyRecord,
  );
}
