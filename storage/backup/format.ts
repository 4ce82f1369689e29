/**
 * The Talkmarks backup file (docs/backup-format.md): one JSON document, versioned, with a checksum
 * over everything but itself, so a damaged or truncated file is told apart from a valid one
 * before anything is read into the database.
 */

export const BACKUP_FORMAT = 'talkmarks-backup';
export const BACKUP_VERSION = 1;

/** Tables in the order they are written on import: what a record refers to comes first. */
export const BACKUP_TABLES = ['events', 'talks', 'decks', 'blobs', 'notes', 'recaps', 'templates'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** A record as stored in the file: plain JSON (blob bytes as base64; once read and checked, as bytes). */
export type FileRecord = { id: string; createdAt: number; updatedAt: number; deletedAt?: number } & Record<
  string,
  unknown
>;

export type BackupData = Record<BackupTable, FileRecord[]>;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  app: string;
  /** `sha256:` + hex digest of {@link checksumInput}. */
  checksum: string;
  data: BackupData;
}

/** What the checksum covers: every member but the checksum itself, serialised canonically. */
export function checksumInput(
  file: Pick<BackupFile, 'format' | 'version' | 'exportedAt' | 'app' | 'data'>,
): string {
  return JSON.stringify([file.format, file.version, file.exportedAt, file.app, file.data]);
}

/** SHA-256 of a string, as `sha256:<hex>` (Web Crypto: browsers, workers and Node alike). */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Serialises a backup: header first, then one table after another. */
export async function serializeBackup(data: BackupData, app: string, now = new Date()): Promise<string> {
  const head = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    app,
  } as const;
  const checksum = await sha256(checksumInput({ ...head, data }));
  return JSON.stringify({ ...head, checksum, data });
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, without going through a binary string (large thumbnails stay fast). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += `${B64[n >> 18]}${B64[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${B64[n >> 18]}${B64[(n >> 12) & 63]}${B64[(n >> 6) & 63]}=`;
  }
  return out;
}

const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) LOOKUP[B64.charCodeAt(i)] = i;

/** The platform's decoder where there is one (Chromium 140+, Firefox 133+): many times faster. */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

/** Bytes of a strict base64 string (padded, no whitespace), or null when it is not one. */
export function fromBase64(text: string, native = nativeFromBase64): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const size = (text.length / 4) * 3 - pad;
  if (native) {
    let out: Uint8Array;
    try {
      out = native(text);
    } catch {
      return null;
    }
    // The platform skips ASCII whitespace, which strict base64 has not: it shows as missing bytes.
    return out.length === size ? out : null;
  }
  return decodeBase64(text, pad, size);
}

/** The same in JavaScript, one pass, for platforms without `Uint8Array.fromBase64`. */
function decodeBase64(text: string, pad: number, size: number): Uint8Array | null {
  const out = new Uint8Array(size);
  const n = text.length;
  const full = pad ? n - 4 : n;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    // Any code unit of 128 or more makes the OR reach 128; LOOKUP gives -1 outside the alphabet.
    if ((a | b | c | d) >= 128) return null;
    const x = (LOOKUP[a]! << 18) | (LOOKUP[b]! << 12) | (LOOKUP[c]! << 6) | LOOKUP[d]!;
    if (x < 0) return null;
    out[o++] = x >> 16;
    out[o++] = (x >> 8) & 255;
    out[o++] = x & 255;
  }
  if (pad) {
    const a = text.charCodeAt(n - 4);
    const b = text.charCodeAt(n - 3);
    const c = pad === 2 ? 65 : text.charCodeAt(n - 2); // 'A': a zero digit in the padded place
    if ((a | b | c) >= 128) return null;
    const x = (LOOKUP[a]! << 18) | (LOOKUP[b]! << 12) | (LOOKUP[c]! << 6);
    if (x < 0) return null;
    out[o++] = x >> 16;
    if (pad === 1) out[o++] = (x >> 8) & 255;
  }
  return out;
}
