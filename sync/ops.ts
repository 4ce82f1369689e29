/**
 * The sync operation format, version 1. Operations travel between devices in batches (one batch per
 * log file, inside the encrypted files of the remote layout) and are applied by `sync/merge/`.
 * docs/sync.md ("## Merge") describes every field; the rules in short:
 *
 * - Every operation names a record (`table`, `key`) and carries the {@link Hlc} of the local change
 *   it came from. One change gives one stamp: the operations of one change share it.
 * - `set` — one field of one record, last-writer-wins by `hlc` (ties, possible only with a cloned
 *   device id, by the canonical JSON of the operation). No `value` means the field was removed. A
 *   `set` of `deletedAt` with a value is a trash and carries `seen` (what the device had of the
 *   record then), so an edit it did not see brings the record back.
 * - `body` — a version of a note body: `hlc` is the version id, `parents` the versions it was
 *   written from, `losers` (when it was written from a merge that kept some of them as conflict
 *   copies) those parents. Bodies are merged from this version graph, never by clock.
 * - `tag` / `untag` — the record's tag set (add-wins): a `tag` adds the normalised name with the
 *   operation's `hlc` as its dot; an `untag` removes the dots it lists (those its device had seen),
 *   so an add it had not seen survives.
 * - `purge` — the record was deleted for good (a tombstone), with `seen` as for a trash.
 *
 * Unknown operation kinds (from a newer version) are kept as they are and never dropped; unknown
 * tables and fields are ordinary last-writer-wins fields. A batch of a higher format version is
 * refused ({@link SyncFormatError}): an older device must not merge what it cannot read.
 */
import { type Hlc, isHlc } from './hlc';

export const OPS_FORMAT = 'talkmarks-ops';
/**
 * Version 2 (written now): the operations of one record and one stamp travel as one group (a
 * record's creation is one entry, not one per field). Version 1 (a plain list) is still read.
 */
export const OPS_VERSION = 2;

/**
 * What a device had of a record when it trashed or purged it. An edit that survives in the merged
 * record and is not covered here brings the record back (restored, flagged).
 */
export interface Seen {
  /** Field → the stamp of the value the device had (after the change itself). */
  fields: Record<string, Hlc>;
  /** Note bodies: the head versions the device had. */
  heads?: Hlc[];
  /** Tagged records: the dots of the tags present. */
  tags?: Hlc[];
}

interface OpBase {
  table: string;
  key: string;
  hlc: Hlc;
}

/** One field, last-writer-wins. `value` absent: the field was removed. */
export interface SetOp extends OpBase {
  op: 'set';
  field: string;
  value?: unknown;
  /** Only on a trash (`deletedAt` with a value). */
  seen?: Seen;
}

/** A note body version; its id is `hlc`. */
export interface BodyOp extends OpBase {
  op: 'body';
  field: string;
  parents: Hlc[];
  value: string;
  /** Parents whose text is not in this version: they had lost the merge it was written from. */
  losers?: Hlc[];
}

/** Adds tag `value` (a normalised name) with dot `hlc`. */
export interface TagOp extends OpBase {
  op: 'tag';
  field: string;
  value: string;
}

/** Removes the dots `dots` of tag `value`. */
export interface UntagOp extends OpBase {
  op: 'untag';
  field: string;
  value: string;
  dots: Hlc[];
}

/** The record was deleted for good. */
export interface PurgeOp extends OpBase {
  op: 'purge';
  seen: Seen;
}

export type KnownOp = SetOp | BodyOp | TagOp | UntagOp | PurgeOp;

/** An operation of a kind this version does not know: kept verbatim. */
export interface UnknownOp {
  op: string;
  [k: string]: unknown;
}

export type Op = KnownOp | UnknownOp;

/**
 * Version 2's entry for the operations of one record with one stamp: `r` is `[table, key, hlc]`;
 * `s` the `set`s with a value (and no `seen`), field → value; `u` the `set`s without value (fields
 * removed); `o` every other operation, without its table, key and stamp. Applying operations is a
 * join, so their order within a group does not matter.
 */
export interface OpGroup {
  r: [string, string, Hlc];
  s?: Record<string, unknown>;
  u?: string[];
  o?: Record<string, unknown>[];
}

/** The JSON document of one batch (what the remote layer seals into a log file). */
export interface OpBatch {
  format: typeof OPS_FORMAT;
  version: number;
  /** Version 1: operations. Version 2: groups, and operations of kinds this version does not know. */
  ops: Array<Op | OpGroup>;
}

/** A batch or operation that cannot be read (corrupt, or written by a newer format). */
export class SyncFormatError extends Error {
  override name = 'SyncFormatError';
}

const KNOWN = new Set(['set', 'body', 'tag', 'untag', 'purge']);

export function isKnownOp(op: Op): op is KnownOp {
  return KNOWN.has(op.op);
}

/**
 * The batch document for some operations (version 2): each run of known operations of one record
 * with one stamp (the operations of one change) becomes one {@link OpGroup}.
 */
export function encodeBatch(ops: readonly Op[]): OpBatch {
  return { format: OPS_FORMAT, version: OPS_VERSION, ops: groupOps(ops) };
}

/**
 * The text of {@link encodeBatch}'s document from the JSON of its entries (`JSON.stringify` of
 * {@link groupOps}' result), the same bytes: a device that keeps that JSON for its waiting
 * operations does not build it twice.
 */
export function batchText(entriesJson: string): string {
  return `${JSON.stringify({ format: OPS_FORMAT, version: OPS_VERSION }).slice(0, -1)},"ops":${entriesJson}}`;
}

/** Operations as version 2 entries (see {@link encodeBatch}); also how a device keeps those waiting. */
export function groupOps(ops: readonly Op[]): Array<Op | OpGroup> {
  const out: Array<Op | OpGroup> = [];
  let group: OpGroup | undefined;
  for (const op of ops) {
    if (!isKnownOp(op)) {
      group = undefined;
      out.push(op);
      continue;
    }
    const { table, key, hlc, ...rest } = op;
    if (!group || group.r[0] !== table || group.r[1] !== key || group.r[2] !== hlc) {
      group = { r: [table, key, hlc] };
      out.push(group);
    }
    const plain =
      op.op === 'set' &&
      op.seen === undefined &&
      op.field !== '__proto__' &&
      !(group.s && op.field in group.s) &&
      !group.u?.includes(op.field);
    if (plain && op.value !== undefined) {
      group.s ??= {};
      group.s[op.field] = op.value;
    } else if (plain) {
      group.u ??= [];
      group.u.push(op.field);
    } else {
      group.o ??= [];
      group.o.push(rest);
    }
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStamps = (v: unknown): v is Hlc[] => Array.isArray(v) && v.every(isHlc);

function checkSeen(v: unknown): boolean {
  if (!isObject(v) || !isObject(v.fields)) return false;
  if (!Object.values(v.fields).every(isHlc)) return false;
  if (v.heads !== undefined && !isStamps(v.heads)) return false;
  return v.tags === undefined || isStamps(v.tags);
}

/** Why a known operation is malformed, or null when it is well formed. */
function problem(op: Record<string, unknown>): string | null {
  if (typeof op.table !== 'string' || !op.table) return 'table';
  if (typeof op.key !== 'string' || !op.key) return 'key';
  if (!isHlc(op.hlc)) return 'hlc';
  if (op.op !== 'purge' && (typeof op.field !== 'string' || !op.field)) return 'field';
  switch (op.op) {
    case 'set':
      return op.seen === undefined || checkSeen(op.seen) ? null : 'seen';
    case 'body':
      if (typeof op.value !== 'string') return 'value';
      if (op.losers !== undefined && !isStamps(op.losers)) return 'losers';
      return isStamps(op.parents) ? null : 'parents';
    case 'tag':
      return typeof op.value === 'string' && op.value ? null : 'value';
    case 'untag':
      if (typeof op.value !== 'string' || !op.value) return 'value';
      return isStamps(op.dots) ? null : 'dots';
    default:
      return checkSeen(op.seen) ? null : 'seen';
  }
}

/** Version 2 entries as operations: a group's expanded, anything else as it is (so plain operations too). */
export function ungroupOps(entries: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const [i, entry] of entries.entries()) {
    if (!isObject(entry) || entry.op !== undefined || !Array.isArray(entry.r)) {
      out.push(entry);
      continue;
    }
    const [table, key, hlc] = entry.r as unknown[];
    const { s, u, o } = entry;
    if (
      (s !== undefined && !isObject(s)) ||
      (u !== undefined && !Array.isArray(u)) ||
      (o !== undefined && !(Array.isArray(o) && o.every(isObject)))
    )
      throw new SyncFormatError(`Group ${i} is not a group of operations.`);
    if (s)
      for (const field of Object.keys(s)) out.push({ op: 'set', table, key, hlc, field, value: s[field] });
    if (u) for (const field of u) out.push({ op: 'set', table, key, hlc, field });
    if (o) for (const rest of o as Record<string, unknown>[]) out.push({ ...rest, table, key, hlc });
  }
  return out;
}

/**
 * Reads a batch document (already parsed from JSON): checks the format and version and every known
 * operation. Unknown operation kinds pass through. Throws {@link SyncFormatError}.
 */
export function decodeBatch(doc: unknown): Op[] {
  if (!isObject(doc) || doc.format !== OPS_FORMAT)
    throw new SyncFormatError('Not a Talkmarks operation batch.');
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    throw new SyncFormatError('The batch has no valid format version.');
  }
  if (doc.version > OPS_VERSION) {
    throw new SyncFormatError(
      `The batch was written by a newer Talkmarks (format ${doc.version}); update this one to sync.`,
    );
  }
  if (!Array.isArray(doc.ops)) throw new SyncFormatError('The batch has no operations list.');
  const ops = doc.version >= 2 ? ungroupOps(doc.ops) : doc.ops;
  return ops.map((op, i) => {
    if (!isObject(op) || typeof op.op !== 'string' || !op.op) {
      throw new SyncFormatError(`Operation ${i} is not an operation.`);
    }
    if (KNOWN.has(op.op)) {
      const bad = problem(op);
      if (bad) throw new SyncFormatError(`Operation ${i} (${op.op}) has an invalid ${bad}.`);
    }
    return op as Op;
  });
}
