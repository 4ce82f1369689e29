/**
 * Reads a backup file in full before anything is written, a piece at a time (storage/backup/
 * stream.ts): size, nesting and string lengths as it reads, JSON syntax, header, checksum (hashed
 * record by record as the records are read), every record against its strict schema, duplicate
 * ids, timestamps, image bytes and templates. A corrupt, truncated or hostile file yields one
 * message that says what is wrong, and nothing else happens. References between records are
 * checked against the database by storage/backup/index.ts.
 */
import * as v from 'valibot';
import { withKindSplit } from '../kinds';
import type { NoteKind } from '../types';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  type BackupData,
  type BackupFile,
  type BackupTable,
  type FileRecord,
  fromBase64,
} from './format';
import { CLOCK_SLACK_MS, MAX_TEXT, recordSchemas } from './schema';
import { Sha256 } from './sha256';
import { BackupReadError, BackupScanner, FORBIDDEN_KEYS, failRead, textPieces } from './stream';

export type ReadResult = { ok: true; file: BackupFile } | { ok: false; error: string };

/** The largest backup file imported (stated in the options page). */
export const MAX_BACKUP_BYTES = 500_000_000;
/** Levels of `{`/`[`: the file's own three (root, data, section) and four inside a record. */
export const MAX_DEPTH = 8;
/**
 * The longest string a record of a section may hold as written (escapes included): six characters
 * per character of the longest field (`\u0000`), images aside, and a recap's edited post ten times a note.
 */
const maxString = (section: string) =>
  section === 'blobs' ? 44_800_002 : section === 'recaps' ? 60 * MAX_TEXT + 2 : 6 * MAX_TEXT + 2;

export interface ReadOptions {
  /** Called as the file is read and records are checked (done of total). */
  onProgress?: (done: number, total: number) => void;
  /** Lets other work run between batches of this many records. */
  batch?: number;
  /** The time of the import (timestamps may be at most a day later). */
  now?: number;
  /** The most characters a file may have (the default follows {@link MAX_BACKUP_BYTES}). */
  maxChars?: number;
  /** Compiles a template: its error (with the line) or null. Templates are refused when it fails. */
  checkTemplate?: (source: string) => { message: string; line?: number } | null;
  /** Characters (of a string) or bytes (of a file) read at a time. */
  pieceSize?: number;
  /** Where the checksum is computed (default: here, {@link Sha256}); the backup worker hashes in another thread. */
  hasher?: () => PieceHasher;
}

/** A SHA-256 fed piece by piece, possibly computed in another thread. */
export interface PieceHasher {
  /**
   * Adds text, hashed as UTF-8. Text rather than bytes: encoding it is as much work as hashing, and
   * a hasher in another thread does that work there too.
   */
  updateText(text: string): void;
  /** The digest as lowercase hex, once every piece is in. */
  hex(): Promise<string>;
  /** Stops it (the file was refused before the end). */
  close?(): void;
}

/** The checksum computed in this thread. */
export function localHasher(): PieceHasher {
  const hash = new Sha256();
  return { updateText: (text) => void hash.updateText(text), hex: async () => hash.hex() };
}

const fail = failRead;

const pause = () => new Promise<void>((r) => setTimeout(r, 0));

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** The members the checksum starts with, checked: format, version, export date, app. */
function checkHead(
  root: unknown,
  now: number,
): Pick<BackupFile, 'format' | 'version' | 'exportedAt' | 'app'> {
  if (!isObject(root) || root.format !== BACKUP_FORMAT) {
    return fail('This is not a Talkmarks backup: it has no "format": "talkmarks-backup" header.');
  }
  const { version, exportedAt, app } = root;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('The backup has no valid format version.');
  }
  if (version > BACKUP_VERSION) {
    return fail(
      `This backup was made by a newer Talkmarks (format ${version}); update Talkmarks to import it.`,
    );
  }
  if (typeof exportedAt !== 'string' || exportedAt.length > 40 || Number.isNaN(Date.parse(exportedAt))) {
    return fail('The backup has no valid export date.');
  }
  if (Date.parse(exportedAt) > now + CLOCK_SLACK_MS) {
    return fail(
      `The backup says it was exported on ${exportedAt}, after tomorrow: its dates cannot be trusted.`,
    );
  }
  if (typeof app !== 'string' || app.length > 200) return fail('The backup does not say which app made it.');
  return { format: BACKUP_FORMAT, version, exportedAt, app };
}

function checkRoot(root: unknown, now: number): BackupFile {
  const head = checkHead(root, now);
  const { checksum, data } = root as Record<string, unknown>;
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
  return { ...head, checksum, data: data as unknown as BackupData };
}

function issuePath(table: BackupTable, index: number, issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => p.key).filter((k) => typeof k === 'string' || typeof k === 'number');
  return `${table}[${index}]${path?.length ? `.${path.join('.')}` : ''}`;
}

/** The first key anywhere in a parsed value that JavaScript objects give a meaning to, if any. */
function forbiddenKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = forbiddenKey(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  // JSON.parse makes `__proto__` an own key like any other (it never sets the prototype): listed here.
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return key;
    const found = forbiddenKey((value as Record<string, unknown>)[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function parseRecord(section: string, index: number, text: string): unknown {
  let value: unknown;
  try {
    // No reviver: one makes the parse several times slower; the keys are walked after it instead.
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail(`The file is damaged: ${section}[${index}] is not valid JSON (${detail}).`);
  }
  const key = forbiddenKey(value);
  if (key !== undefined)
    fail(`The file contains a field named "${key}" (in ${section}[${index}]), which no backup has.`);
  return value;
}

/** What an image's first bytes must be for its type. */
const MAGIC: Record<string, (b: Uint8Array) => boolean> = {
  'image/png': (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) =>
    b.length >= 12 &&
    String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
};

/**
 * The checked record with its fields in the file's order (the schema's output has the schema's
 * order): what the file had, less the fields the schema dropped.
 */
function inFileOrder(raw: unknown, checked: unknown): unknown {
  if (Array.isArray(checked) && Array.isArray(raw)) return checked.map((c, k) => inFileOrder(raw[k], c));
  if (!isObject(checked) || !isObject(raw)) return checked;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (key in checked) out[key] = inFileOrder(raw[key], checked[key]);
  return out;
}

async function checkRecords(
  raw: Record<BackupTable, unknown[]>,
  options: ReadOptions,
  now: number,
): Promise<BackupData> {
  const schemas = recordSchemas(now);
  const batch = options.batch ?? 2_000;
  const total = BACKUP_TABLES.reduce((n, t) => n + raw[t].length, 0);
  const data = {} as BackupData;
  let done = 0;
  for (const table of BACKUP_TABLES) {
    const schema = schemas[table] as v.GenericSchema<unknown, FileRecord>;
    const ids = new Set<string>();
    const out: FileRecord[] = [];
    const records = raw[table];
    for (let i = 0; i < records.length; i++) {
      const result = v.safeParse(schema, records[i]);
      if (!result.success) {
        const issue = result.issues[0];
        fail(`Record ${issuePath(table, i, issue)} is not valid: ${issue.message}.`);
      }
      const record = inFileOrder(records[i], result.output) as FileRecord;
      if (ids.has(record.id)) fail(`Record ${table}[${i}] repeats the id ${record.id}.`);
      ids.add(record.id);
      if (record.updatedAt < record.createdAt)
        fail(`Record ${table}[${i}] was updated before it was created.`);
      if (table === 'blobs') {
        const bytes = fromBase64(String(record.data));
        if (!bytes) fail(`Record blobs[${i}].data is not valid: is not base64.`);
        if (!MAGIC[String(record.mime)]?.(bytes!))
          fail(
            `Record blobs[${i}].data is not a ${String(record.mime)} image: its bytes do not start as one.`,
          );
        // The bytes are kept (the import writes them; decoding again would cost as much again).
        record.data = bytes;
      }
      if (table === 'templates' && options.checkTemplate) {
        const error = options.checkTemplate(String(record.source));
        if (error) {
          fail(
            `Record templates[${i}].source does not compile${error.line ? ` (line ${error.line})` : ''}: ${error.message}`,
          );
        }
      }
      out.push(record);
      if (++done % batch === 0) {
        options.onProgress?.(done, total);
        await pause();
      }
    }
    data[table] = out;
  }
  options.onProgress?.(done, total);
  return data;
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

/** Reads the file: header, records as parsed JSON, the checksum over them as they come. */
async function scan(source: string | Blob, options: ReadOptions, now: number) {
  const size = typeof source === 'string' ? source.length : source.size;
  const maxChars = options.maxChars ?? MAX_BACKUP_BYTES;
  if (typeof source !== 'string' && size > MAX_BACKUP_BYTES) {
    fail(
      `The file is ${Math.round(size / 1e6)} MB: larger than a backup may be (at most ${MAX_BACKUP_BYTES / 1e6} MB).`,
    );
  }
  const raw = Object.fromEntries(BACKUP_TABLES.map((t) => [t, [] as unknown[]])) as Record<
    BackupTable,
    unknown[]
  >;
  const hash = (options.hasher ?? localHasher)();
  let firstInSection = true;
  let firstSection = true;
  const scanner = new BackupScanner(
    { maxChars, maxDepth: MAX_DEPTH, maxString },
    {
      header(members) {
        const head = checkHead(members, now);
        hash.updateText(
          `[${JSON.stringify(head.format)},${JSON.stringify(head.version)},${JSON.stringify(head.exportedAt)},${JSON.stringify(head.app)},{`,
        );
      },
      section(name) {
        if (!(BACKUP_TABLES as readonly string[]).includes(name))
          fail(`The backup has an unknown section "${name}".`);
        hash.updateText(`${firstSection ? '' : ','}${JSON.stringify(name)}:[`);
        firstSection = false;
        firstInSection = true;
      },
      record(section, index, text) {
        const value = parseRecord(section, index, text);
        hash.updateText(`${firstInSection ? '' : ','}${JSON.stringify(value)}`);
        firstInSection = false;
        raw[section as BackupTable].push(value);
      },
      sectionEnd() {
        hash.updateText(']');
      },
    },
  );
  let read = 0;
  let any = false;
  try {
    for await (const piece of textPieces(source, options.pieceSize)) {
      if (!any && piece.trim()) any = true;
      scanner.push(piece);
      read += piece.length;
      options.onProgress?.(Math.min(read, size), size);
    }
    if (!any) fail('The file is empty.');
    const root = scanner.end();
    const file = checkRoot(root, now);
    hash.updateText('}]');
    if (`sha256:${await hash.hex()}` !== file.checksum) {
      fail('The file is damaged: its contents do not match its checksum. Export the backup again.');
    }
    return { file, raw };
  } finally {
    hash.close?.();
  }
}

/** Reads and checks a whole backup (a file, or its text); nothing is written here. */
export async function readBackup(source: string | Blob, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    const now = options.now ?? Date.now();
    const { file, raw } = await scan(source, options, now);
    const data = await checkRecords(raw, options, now);
    return { ok: true, file: withNoteKinds({ ...file, data }) };
  } catch (e) {
    if (e instanceof BackupReadError) return { ok: false, error: e.message };
    return {
      ok: false,
      error: `The backup could not be read: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
