/**
 * Sealing one remote file: compress (raw deflate, fflate), pad to a size bucket, encrypt with
 * AES-256-GCM under the vault's data key. The additional data is the file's header followed by
 * `talkmarks|<vaultId>|<path>`, so a file moved to another path, another vault, or given another
 * header does not open: the server can neither swap nor replay files.
 *
 * Format version 1 (all integers big-endian):
 *
 *     offset  size  field
 *     0       3     magic "TMK"
 *     3       1     format version = 1
 *     4       4     key id (uint32) — which data key of the vault sealed it
 *     8       12    IV, random per file
 *     20      n+16  AES-256-GCM ciphertext of the padded plaintext, then the 16-byte tag
 *
 * Padded plaintext: `flags (1 byte: 0 stored, 1 raw deflate) | length (uint32) | data | zeros`, its
 * total length `paddedLength(5 + data length)`: multiples of 256 bytes up to 4 KiB, Padmé above
 * (sizes keep only their top bits, at most ≈12 % overhead). The server learns a bucket, not a size.
 */
import { deflateSync, inflateSync } from 'fflate';
import { CorruptError, UnsupportedFormatError } from '../remote/errors';
import { buf, concat, fromUtf8, utf8 } from './bytes';
import type { Keyring } from './keys';

export const MAGIC = [0x54, 0x4d, 0x4b] as const; // "TMK"
export const FORMAT_VERSION = 1;
export const HEADER_LENGTH = 20;
export const TAG_LENGTH = 16;
const FLAG_STORED = 0;
const FLAG_DEFLATE = 1;

/** The padded length for `n` bytes: next multiple of 256 up to 4096, else Padmé. Never less than n. */
export function paddedLength(n: number): number {
  if (n <= 4096) return Math.max(256, Math.ceil(n / 256) * 256);
  const e = Math.floor(Math.log2(n));
  const s = Math.floor(Math.log2(e)) + 1;
  const step = 2 ** (e - s);
  return Math.ceil(n / step) * step;
}

/** The additional authenticated data of a file: its header, then `talkmarks|<vaultId>|<path>`. */
export const sealAad = (header: Uint8Array, vaultId: string, path: string): Uint8Array =>
  concat(header, utf8(`talkmarks|${vaultId}|${path}`));

/**
 * Raw deflate of `bytes`: the platform's own zlib (`CompressionStream`, in browsers and Node) where
 * there is one — a first sync's 15 MB of operations took 1.7 s in fflate in the service worker — else
 * fflate. Both write standard raw deflate, which either inflates.
 */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream === 'undefined') return deflateSync(bytes, { level: 6 });
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The platform's zlib where there is one (fflate's inflate took 0.2 s of a join's 2.5 MB in the service worker). */
async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') return inflateSync(bytes);
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Seals `plaintext` for `path` in the keyring's vault with its current key. */
export async function seal(keyring: Keyring, path: string, plaintext: Uint8Array): Promise<Uint8Array> {
  const deflated = await deflate(plaintext);
  const compress = deflated.length < plaintext.length;
  const data = compress ? deflated : plaintext;
  const padded = new Uint8Array(paddedLength(5 + data.length));
  padded[0] = compress ? FLAG_DEFLATE : FLAG_STORED;
  new DataView(padded.buffer).setUint32(1, data.length);
  padded.set(data, 5);

  const header = new Uint8Array(HEADER_LENGTH);
  header.set(MAGIC, 0);
  header[3] = FORMAT_VERSION;
  new DataView(header.buffer).setUint32(4, keyring.current.id);
  header.set(crypto.getRandomValues(new Uint8Array(12)), 8);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      {
        name: 'AES-GCM',
        iv: buf(header.subarray(8, 20)),
        additionalData: buf(sealAad(header, keyring.vaultId, path)),
      },
      keyring.current.key,
      buf(padded),
    ),
  );
  return concat(header, sealed);
}

/**
 * Opens a file sealed for `path` in the keyring's vault. `CorruptError` when it is truncated,
 * tampered with, sealed for another path or vault, or not a sealed file at all;
 * `UnsupportedFormatError` when a newer Talkmarks wrote it or its key is not in the keyring.
 */
export async function open(keyring: Keyring, path: string, file: Uint8Array): Promise<Uint8Array> {
  if (file.length < HEADER_LENGTH + TAG_LENGTH || MAGIC.some((b, i) => file[i] !== b))
    throw new CorruptError(`'${path}' is not a sealed Talkmarks file (or it is cut short)`);
  const header = file.subarray(0, HEADER_LENGTH);
  if (header[3] !== FORMAT_VERSION)
    throw new UnsupportedFormatError(`'${path}' has format ${header[3]}: a newer Talkmarks wrote it`);
  const keyId = new DataView(header.buffer, header.byteOffset).getUint32(4);
  const key = keyring.keys.get(keyId);
  if (!key)
    throw new UnsupportedFormatError(`'${path}' is sealed with key ${keyId}, which this device lacks`);
  let padded: Uint8Array;
  try {
    padded = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: buf(header.subarray(8, 20)),
          additionalData: buf(sealAad(header, keyring.vaultId, path)),
        },
        key,
        buf(file.subarray(HEADER_LENGTH)),
      ),
    );
  } catch (cause) {
    throw new CorruptError(`'${path}' does not authenticate: cut short, altered, or not this vault's`, {
      cause,
    });
  }
  const flags = padded[0];
  const length = padded.length >= 5 ? new DataView(padded.buffer).getUint32(1) : -1;
  if ((flags !== FLAG_STORED && flags !== FLAG_DEFLATE) || length < 0 || 5 + length > padded.length)
    throw new CorruptError(`'${path}' has an unreadable body`);
  const data = padded.subarray(5, 5 + length);
  if (flags === FLAG_STORED) return data.slice();
  try {
    return await inflate(data);
  } catch (cause) {
    throw new CorruptError(`'${path}' has an unreadable body`, { cause });
  }
}

/** `seal` of a JSON value. */
export const sealJson = (keyring: Keyring, path: string, value: unknown): Promise<Uint8Array> =>
  seal(keyring, path, utf8(JSON.stringify(value)));

/** `open` of a sealed JSON value (`CorruptError` if it is not JSON). */
export async function openJson<T = unknown>(keyring: Keyring, path: string, file: Uint8Array): Promise<T> {
  const bytes = await open(keyring, path, file);
  try {
    return JSON.parse(fromUtf8(bytes)) as T;
  } catch (cause) {
    throw new CorruptError(`'${path}' does not hold JSON`, { cause });
  }
}
