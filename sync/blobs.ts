/**
 * Thumbnails and other blobs: their bytes are not operations. A blob record syncs like any record,
 * except that its `data` field holds a {@link BlobRef} — the SHA-256 of the bytes (hex, from
 * WebCrypto) and their size — instead of the bytes; the bytes travel as a file of their own, named
 * by that hash, written once and never changed. The same image saved twice, on one device or two,
 * is one file. Before a blob record's change is turned into operations, replace its `data` with
 * `await blobRefOf(bytes)`; when a merged blob record comes back, fetch the file its ref names (and
 * check the hash) before writing the record with its bytes to storage. How the remote layer names
 * the file from the hash (possibly keyed, so the server cannot match known images) is its choice:
 * {@link blobKey} is the plain name.
 */

/** What a synced blob record holds in place of its bytes. */
export interface BlobRef {
  /** SHA-256 of the bytes, 64 lower-case hex digits. */
  sha256: string;
  /** Length of the bytes. */
  size: number;
}

const HEX64 = /^[0-9a-f]{64}$/;

export function isBlobRef(value: unknown): value is BlobRef {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.sha256 === 'string' &&
    HEX64.test(v.sha256) &&
    typeof v.size === 'number' &&
    Number.isInteger(v.size) &&
    v.size >= 0 &&
    Object.keys(v).length === 2
  );
}

/** SHA-256 of some bytes as 64 lower-case hex digits (WebCrypto, in browsers and Node 20). */
export async function contentHash(bytes: ArrayBuffer | ArrayBufferView): Promise<string> {
  const view =
    bytes instanceof ArrayBuffer
      ? new Uint8Array(bytes)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Uint8Array(view.byteLength); // a plain ArrayBuffer copy (WebCrypto refuses shared memory)
  data.set(view);
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The reference for some bytes. */
export async function blobRefOf(bytes: ArrayBuffer | ArrayBufferView): Promise<BlobRef> {
  const size = bytes.byteLength;
  return { sha256: await contentHash(bytes), size };
}

/** The plain content-addressed name of a blob: `blobs/<sha256>`. */
export function blobKey(ref: BlobRef): string {
  return `blobs/${ref.sha256}`;
}
