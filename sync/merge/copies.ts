/**
 * Conflict copies. When a head version of a note body loses its merge (`body.ts`), the note keeps
 * the merged text and a *conflict copy* holds the losing version whole: a note of its own, made the
 * same way on every device, so no device writes it and none can disagree about it.
 *
 * - Id: ULID-shaped, from the note's key and the losing version's id ({@link conflictCopyId}): the
 *   same losing version is one copy, whatever it lost against and however many devices see it.
 * - Content: the original's fields (url, talk, kind, anchor…) with `body` = the losing text,
 *   `createdAt`/`updatedAt` = the losing version's time, `conflictOf` = the original's key and
 *   `conflictVersion` = the losing version (so the UI can show and link it), and the original's tags.
 * - Those values are *virtual operations* stamped with the losing version's stamp: they are derived
 *   from the original whenever the copy is read, and any real operation on the copy (an edit, a
 *   trash) is later and wins field by field. The first local change of a copy, and a purge of its
 *   original, write the virtual operations for real (`materializeOps`): from then on the copy is
 *   read from its own state alone, so it no longer depends on its original's history (a device
 *   that collected the original's tombstone no longer holds it).
 */
import { deterministicUlid } from '../hash';
import { type Hlc, hlcMs } from '../hlc';
import type { KnownOp } from '../ops';
import { CONFLICT_OF, CONFLICT_VERSION, RESTORED, TAG_FIELDS, TEXT_FIELDS } from '../schema';
import { applyToRecord, joinRecord } from './apply';
import { losingVersions } from './body';
import { emptyRecord, type RecordState, type ReplicaState } from './state';
import { type MergeOptions, splitAtPurge, tagList, withoutPurgedPast } from './view';

/** The id of the conflict copy of version `version` of note `noteKey` (the same on every device). */
export function conflictCopyId(noteKey: string, version: Hlc): string {
  return deterministicUlid(hlcMs(version), `talkmarks conflict copy\n${noteKey}\n${version}`);
}

/** Fields of the original a copy does not take (it has its own). */
const OWN = new Set(['id', 'createdAt', 'updatedAt', 'deletedAt', RESTORED, CONFLICT_OF, CONFLICT_VERSION]);

/** Copies of copies are followed this deep (a guard; real chains are one or two long). */
const MAX_DEPTH = 8;

/**
 * A record's merge state as the merge reads it: its own state joined with its virtual copy
 * operations when it is a conflict copy. Undefined when the state knows nothing of it.
 */
export function effectiveRecord(
  state: ReplicaState,
  table: string,
  key: string,
  options: MergeOptions = {},
  depth = 0,
): RecordState | undefined {
  const stored = state.tables[table]?.[key];
  // A record read for itself leaves out a purged past it was created again after (view.ts); an
  // original read for its copies' content keeps it, so copies made before the purge stay as they are.
  const real = stored && depth === 0 ? withoutPurgedPast(stored) : stored;
  // A copy whose derived operations were written for real (its first local change, or its note's
  // purge) is read from its own state alone: derived again, it would follow what its note became
  // after that (a note created again after a purge), which a device that collected the note's
  // tombstone can no longer see.
  if (stored?.fields[CONFLICT_VERSION]) return real;
  const ops = depth < MAX_DEPTH ? copyOps(state, table, key, options, depth) : undefined;
  if (!ops) return real;
  const rec = emptyRecord();
  for (const op of ops) applyToRecord(rec, op);
  if (real) joinRecord(rec, real);
  return rec;
}

/**
 * The virtual operations of a conflict copy, or undefined when `key` is not (or no longer) the
 * copy of a losing version.
 */
export function copyOps(
  state: ReplicaState,
  table: string,
  key: string,
  options: MergeOptions = {},
  depth = 0,
): KnownOp[] | undefined {
  const textField = TEXT_FIELDS[table];
  const entry = state.copies[key];
  if (!textField || !entry) return undefined;
  const [noteKey, version] = entry;
  const note = effectiveRecord(state, table, noteKey, options, depth + 1);
  const versions = note?.text?.[textField];
  const losing = versions?.[version];
  if (!note || !versions || !losing || !copyVersions(note, textField).includes(version)) return undefined;
  const at = { table, key, hlc: version };
  const ops: KnownOp[] = [];
  for (const [field, reg] of Object.entries(note.fields)) {
    if (OWN.has(field) || reg.value === undefined) continue;
    ops.push({ op: 'set', ...at, field, value: reg.value });
  }
  const ms = hlcMs(version);
  ops.push(
    { op: 'set', ...at, field: 'createdAt', value: ms },
    { op: 'set', ...at, field: 'updatedAt', value: ms },
    { op: 'set', ...at, field: CONFLICT_OF, value: noteKey },
    { op: 'set', ...at, field: CONFLICT_VERSION, value: version },
    { op: 'body', ...at, field: textField, parents: [], value: losing.body },
  );
  const tagField = TAG_FIELDS[table];
  if (tagField) {
    for (const tag of tagList(note.sets?.[tagField]))
      ops.push({ op: 'tag', ...at, field: tagField, value: tag });
  }
  return ops;
}

/** Whether the record's own state already holds what `op` would bring. */
function holds(rec: RecordState | undefined, op: KnownOp): boolean {
  if (!rec) return false;
  switch (op.op) {
    case 'set': {
      const reg = rec.fields[op.field];
      return reg !== undefined && reg.hlc >= op.hlc;
    }
    case 'body':
      return Boolean(rec.text?.[op.field]?.[op.hlc]);
    case 'tag':
      return Boolean(rec.sets?.[op.field]?.[op.value]?.add.includes(op.hlc));
    default:
      return false;
  }
}

/** The virtual operations of a conflict copy its own state does not hold yet (to write them for real). */
export function materializeOps(
  state: ReplicaState,
  table: string,
  key: string,
  options: MergeOptions = {},
): KnownOp[] {
  const real = state.tables[table]?.[key];
  return (copyOps(state, table, key, options) ?? []).filter((op) => !holds(real, op));
}

/**
 * The body versions of a note that have a conflict copy: the losing versions of its body as the
 * note is read for itself and, when it was created again after a purge, those of the past that purge
 * covered (the copies a device that collected the tombstone kept). Never a version that loses only
 * to the two histories mixed, which a device that collected the tombstone cannot see: the same
 * operations must give the same copies whatever order they came in, and the copy cache is filled
 * and checked by this one rule. `note` is read with its past ({@link effectiveRecord} below depth 0).
 */
function copyVersions(note: RecordState, textField: string): Hlc[] {
  const split = splitAtPurge(note);
  if (!split) return losingVersions(note.text?.[textField] ?? {});
  const present = losingVersions(split.present.text?.[textField] ?? {});
  return [...new Set([...present, ...losingVersions(split.past[textField] ?? {})])].sort();
}

/** The conflict copies a note has now (their ids), recorded in the state's copy cache. */
export function deriveCopies(
  state: ReplicaState,
  table: string,
  noteKey: string,
  options: MergeOptions = {},
): string[] {
  const textField = TEXT_FIELDS[table];
  if (!textField) return [];
  // Read as its copies read it (depth 1: with its purged past), so what is derived here is what
  // `copyOps` then finds.
  const note = effectiveRecord(state, table, noteKey, options, 1);
  if (!note?.text?.[textField]) return [];
  const ids: string[] = [];
  for (const version of copyVersions(note, textField)) {
    const id = conflictCopyId(noteKey, version);
    state.copies[id] = [noteKey, version];
    ids.push(id);
  }
  return ids;
}
