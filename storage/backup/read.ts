/**
 * Reads a backup file in full before anything is written: JSON syntax, header, checksum, every
 * record against its schema, duplicate ids and blob bytes. A corrupt, truncated or hostile file
 * yields one message that says what is wrong, and nothing else happens.
 */
import * as v from 'valibot';
import { withKindSplit } from '../kinds';
import type { NoteKind } from '../types';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  type BackupFile,
  type BackupTable,
  checksumInput,
  type FileRecord,
  fromBase64,
  sha256,
} from './format';
import { RECORD_SCHEMAS } from './schema';

export type ReadResult = { ok: true; file: BackupFile } | { ok: false; error: string };

export interface ReadOptions {
  /** Called as records are checked (done of total). */
  onProgress?: (done: number, total: number) => void;
  /** Lets other work run between batches of this many records. */
  batch?: number;
}

/** Keys that mean something to JavaScript objects rather than to data: never accepted. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class BackupError extends Error {}

const fail = (message: string): never => {
  throw new BackupError(message);
};

const pause = () => new Promise<void>((r) => setTimeout(r, 0));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) fail(`The file contains a field named "${key}", which no backup has.`);
      return value;
    });
  } catch (e) {
    if (e instanceof BackupError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    const truncated = /end of (JSON )?input|Unterminated/i.test(detail);
    return fail(
      truncated
        ? `The file is cut short: it ends in the middle of the data (${detail}). Export the backup again.`
        : `The file is damaged: it is not valid JSON (${detail}).`,
    );
  }
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function checkHeader(root: unknown): BackupFile {
  if (!isObject(root) || root.format !== BACKUP_FORMAT) {
    return fail('This is not a Talkmarks backup: it has no "format": "talkmarks-backup" header.');
  }
  const { version, exportedAt, app, checksum, data } = root;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('The backup has no valid format version.');
  }
  if (version > BACKUP_VERSION) {
    return fail(
      `This backup was made by a newer Talkmarks (format ${version}); update Talkmarks to import it.`,
    );
  }
  if (typeof exportedAt !== 'string' || Number.isNaN(Date.parse(exportedAt))) {
    return fail('The backup has no valid export date.');
  }
  if (typeof app !== 'string' || app.length > 200) return fail('The backup does not say which app made it.');
  if (typeof checksum !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(checksum)) {
    return fail('The backup has no valid checksum.');
  }
  if (!isObject(data)) return fail('The backup has no data.');
  for (const key of Object.keys(data)) {
    if (!(BACKUP_TABLES as readonly string[]).includes(key))
      return fail(`The backup has an unknown section "${key}".`);
  }
  for (const table of BACKUP_TABLES) {
    if (!Array.isArray(data[table])) return fail(`The backup's "${table}" section is missing or not a list.`);
  }
  return root as unknown as BackupFile;
}

function issuePath(table: BackupTable, index: number, issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => p.key).filter((k) => typeof k === 'string' || typeof k === 'number');
  return `${table}[${index}]${path?.length ? `.${path.join('.')}` : ''}`;
}

async function checkRecords(file: BackupFile, options: ReadOptions): Promise<void> {
  const batch = options.batch ?? 2_000;
  const total = BACKUP_TABLES.reduce((n, t) => n + file.data[t].length, 0);
  let done = 0;
  for (const table of BACKUP_TABLES) {
    const schema = RECORD_SCHEMAS[table];
    const ids = new Set<string>();
    const records = file.data[table] as unknown[];
    for (let i = 0; i < records.length; i++) {
      const result = v.safeParse(schema, records[i]);
      if (!result.success) {
        const issue = result.issues[0];
        fail(`Record ${issuePath(table, i, issue)} is not valid: ${issue.message}.`);
      }
      const record = records[i] as FileRecord;
      if (ids.has(record.id)) fail(`Record ${table}[${i}] repeats the id ${record.id}.`);
      ids.add(record.id);
      if (record.updatedAt < record.createdAt)
        fail(`Record ${table}[${i}] was updated before it was created.`);
      if (table === 'blobs' && !fromBase64(String(record.data)))
        fail(`Record blobs[${i}].data is not valid base64.`);
      if (++done % batch === 0) {
        options.onProgress?.(done, total);
        await pause();
      }
    }
  }
  options.onProgress?.(done, total);
}

/**
 * A backup written before kinds were stored apart (schema version 3) has notes whose bodies start
 * with their prefix (`? `, `! `, `> `, `[ ] `, `TODO `): they come in as the upgrade migrates
 * stored notes (storage/kinds.ts, withKindSplit) — prefix off, kind set, `updatedAt` unchanged.
 */
function withNoteKinds(file: BackupFile): BackupFile {
  const notes = file.data.notes as (FileRecord & { body: string; kind: NoteKind })[];
  return { ...file, data: { ...file.data, notes: notes.map(withKindSplit) } };
}

/** Reads and checks a whole backup; nothing is written here. */
export async function readBackup(text: string, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    if (!text.trim()) fail('The file is empty.');
    const file = checkHeader(parseJson(text));
    if ((await sha256(checksumInput(file))) !== file.checksum) {
      fail('The file is damaged: its contents do not match its checksum. Export the backup again.');
    }
    await checkRecords(file, options);
    return { ok: true, file: withNoteKinds(file) };
  } catch (e) {
    if (e instanceof BackupError) return { ok: false, error: e.message };
    return {
      ok: false,
      error: `The backup could not be read: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
