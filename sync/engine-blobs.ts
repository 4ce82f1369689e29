/**
 * Thumbnails in a round: their bytes are not operations (sync/blobs.ts). Hashing, uploading and
 * downloading are asynchronous, so they happen between steps: a queued blob record is converted
 * only once its bytes are hashed and in the vault (`putBlob`, content-addressed, each content once),
 * its `data` becoming the {@link BlobRef}; a merged blob record whose bytes are not on this device
 * waits in `wantedBlobs` and is written to storage, with its bytes, once its file is downloaded and
 * checked. A file that is missing or damaged never stops a round: the record keeps waiting.
 */
import { type BlobRef, blobRefOf, isBlobRef } from './blobs';
import type { KnownBlobs } from './convert';
import { type DeviceState, type LocalBlobs, runStep, type SyncLocal, type WriteBack } from './device';
import { blobsThere, getBlob, putBlob } from './remote/files';
import type { OpenVault } from './remote/vault';
import { BLOB_DATA_FIELD, BLOB_TABLE } from './schema';

/** Runs `work` over `items`, at most `width` at a time. */
async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** Reads and hashes these blob records' bytes (once per key in a round) into `known.held`. */
export async function readBlobs(
  blobs: LocalBlobs,
  keys: readonly string[],
  known: KnownBlobs,
): Promise<void> {
  const fresh = keys.filter((k) => !known.tried.has(k));
  if (!fresh.length) return;
  const read = await blobs.read(fresh);
  for (const key of fresh) known.tried.add(key);
  for (const [key, { value, bytes }] of read) known.held.set(key, { ref: await blobRefOf(bytes), value });
}

/**
 * Sends the bytes of these queued blob records to the vault (each content once: one the vault's
 * blobs folder lists is there already) and marks them convertible. Returns how many files were written.
 */
export async function sendBlobs(
  blobs: LocalBlobs,
  vault: OpenVault,
  keys: readonly string[],
  known: KnownBlobs,
): Promise<number> {
  const read = await blobs.read(keys);
  for (const key of keys) known.tried.add(key);
  const sending = new Map<string, Promise<void>>();
  let written = 0;
  const found: Array<{ key: string; ref: BlobRef; value: unknown; bytes: Uint8Array }> = [];
  for (const [key, { value, bytes }] of read) {
    const ref = await blobRefOf(bytes);
    known.held.set(key, { ref, value });
    found.push({ key, ref, value, bytes });
  }
  // Contents another device sent already (the same slide photographed there) are not sent again.
  const there = await blobsThere(vault, [...new Set(found.map((f) => f.ref.sha256))]);
  await pool(found, 4, async ({ key, ref, value, bytes }) => {
    const sha = ref.sha256;
    if (!there.has(sha) && !sending.has(sha)) {
      const put = async () => {
        if ((await putBlob(vault, sha, bytes)) === 'written') written += 1;
      };
      sending.set(sha, put());
    }
    await sending.get(sha);
    known.sent.set(key, { ref, value });
  });
  return written;
}

/**
 * Downloads the wanted blobs (each content once), checks each against its reference, and writes
 * the records with their bytes in one step — unless the merge changed a record meanwhile. A file
 * missing, damaged or not reachable leaves its record waiting for the next round.
 */
export async function fetchWantedBlobs(
  blobs: LocalBlobs,
  local: SyncLocal,
  vault: OpenVault,
  device: DeviceState,
): Promise<{ written: number; waiting: number }> {
  const wanted = Object.entries(device.wantedBlobs ?? {});
  if (!wanted.length) return { written: 0, waiting: 0 };
  const contents = new Map<string, Promise<Uint8Array | undefined>>();
  const fetchOnce = (ref: BlobRef) => {
    let bytes = contents.get(ref.sha256);
    if (!bytes) {
      bytes = getBlob(vault, ref.sha256)
        .then(async (b) => {
          const check = await blobRefOf(b);
          return check.sha256 === ref.sha256 && check.size === ref.size ? b : undefined;
        })
        .catch(() => undefined);
      contents.set(ref.sha256, bytes);
    }
    return bytes;
  };
  const got = new Map<string, { sha256: string; value: unknown }>();
  await pool(wanted, 4, async ([key, record]) => {
    const ref = record[BLOB_DATA_FIELD];
    if (!isBlobRef(ref)) return;
    const bytes = await fetchOnce(ref);
    if (bytes) got.set(key, { sha256: ref.sha256, value: blobs.value(bytes, String(record.mime ?? '')) });
  });
  if (!got.size) return { written: 0, waiting: wanted.length };
  return runStep(local, { queue: false }, ({ device: d }) => {
    const still = { ...d.wantedBlobs };
    const writeBack: WriteBack[] = [];
    for (const [key, g] of got) {
      const record = still[key];
      const ref = record?.[BLOB_DATA_FIELD];
      if (!record || !isBlobRef(ref) || ref.sha256 !== g.sha256) continue; // changed meanwhile
      writeBack.push({ table: BLOB_TABLE, key, record: { ...record, [BLOB_DATA_FIELD]: g.value } });
      delete still[key];
    }
    const next: DeviceState = { ...d };
    if (Object.keys(still).length) next.wantedBlobs = still;
    else delete next.wantedBlobs;
    return {
      device: next,
      writeBack,
      result: { written: writeBack.length, waiting: Object.keys(still).length },
    };
  });
}
