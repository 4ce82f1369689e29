/**
 * Backup export and import against the database. Export reads every table in chunks; import
 * reads and checks the whole file first (storage/backup/read.ts), then that every reference names a
 * record of the file or of the library (storage/backup/refs.ts), plans it against what is stored
 * (newer `updatedAt` wins, merge by id), and only then writes, in chunks of 2,000 records per
 * transaction with progress. A bad file writes nothing.
 */
import Dexie, { type Table } from 'dexie';
import { writeUnqueued } from '../changes';
import { getDb } from '../db';
import { importRecords } from '../records';
import { DEVICE as SYNC_DEVICE } from '../sync-store';
import type { BaseRecord, BlobRecord } from '../types';
import {
  BACKUP_TABLES,
  type BackupData,
  type BackupTable,
  type FileRecord,
  fromBase64,
  serializeBackup,
  toBase64,
} from './format';
import { type ImportPlan, type ImportSummary, planImport, summarize, writeCount } from './plan';
import { type ReadOptions, readBackup } from './read';
import { danglingMessage, outsideReferences } from './refs';

export { MAX_BACKUP_BYTES } from './read';

export type Progress = (phase: 'reading' | 'checking' | 'writing', done: number, total: number) => void;

const CHUNK = 1_000;
// Bigger than the 1,000 it was: fewer commits. Dexie tells other pages of a bulk write of 50 or
// more as whole tables changed, so a bigger chunk does not make that message bigger.
const WRITE_CHUNK = 2_000;
const pause = () => new Promise<void>((r) => setTimeout(r, 0));

function table(name: BackupTable): Table<BaseRecord, string> {
  return getDb().table(name);
}

/** Every record of a table, a chunk at a time in id order (never one huge read). */
async function* chunks(name: BackupTable): AsyncGenerator<BaseRecord[]> {
  let after: string | undefined;
  for (;;) {
    const t = table(name);
    const range = after === undefined ? t.orderBy(':id') : t.where(':id').above(after);
    const chunk = await range.limit(CHUNK).toArray();
    if (chunk.length === 0) return;
    yield chunk;
    after = chunk[chunk.length - 1]!.id;
    if (chunk.length < CHUNK) return;
  }
}

async function toFileRecord(name: BackupTable, record: BaseRecord): Promise<FileRecord> {
  if (name !== 'blobs') return record as FileRecord;
  const blob = record as BlobRecord;
  return { ...blob, data: toBase64(new Uint8Array(await blob.data.arrayBuffer())) };
}

/** Everything in the database as a backup file (JSON text), thumbnails included. */
export async function exportBackup(app: string, onProgress?: Progress): Promise<string> {
  const counts = await Promise.all(BACKUP_TABLES.map((t) => table(t).count()));
  const total = counts.reduce((a, b) => a + b, 0);
  const data = Object.fromEntries(BACKUP_TABLES.map((t) => [t, [] as FileRecord[]])) as BackupData;
  let done = 0;
  for (const name of BACKUP_TABLES) {
    for await (const chunk of chunks(name)) {
      for (const record of chunk) data[name].push(await toFileRecord(name, record));
      done += chunk.length;
      onProgress?.('reading', done, total);
    }
  }
  dropDanglingReferences(data);
  return serializeBackup(data, app);
}

/**
 * A library can hold a reference to a record that is gone (a talk deleted for good on another
 * device while a note was filed under it here). Import refuses references to nothing, so a backup
 * never carries one: the field is left out (the note stays, on no talk), and so the user's own
 * backup always imports.
 */
export function dropDanglingReferences(data: BackupData): number {
  const dangling = outsideReferences(data, (id) => id.startsWith('builtin:'));
  for (const { where } of dangling) {
    const record = data[where.table][where.index];
    if (!record) continue;
    if (where.item === undefined) delete record[where.field];
    else {
      const list = record[where.field];
      if (Array.isArray(list)) list[where.item] = undefined;
    }
  }
  // List entries were blanked by position (so the positions above held); now removed.
  for (const recap of data.recaps) {
    if (Array.isArray(recap.talkIds)) recap.talkIds = recap.talkIds.filter((id) => id !== undefined);
  }
  return dangling.length;
}

export type PreparedImport =
  | { ok: true; plan: ImportPlan; summary: ImportSummary; writes: number }
  | { ok: false; error: string };

/**
 * What we already have: `updatedAt` by id for the ids the file names. The table's ids are read
 * first (keys only, one request), and only the records the file shares with it are read, in
 * chunks: a backup imported into a new or different library reads no record at all (reading every
 * id of a 50,000-note file one chunk at a time was a quarter of the check).
 */
async function existingTimes(name: BackupTable, records: FileRecord[]): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  if (!records.length) return times;
  const stored = new Set(await table(name).toCollection().primaryKeys());
  const shared = records.filter((r) => stored.has(r.id)).map((r) => r.id);
  for (let i = 0; i < shared.length; i += CHUNK) {
    const found = await table(name).bulkGet(shared.slice(i, i + CHUNK));
    for (const r of found) if (r) times.set(r.id, r.updatedAt);
  }
  return times;
}

export interface ImportChecks {
  /** Compiles a template (recap/render.ts, checkTemplate): its error, or null. */
  checkTemplate?: ReadOptions['checkTemplate'];
  /** Whether a template id is a built-in one (recap/builtins.ts); default: any `builtin:` id. */
  isBuiltinTemplate?: (id: string) => boolean;
  /** The time of the import (tests). */
  now?: number;
  /** Characters or bytes read at a time (tests). */
  pieceSize?: number;
  /** Where the checksum is computed (default: in this thread). */
  hasher?: ReadOptions['hasher'];
}

/** Reads, checks and plans an import of a file (or its text); writes nothing. */
export async function prepareImport(
  source: string | Blob,
  onProgress?: Progress,
  checks: ImportChecks = {},
): Promise<PreparedImport> {
  const read = await readBackup(source, {
    onProgress: (d, t) => onProgress?.('checking', d, t),
    checkTemplate: checks.checkTemplate,
    now: checks.now,
    pieceSize: checks.pieceSize,
    hasher: checks.hasher,
  });
  if (!read.ok) return read;
  const isBuiltin = checks.isBuiltinTemplate ?? ((id: string) => id.startsWith('builtin:'));
  const outside = outsideReferences(read.file.data, isBuiltin);
  for (let i = 0; i < outside.length; i += CHUNK) {
    const refs = outside.slice(i, i + CHUNK);
    for (const target of new Set(refs.map((r) => r.target))) {
      const wanted = refs.filter((r) => r.target === target);
      const found = await table(target).bulkGet(wanted.map((r) => r.id));
      const missing = wanted.find((_, k) => !found[k]);
      if (missing) return { ok: false, error: danglingMessage(missing) };
    }
  }
  const existing = {} as Record<BackupTable, Map<string, number>>;
  for (const name of BACKUP_TABLES) existing[name] = await existingTimes(name, read.file.data[name]);
  const plan = planImport(read.file.data, existing);
  return { ok: true, plan, summary: summarize(plan), writes: writeCount(plan) };
}

function toStored(name: BackupTable, record: FileRecord): BaseRecord {
  if (name !== 'blobs') return record;
  // Decoded once, when the file was checked (storage/backup/read.ts keeps the bytes).
  const bytes =
    record.data instanceof Uint8Array ? record.data : (fromBase64(String(record.data)) ?? new Uint8Array());
  return {
    ...record,
    data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: String(record.mime) }),
  } as BlobRecord;
}

/**
 * One chunk of a table, in one transaction that also reads whether sync is connected: when it is
 * not (no device state), the writes are not queued for sync — nothing would read the queue, and
 * connecting later uploads the whole library from the tables (platform/sync-service.ts). Read in
 * the same transaction, so a connect cannot slip between the check and the writes.
 */
async function writeChunk(name: BackupTable, records: FileRecord[], fresh: ReadonlySet<string>) {
  const db = getDb();
  const device = db.tables.find((t) => t.name === SYNC_DEVICE);
  const stored = records.map((r) => toStored(name, r));
  if (!device) return importRecords(table(name), stored, fresh);
  return db.transaction('rw', [table(name), device], async () => {
    if (!(await device.get('device'))) writeUnqueued(Dexie.currentTransaction.idbtrans);
    return importRecords(table(name), stored, fresh);
  });
}

/**
 * Writes a prepared plan in chunks, one transaction each, re-checking `updatedAt` inside the
 * transaction so an edit made since planning is never overwritten by an older copy.
 */
export async function applyImport(plan: ImportPlan, onProgress?: Progress): Promise<number> {
  const total = writeCount(plan);
  let done = 0;
  let written = 0;
  for (const name of BACKUP_TABLES) {
    const records = plan[name].write;
    for (let i = 0; i < records.length; i += WRITE_CHUNK) {
      const chunk = records.slice(i, i + WRITE_CHUNK);
      written += await writeChunk(name, chunk, plan[name].fresh);
      done += chunk.length;
      onProgress?.('writing', done, total);
      await pause();
    }
  }
  return written;
}
