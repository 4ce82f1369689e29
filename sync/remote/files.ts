/**
 * The remote layout's files (see `vault.ts` for the whole layout): their names, the create-once
 * writes of log and snapshot files, the owner-replaced head, blobs, and reading them back. Every
 * file but `vault.json` is sealed with the vault's key and its own path as associated data.
 */
import { equalBytes, fromUtf8, utf8 } from '../crypto/bytes';
import { blobName } from '../crypto/keys';
import { open, openJson, seal, sealJson } from '../crypto/seal';
import {
  AlreadyExistsError,
  ClonedDeviceError,
  CorruptError,
  InvalidPathError,
  NotFoundError,
  UnsupportedFormatError,
} from './errors';
import { FORMAT, ID, type OpenVault } from './vault';

/** `head.bin` of a device (sealed JSON), replaced only by that device. */
export interface DeviceHead {
  format: number;
  /** Highest log seq this device has written (0: none yet). */
  seq: number;
  /** A name the user recognises ("Firefox on laptop"). */
  label: string;
  /** When the head was written, by the device's own clock (information only; nothing orders by it). */
  updatedAt: string;
  /** Set by "Remove this device": the device writes no more, others stop waiting for its acks. */
  retired?: boolean;
  /** What this device has applied of each other device (its cursor): acks for collecting old logs. */
  seen?: Record<string, number>;
  /** Its newest snapshot seq, when it wrote one. */
  snapshot?: number;
  /**
   * Its acknowledgement vector: per device, the latest operation stamp it has applied (its
   * replica's clock). Purged records' tombstones go once every active device's vector covers them.
   */
  acks?: Record<string, string>;
}

/** A log or snapshot file name: `<seq>.bin`, the seq as 12 decimal digits. */
export const SEQ_NAME = /^(\d{12})\.bin$/;
const MAX_SEQ = 999_999_999_999;

function checkId(id: string, what: string): string {
  if (!ID.test(id)) throw new InvalidPathError(`Not a ${what} id: '${id}'`);
  return id;
}

function checkSeq(seq: number): number {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ)
    throw new InvalidPathError(`Not a sequence number: ${seq}`);
  return seq;
}

export const seqName = (seq: number): string => `${String(checkSeq(seq)).padStart(12, '0')}.bin`;
export const deviceDir = (vault: { dir: string }, deviceId: string): string =>
  `${vault.dir}/devices/${checkId(deviceId, 'device')}`;
export const logPath = (vault: { dir: string }, deviceId: string, seq: number): string =>
  `${deviceDir(vault, deviceId)}/log/${seqName(seq)}`;
export const snapshotPath = (vault: { dir: string }, deviceId: string, seq: number): string =>
  `${deviceDir(vault, deviceId)}/snap/${seqName(seq)}`;
export const headPath = (vault: { dir: string }, deviceId: string): string =>
  `${deviceDir(vault, deviceId)}/head.bin`;
export const blobPath = (vault: { dir: string }, blobId: string): string =>
  `${vault.dir}/blobs/${checkId(blobId, 'blob')}.bin`;

/** Result of `appendLog`/`writeSnapshot`: written now, or found already there with the same content. */
export type WriteResult = 'written' | 'already-there';

/**
 * Creates a create-once sealed file. If the name is taken, the content there is compared with ours:
 * the same (a retry after an answer was lost) is success; anything else is another writer under our
 * device id, `ClonedDeviceError`, and the file on the server is left as it is.
 */
async function createOnce(
  vault: OpenVault,
  path: string,
  plaintext: Uint8Array,
  deviceId: string,
  seq: number,
): Promise<WriteResult> {
  const sealed = await seal(vault.keyring, path, plaintext);
  try {
    await vault.store.putImmutable(path, sealed);
    return 'written';
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
  }
  const there = await vault.store.get(path);
  let existing: Uint8Array | undefined;
  try {
    existing = await open(vault.keyring, path, there);
  } catch {
    existing = undefined;
  }
  if (existing && equalBytes(existing, plaintext)) return 'already-there';
  throw new ClonedDeviceError(
    `Another installation writes as this device (its file ${seq} differs): take a new device id`,
    deviceId,
    seq,
  );
}

/** Appends one batch (opaque bytes) to this device's log as `seq` (the caller's next seq). */
export function appendLog(
  vault: OpenVault,
  deviceId: string,
  seq: number,
  payload: Uint8Array,
): Promise<WriteResult> {
  return createOnce(vault, logPath(vault, deviceId, seq), payload, deviceId, seq);
}

/** Reads and opens one log file: `CorruptError` if it does not authenticate (retry later). */
export async function readLog(vault: OpenVault, deviceId: string, seq: number): Promise<Uint8Array> {
  const path = logPath(vault, deviceId, seq);
  return open(vault.keyring, path, await vault.store.get(path));
}

/** Writes (replaces) this device's head. */
export async function writeHead(vault: OpenVault, deviceId: string, head: DeviceHead): Promise<void> {
  const path = headPath(vault, deviceId);
  await vault.store.putOwned(path, await sealJson(vault.keyring, path, head));
}

/** A device's head, `undefined` if it has none. `CorruptError` if it does not authenticate. */
export async function readHead(vault: OpenVault, deviceId: string): Promise<DeviceHead | undefined> {
  const path = headPath(vault, deviceId);
  try {
    return await openJson<DeviceHead>(vault.keyring, path, await vault.store.get(path));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Snapshot file body: `u32 length | JSON {format, covers} | state bytes`. `covers` says, per device,
 * through which seq the state includes its changes (this device's own seq included).
 */
export async function writeSnapshot(
  vault: OpenVault,
  deviceId: string,
  seq: number,
  covers: Record<string, number>,
  state: Uint8Array,
): Promise<WriteResult> {
  const meta = utf8(JSON.stringify({ format: FORMAT, covers }));
  const body = new Uint8Array(4 + meta.length + state.length);
  new DataView(body.buffer).setUint32(0, meta.length);
  body.set(meta, 4);
  body.set(state, 4 + meta.length);
  return createOnce(vault, snapshotPath(vault, deviceId, seq), body, deviceId, seq);
}

export async function readSnapshot(
  vault: OpenVault,
  deviceId: string,
  seq: number,
): Promise<{ covers: Record<string, number>; state: Uint8Array }> {
  const path = snapshotPath(vault, deviceId, seq);
  const body = await open(vault.keyring, path, await vault.store.get(path));
  const length = body.length >= 4 ? new DataView(body.buffer, body.byteOffset).getUint32(0) : -1;
  if (length < 0 || 4 + length > body.length) throw new CorruptError(`'${path}' has no snapshot header`);
  let meta: { format?: number; covers?: Record<string, number> };
  try {
    meta = JSON.parse(fromUtf8(body.subarray(4, 4 + length)));
  } catch (cause) {
    throw new CorruptError(`'${path}' has no snapshot header`, { cause });
  }
  if ((meta.format ?? 0) > FORMAT)
    throw new UnsupportedFormatError(`'${path}' was written by a newer format`);
  return { covers: meta.covers ?? {}, state: body.slice(4 + length) };
}

/**
 * Stores a blob (a thumbnail) by its content id (the SHA-256 hex the merge layer names it by), under
 * a keyed name (`blobName`): the server never sees the content hash. A blob already there is fine.
 */
export async function putBlob(vault: OpenVault, contentId: string, bytes: Uint8Array): Promise<WriteResult> {
  const path = blobPath(vault, await blobName(vault.keyring, contentId));
  try {
    await vault.store.putImmutable(path, await seal(vault.keyring, path, bytes));
    return 'written';
  } catch (error) {
    if (error instanceof AlreadyExistsError) return 'already-there';
    throw error;
  }
}

export async function getBlob(vault: OpenVault, contentId: string): Promise<Uint8Array> {
  const path = blobPath(vault, await blobName(vault.keyring, contentId));
  return open(vault.keyring, path, await vault.store.get(path));
}

/**
 * Which of these contents the vault holds already (one listing of its blobs folder), so their bytes
 * need not be sent again. A file appears there only whole (it is moved in from a temporary name).
 */
export async function blobsThere(vault: OpenVault, contentIds: readonly string[]): Promise<Set<string>> {
  const there = new Set<string>();
  if (!contentIds.length) return there;
  let listed: Set<string>;
  try {
    listed = new Set((await vault.store.list(`${vault.dir}/blobs`)).filter((e) => !e.dir).map((e) => e.path));
  } catch (error) {
    if (error instanceof NotFoundError) return there;
    throw error;
  }
  for (const id of contentIds) {
    if (listed.has(blobPath(vault, await blobName(vault.keyring, id)))) there.add(id);
  }
  return there;
}

/** Deletes this device's own files only (collected logs, leftover temporary uploads). */
export async function deleteOwnFiles(vault: OpenVault, deviceId: string, paths: string[]): Promise<void> {
  const mine = `${deviceDir(vault, deviceId)}/`;
  for (const path of paths) {
    if (!path.startsWith(mine)) throw new InvalidPathError(`'${path}' is not this device's file`);
    await vault.store.delete(path);
  }
}
