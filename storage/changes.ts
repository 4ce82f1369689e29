/**
 * The write hook: one Dexie DBCore middleware that sees every mutation of every table (add, put,
 * delete, deleteRange; `Table.update`, `modify`, bulk writes and `clear` all come down to these)
 * and reports each record it changed to the registered sinks. This is where sync's change log
 * attaches (`onChange`); nothing else in the code needs to know that a write happened.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';

/** One record changed by a committed-or-committing write. Keys are record ids. */
export type ChangeRecord =
  /** A record that did not exist was written (add, or a put of a new id). */
  | { table: string; op: 'create'; key: string; value: Record<string, unknown> }
  /** An existing record was rewritten; `fields` are the top-level fields whose value changed (removed ones too). */
  | { table: string; op: 'update'; key: string; value: Record<string, unknown>; fields: string[] }
  /** A record was deleted for good (soft deletes are updates of `deletedAt`). */
  | { table: string; op: 'delete'; key: string };

/**
 * Receives the records of one mutation, in write order, after IndexedDB accepted it and inside its
 * transaction (`trans`), before that transaction commits. It must not throw and must not await.
 */
export type ChangeSink = (changes: readonly ChangeRecord[], trans: DBCoreTransaction) => void;

const sinks = new Set<ChangeSink>();

/** Registers a sink for every change in this context; returns the function that removes it. */
export function onChange(sink: ChangeSink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Top-level fields that differ between two versions of a record, sorted. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !same(before[k], after[k])).sort();
}

/** The keys a request touches (a deleteRange is resolved to the keys it holds before it runs). */
function keysOf(down: DBCoreTable, req: DBCoreMutateRequest): unknown[] | Promise<unknown[]> {
  if (req.type === 'delete') return req.keys;
  if (req.type === 'deleteRange') {
    return down
      .query({ trans: req.trans, query: { index: down.schema.primaryKey, range: req.range }, values: false })
      .then((found) => found.result);
  }
  return req.keys ?? req.values.map((v) => down.schema.primaryKey.extractKey?.(v));
}

function records(
  table: string,
  req: DBCoreMutateRequest,
  keys: unknown[],
  before: (Record<string, unknown> | undefined)[],
  res: DBCoreMutateResponse,
): ChangeRecord[] {
  const out: ChangeRecord[] = [];
  keys.forEach((k, i) => {
    if (res.failures[i]) return;
    const key = String(k);
    if (req.type === 'delete' || req.type === 'deleteRange') {
      out.push({ table, op: 'delete', key });
      return;
    }
    const value = req.values[i] as Record<string, unknown>;
    const old = before[i];
    if (!old) out.push({ table, op: 'create', key, value });
    else {
      const fields = changedFields(old, value);
      if (fields.length) out.push({ table, op: 'update', key, value, fields });
    }
  });
  return out;
}

/** The table where every change of a synced table is queued for sync, in the writing transaction. */
export const OUTBOX = 'syncOutbox';

/** The tables whose records sync between devices. */
export const SYNCED_TABLES: ReadonlySet<string> = new Set([
  'events',
  'talks',
  'decks',
  'notes',
  'blobs',
  'recaps',
  'templates',
]);

/**
 * One queued change: which record changed and how, and when. The value is not kept (sync reads
 * the record as it is when it converts the queue, in the same transaction), so the queue costs a
 * few dozen bytes per write. `seq` orders the queue (write order).
 */
export interface OutboxEntry {
  seq?: number;
  table: string;
  key: string;
  op: 'create' | 'update' | 'delete';
  /** For an update: the fields that changed. */
  fields?: string[];
  at: number;
}

// Transactions whose writes are sync's own write-back of merged records: not queued again.
const quiet = new WeakSet<object>();

/** Marks a transaction (Dexie's `idbtrans`) as sync's write-back: its writes are not queued. */
export function writeBackQuietly(trans: object): void {
  quiet.add(trans);
}

/**
 * Marks a transaction (Dexie's `idbtrans`) whose writes need no queue entry because sync is not
 * connected (no device state, read in that same transaction): nothing reads the queue then, and
 * connecting uploads the whole library from its tables. A bulk import saves a row per record.
 */
export function writeUnqueued(trans: object): void {
  quiet.add(trans);
}

const hasStore = (trans: DBCoreTransaction, name: string): boolean => {
  const names = (trans as unknown as { objectStoreNames?: DOMStringList }).objectStoreNames;
  return Boolean(names?.contains(name));
};

function watched(core: DBCore, name: string): DBCoreTable {
  const down = core.table(name);
  const queued = SYNCED_TABLES.has(name);
  // Promise chains, not `await`: Dexie keeps its transaction zone across its own promises only.
  const mutate = (req: DBCoreMutateRequest, keys: unknown[]) => {
    const run = (before: (Record<string, unknown> | undefined)[]) =>
      down.mutate(req).then((res) => {
        const changes = records(name, req, keys, before, res);
        if (changes.length) for (const sink of sinks) sink(changes, req.trans);
        if (!changes.length || !queued || quiet.has(req.trans) || !hasStore(req.trans, OUTBOX)) return res;
        const at = Date.now();
        const values: OutboxEntry[] = changes.map((c) =>
          c.op === 'update'
            ? { table: c.table, key: c.key, op: c.op, fields: c.fields, at }
            : { table: c.table, key: c.key, op: c.op, at },
        );
        return core
          .table(OUTBOX)
          .mutate({ type: 'add', trans: req.trans, values })
          .then(() => res);
      });
    // Existing versions, read in the same transaction, tell creates from updates and what changed.
    return req.type === 'put' ? down.getMany({ trans: req.trans, keys, cache: 'clone' }).then(run) : run([]);
  };
  return {
    ...down,
    mutate(req) {
      // Nothing to report and nothing to queue: no version read, no keys resolved.
      if (sinks.size === 0 && (!queued || quiet.has(req.trans) || !hasStore(req.trans, OUTBOX)))
        return down.mutate(req);
      const keys = keysOf(down, req);
      return Array.isArray(keys) ? mutate(req, keys) : keys.then((k) => mutate(req, k));
    },
  };
}

/**
 * The middleware; `openDatabase` installs it on every database it opens. A read-write transaction
 * over a synced table also takes the outbox, so a write and its queue entry commit together (or
 * not at all): sync never misses a change, whichever extension page made it.
 */
export const changesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'changes',
  create: (down) => {
    const hasOutbox = down.schema.tables.some((t) => t.name === OUTBOX);
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen =
          hasOutbox &&
          mode === 'readwrite' &&
          !stores.includes(OUTBOX) &&
          stores.some((s) => SYNCED_TABLES.has(s));
        return down.transaction(widen ? [...stores, OUTBOX] : stores, mode, options);
      },
      table: (name) => watched(down, name),
    };
  },
};
