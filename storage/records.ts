/**
 * The one shared write helper every repository is built on: create (id, `createdAt`, `updatedAt`),
 * update (`updatedAt` always moves forward, so newer wins in imports and sync), soft delete
 * (`deletedAt`, visible to sync) and restore, plus the bulk writes of imports and seeding. Each call
 * is one Dexie transaction (or joins the caller's).
 */
import type { BulkError, EntityTable } from 'dexie';
import { newId } from './ids';
import type { BaseRecord } from './types';

type Table<T extends BaseRecord> = EntityTable<T, 'id'>;

/** The fields a caller gives for a new record (the common ones are filled in here). */
export type Fields<T extends BaseRecord> = Omit<T, keyof BaseRecord>;

/** The next `updatedAt` of a record changed at `now`: later than both `now` and its last change. */
export function nextStamp(old: Pick<BaseRecord, 'updatedAt'>, now = Date.now()): number {
  return Math.max(now, old.updatedAt + 1);
}

/** A new record (not yet stored): a fresh ULID and both timestamps at `now`. */
export function newRecord<T extends BaseRecord>(fields: Fields<T>, now = Date.now()): T {
  return { id: newId(now), createdAt: now, updatedAt: now, ...fields } as T;
}

/** Stores a new record made from `fields`; returns it. */
export async function createRecord<T extends BaseRecord>(
  table: Table<T>,
  fields: Fields<T>,
  now = Date.now(),
): Promise<T> {
  const record = newRecord<T>(fields, now);
  await table.add(record as never);
  return record;
}

/** Stores a record built elsewhere with {@link newRecord}. */
export async function addRecord<T extends BaseRecord>(table: Table<T>, record: T): Promise<T> {
  await table.add(record as never);
  return record;
}

/**
 * Changes one record: `edit` gets the stored version and returns the next one (or `undefined` to
 * leave it as it is). A missing record throws `missing()` when given, else gives undefined. What
 * is written gets a fresh `updatedAt`.
 */
export async function updateRecord<T extends BaseRecord>(
  table: Table<T>,
  id: string,
  edit: (old: T) => T | undefined,
  options: { missing?: () => Error; now?: number } = {},
): Promise<T | undefined> {
  return table.db.transaction('rw', table, async () => {
    const old = (await table.get(id as never)) as T | undefined;
    if (!old) {
      if (options.missing) throw options.missing();
      return undefined;
    }
    const next = edit(old);
    if (!next) return old;
    const stored = { ...next, updatedAt: nextStamp(old, options.now) };
    await table.put(stored as never);
    return stored;
  });
}

/** Writes several edited records at once (edits already stamped with {@link nextStamp}). */
export async function putRecords<T extends BaseRecord>(
  table: Table<T>,
  records: readonly T[],
): Promise<void> {
  if (records.length) await table.bulkPut(records as never[]);
}

/** Rewrites the records `edit` picks (it returns the new version, or nothing to skip one), in one transaction. */
async function rewriteMany<T extends BaseRecord>(
  table: Table<T>,
  ids: readonly string[],
  edit: (record: T | undefined) => T | undefined,
): Promise<number> {
  return table.db.transaction('rw', table, async () => {
    const found = (await table.bulkGet([...ids] as never[])) as (T | undefined)[];
    const next = found.map(edit).filter((r): r is T => Boolean(r));
    await putRecords(table, next);
    return next.length;
  });
}

/** Moves records to the trash (`deletedAt`); returns how many were live. */
export function softDelete<T extends BaseRecord>(
  table: Table<T>,
  ids: readonly string[],
  now = Date.now(),
): Promise<number> {
  return rewriteMany(table, ids, (r) =>
    r && !r.deletedAt ? { ...r, deletedAt: now, updatedAt: nextStamp(r, now) } : undefined,
  );
}

/** Takes records out of the trash; returns how many came back. */
export function restore<T extends BaseRecord>(
  table: Table<T>,
  ids: readonly string[],
  now = Date.now(),
): Promise<number> {
  return rewriteMany(table, ids, (r) => {
    if (!r?.deletedAt) return undefined;
    const { deletedAt: _gone, ...rest } = r;
    return { ...rest, updatedAt: nextStamp(r, now) } as T;
  });
}

/**
 * Edits a record by hand: each field in `patch` among `keys` is set (strings trimmed) or, when
 * empty, removed — except `required`, which keeps its value — and is remembered in `editedFields`
 * so later captures leave it alone.
 */
export async function editByHand<
  T extends BaseRecord & { editedFields?: string[] },
  K extends keyof T & string,
>(
  table: Table<T>,
  id: string,
  patch: Partial<Pick<T, K>>,
  fields: { keys: readonly K[]; required: K; missing: string },
): Promise<T> {
  const edited = await updateRecord(
    table,
    id,
    (found) => {
      const next: T = { ...found };
      const names = new Set(found.editedFields ?? []);
      for (const key of fields.keys) {
        if (!(key in patch)) continue;
        const raw = patch[key];
        const value = typeof raw === 'string' ? raw.trim() : raw;
        const empty = value === undefined || value === '';
        if (key === fields.required && empty) continue;
        if (empty) delete next[key];
        else next[key] = value as T[K];
        names.add(key);
      }
      next.editedFields = [...names];
      return next;
    },
    { missing: () => new Error(fields.missing) },
  );
  return edited!;
}

/** Adds records made elsewhere (seeding a fresh library), in one transaction; fails on an existing id. */
export async function insertRecords<T extends BaseRecord>(
  table: Table<T>,
  records: readonly T[],
): Promise<void> {
  await table.db.transaction('rw', table, () => table.bulkAdd(records as never[]));
}

// By name: Dexie's error classes are not imported here (only types), so no page gains Dexie by it.
const isBulkError = (e: unknown): e is BulkError =>
  e instanceof Error && e.name === 'BulkError' && 'failuresByPos' in e;

/**
 * Merges records from elsewhere (a backup) by id in one transaction: a record is written when it
 * is new here or newer (`updatedAt`) than the stored one, so an edit made meanwhile is never
 * overwritten by an older copy. Returns how many were written.
 *
 * `fresh` names the records the caller found absent when it planned: they are added without
 * reading the stored versions first (an add fails only on an existing key, so this is exact); one
 * that appeared since then fails its add and is merged like the others.
 */
export async function importRecords<T extends BaseRecord>(
  table: Table<T>,
  records: readonly T[],
  fresh: ReadonlySet<string> = new Set(),
): Promise<number> {
  return table.db.transaction('rw', table, async () => {
    const merge = async (list: readonly T[]) => {
      if (!list.length) return 0;
      const current = (await table.bulkGet(list.map((r) => r.id) as never[])) as (T | undefined)[];
      const newer = list.filter((r, k) => !current[k] || r.updatedAt > current[k]!.updatedAt);
      await putRecords(table, newer);
      return newer.length;
    };
    let written = await merge(records.filter((r) => !fresh.has(r.id)));
    const adds = records.filter((r) => fresh.has(r.id));
    if (!adds.length) return written;
    try {
      await table.bulkAdd(adds as never[]);
      return written + adds.length;
    } catch (e) {
      if (!isBulkError(e)) throw e;
      const failed = Object.entries(e.failuresByPos);
      // Only "this key is taken" falls back to the merge; any other failure is the import's.
      const other = failed.find(([, err]) => err?.name !== 'ConstraintError');
      if (other) throw other[1];
      written += adds.length - failed.length;
      return written + (await merge(failed.map(([pos]) => adds[Number(pos)]!)));
    }
  });
}
