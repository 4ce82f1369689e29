/**
 * Applying operations to the replica state. Each operation is joined into its record: a register
 * keeps the greater of (stamp, canonical JSON of the operation), versions, dots and purges are set
 * unions. Joins are commutative, associative and idempotent, so the order and repetition of
 * delivery do not matter.
 */
import { canonical } from '../hash';
import { type Hlc, hlcDevice } from '../hlc';
import { isKnownOp, type KnownOp, type Op, type Seen } from '../ops';
import {
  type RecordState,
  type Register,
  type ReplicaState,
  recordSlot,
  slot,
  type TagDots,
  type Version,
} from './state';

/** A record an operation touched. */
export interface RecordKey {
  table: string;
  key: string;
}

/** Inserts `item` into the sorted, duplicate-free `list` (in place). */
export function insertSorted(list: Hlc[], item: Hlc): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < item) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== item) list.splice(lo, 0, item);
}

const copyValue = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v);

/** Whether register `a` beats `b`: later stamp; same stamp (a cloned device): greater canonical JSON. */
export function beats(a: Register, b: Register): boolean {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc;
  return canonical(a) > canonical(b);
}

export function joinRegister(rec: RecordState, field: string, reg: Register): void {
  const old = rec.fields[field];
  if (!old || beats(reg, old)) rec.fields[field] = reg;
}

export function joinVersion(rec: RecordState, field: string, id: Hlc, version: Version): void {
  rec.text ??= {};
  const versions = slot<Record<Hlc, Version>>(rec.text, field, () => ({}));
  const old = versions[id];
  if (!old) versions[id] = version;
  // Replacing a version (only a cloned device can send two under one id): a new container, so
  // results remembered for the old graph (body.ts) are not reused.
  else if (canonical(version) > canonical(old)) rec.text[field] = { ...versions, [id]: version };
}

export function joinDots(
  rec: RecordState,
  field: string,
  tag: string,
  add: readonly Hlc[],
  rem: readonly Hlc[],
): void {
  rec.sets ??= {};
  const tags = slot<Record<string, TagDots>>(rec.sets, field, () => ({}));
  const dots = slot<TagDots>(tags, tag, () => ({ add: [], rem: [] }));
  for (const d of add) insertSorted(dots.add, d);
  for (const d of rem) insertSorted(dots.rem, d);
}

export function joinPurge(rec: RecordState, hlc: Hlc, seen: Seen): void {
  rec.purges ??= {};
  const old = rec.purges[hlc];
  if (!old || canonical(seen) > canonical(old)) rec.purges[hlc] = seen;
}

/** Joins one known operation into a record. */
export function applyToRecord(rec: RecordState, op: KnownOp): void {
  switch (op.op) {
    case 'set': {
      const reg: Register = { hlc: op.hlc };
      if (op.value !== undefined) reg.value = copyValue(op.value);
      if (op.seen !== undefined) reg.seen = copyValue(op.seen);
      joinRegister(rec, op.field, reg);
      return;
    }
    case 'body': {
      const version: Version = { parents: [...new Set(op.parents)].sort(), body: op.value };
      if (op.losers?.length) version.losers = [...new Set(op.losers)].sort();
      joinVersion(rec, op.field, op.hlc, version);
      return;
    }
    case 'tag':
      joinDots(rec, op.field, op.value, [op.hlc], []);
      return;
    case 'untag':
      joinDots(rec, op.field, op.value, [], op.dots);
      return;
    case 'purge':
      joinPurge(rec, op.hlc, copyValue(op.seen));
      return;
  }
}

/** Joins record `from` into record `into` (in place): the state both together stand for. */
export function joinRecord(into: RecordState, from: RecordState): void {
  for (const [field, reg] of Object.entries(from.fields)) joinRegister(into, field, reg);
  for (const [field, versions] of Object.entries(from.text ?? {})) {
    for (const [id, v] of Object.entries(versions)) joinVersion(into, field, id, v);
  }
  for (const [field, tags] of Object.entries(from.sets ?? {})) {
    for (const [tag, dots] of Object.entries(tags)) joinDots(into, field, tag, dots.add, dots.rem);
  }
  for (const [hlc, seen] of Object.entries(from.purges ?? {})) joinPurge(into, hlc, seen);
}

/**
 * Applies operations to the state in place (any order, repeats allowed). Returns the records they
 * touched, each once, in first-touched order. Unknown operation kinds are kept in `state.unknown`.
 * This does not derive conflict copies: `applyOps` in `sync/merge/index.ts` does.
 */
export function applyRaw(state: ReplicaState, ops: readonly Op[]): RecordKey[] {
  const touched: RecordKey[] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    if (!isKnownOp(op)) {
      state.unknown[canonical(op)] = op;
      continue;
    }
    applyToRecord(recordSlot(state, op.table, op.key), op);
    const device = hlcDevice(op.hlc);
    const last = state.clock[device];
    if (last === undefined || op.hlc > last) state.clock[device] = op.hlc;
    const id = `${op.table}\u0000${op.key}`;
    if (!seen.has(id)) {
      seen.add(id);
      touched.push({ table: op.table, key: op.key });
    }
  }
  return touched;
}
