/**
 * The remote layout of a Talkmarks vault on dumb storage (format 1). Every device writes only its
 * own files; log and snapshot files are created once and never changed, so no two devices ever
 * write the same file and the server needs no locking and no compare-and-swap:
 *
 *     talkmarks/vault.json                              plaintext, create-once: id, format, KDF, wrapped keys
 *     talkmarks/<vaultId>/devices/<deviceId>/head.bin   sealed, owner-only, replaced: label, last seq, acks
 *     talkmarks/<vaultId>/devices/<deviceId>/log/<seq>.bin    sealed, create-once: one batch of changes
 *     talkmarks/<vaultId>/devices/<deviceId>/snap/<seq>.bin   sealed, create-once: state through <seq>
 *     talkmarks/<vaultId>/blobs/<name>.bin              sealed, create-once: a thumbnail, keyed content name
 *
 * `<seq>` is 12 decimal digits (000000000001…), so names sort in order. The device folders are the
 * device registry. Payloads (change batches, snapshots, blobs) are opaque bytes here; `sync/` decides
 * what they hold. This module keeps no state: the caller keeps its device id, the last seq it wrote,
 * its cursor (last seq applied per other device), the vault file bytes and the keyring.
 *
 * What it detects, so that no data is ever destroyed (research/sync.md §6):
 * - an empty or unknown remote (`probeRemote`) — offered as "start a new vault here", never "delete";
 * - a remote that went back in time (`scanRemote` findings `rollback`, `own-missing`, `vault-restored`);
 * - a cloned device (`cloned` finding; `appendLog` throws `ClonedDeviceError` instead of overwriting).
 */
import { equalBytes, fromUtf8, utf8 } from '../crypto/bytes';
import {
  blobName,
  checkVaultKeys,
  createKeys,
  type Keyring,
  unlockKeys,
  type VaultKeys,
} from '../crypto/keys';
import { open, openJson, seal, sealJson } from '../crypto/seal';
import {
  AlreadyExistsError,
  ClonedDeviceError,
  CorruptError,
  InvalidPathError,
  NotFoundError,
  type SyncError,
  UnsupportedFormatError,
  VaultChangedError,
  VaultExistsError,
} from './errors';
import type { RemoteEntry, RemoteStore } from './store';

export const ROOT_DIR = 'talkmarks';
export const VAULT_PATH = `${ROOT_DIR}/vault.json`;
/** The layout and file format this code writes and reads. */
export const FORMAT = 1;

/** `vault.json`: plaintext, written once by the device that creates the vault. */
export interface VaultFile {
  app: 'talkmarks';
  format: number;
  /** Clients whose FORMAT is lower must not write to this vault. */
  minClientFormat: number;
  vaultId: string;
  createdAt: string;
  crypto: VaultKeys;
}

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

/** An opened vault: the store, its vault file and the unwrapped keys. */
export interface OpenVault {
  store: RemoteStore;
  file: VaultFile;
  /** The exact bytes of `vault.json`: keep them, `scanRemote` puts them back if the server loses them. */
  raw: Uint8Array;
  keyring: Keyring;
  vaultId: string;
  fingerprint: string;
  /** `talkmarks/<vaultId>`. */
  dir: string;
}

export type RemoteProbe =
  /** Nothing of Talkmarks there: offer "start a new vault here". */
  | { state: 'empty' }
  | { state: 'vault'; file: VaultFile; raw: Uint8Array }
  /** A `talkmarks/` folder without a readable `vault.json` (lost in a server rollback?): never deleted. */
  | { state: 'unknown'; found: string[] }
  /** Written by a newer Talkmarks: update before syncing. */
  | { state: 'newer'; format: number };

const ID = /^[A-Za-z0-9_-]{8,64}$/;
const SEQ_NAME = /^(\d{12})\.bin$/;
const MAX_SEQ = 999_999_999_999;

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new random device id (128 bits, 32 hex digits). */
export const newDeviceId = randomId;

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

/** Parses and checks `vault.json` bytes; `UnsupportedFormatError` for a newer or foreign file. */
export function parseVaultFile(raw: Uint8Array): VaultFile {
  let value: Partial<VaultFile>;
  try {
    value = JSON.parse(fromUtf8(raw)) as Partial<VaultFile>;
  } catch (cause) {
    throw new CorruptError('vault.json is not JSON', { cause });
  }
  if (value?.app !== 'talkmarks' || typeof value.format !== 'number')
    throw new CorruptError('vault.json is not a Talkmarks vault file');
  if (value.format > FORMAT || (value.minClientFormat ?? 1) > FORMAT)
    throw new UnsupportedFormatError(
      `This vault has format ${value.format}; this Talkmarks reads format ${FORMAT}: update it`,
    );
  if (typeof value.vaultId !== 'string' || !ID.test(value.vaultId))
    throw new CorruptError('vault.json has no valid vault id');
  checkVaultKeys(value.crypto);
  return value as VaultFile;
}

/** What is at the remote: nothing of ours, a vault, something unknown, or a newer format. Reads only. */
export async function probeRemote(store: RemoteStore): Promise<RemoteProbe> {
  const entries = await store.list(ROOT_DIR);
  if (entries.length === 0) return { state: 'empty' };
  if (!entries.some((e) => e.name === 'vault.json' && !e.dir))
    return { state: 'unknown', found: entries.map((e) => e.name) };
  const raw = await store.get(VAULT_PATH);
  try {
    return { state: 'vault', file: parseVaultFile(raw), raw };
  } catch (error) {
    if (error instanceof UnsupportedFormatError) {
      const format = Number((JSON.parse(fromUtf8(raw)) as { format?: unknown }).format);
      return { state: 'newer', format };
    }
    return { state: 'unknown', found: entries.map((e) => e.name) };
  }
}

function openVaultFrom(store: RemoteStore, file: VaultFile, raw: Uint8Array, keyring: Keyring): OpenVault {
  return {
    store,
    file,
    raw,
    keyring,
    vaultId: file.vaultId,
    fingerprint: keyring.fingerprint,
    dir: `${ROOT_DIR}/${file.vaultId}`,
  };
}

/**
 * Creates a new vault (new id, new keys) — `vault.json` is created once: if another device created
 * one first (even a moment ago), `VaultExistsError` with that vault's id, and nothing was written.
 * Other files already in `talkmarks/` are left alone (a new vault has a folder of its own).
 */
export async function createVault(
  store: RemoteStore,
  passphrase: string,
  options: { iterations?: number; now?: () => number } = {},
): Promise<OpenVault> {
  const vaultId = randomId();
  const { keys, keyring } = await createKeys(passphrase, vaultId, options);
  const file: VaultFile = {
    app: 'talkmarks',
    format: FORMAT,
    minClientFormat: FORMAT,
    vaultId,
    createdAt: new Date(options.now?.() ?? Date.now()).toISOString(),
    crypto: keys,
  };
  const raw = utf8(`${JSON.stringify(file, null, 2)}\n`);
  let lost = false;
  try {
    await store.putImmutable(VAULT_PATH, raw);
    // Servers check "does the name exist" and rename in two steps (Apache and rclone alike): two
    // MOVEs in the same instant can both succeed, the later replacing the earlier. Reading back
    // catches that here; a replacement later still is caught by `scanRemote` (VaultChangedError).
    lost = !equalBytes(await store.get(VAULT_PATH), raw);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    lost = true;
  }
  if (lost) {
    const winner = await probeRemote(store);
    throw new VaultExistsError(
      'Another device created the vault first: join it',
      winner.state === 'vault' ? winner.file.vaultId : '',
    );
  }
  return openVaultFrom(store, file, raw, keyring);
}

/**
 * Opens the vault on the server with the passphrase. `NotFoundError` if there is none,
 * `WrongPassphraseError` if the passphrase does not unwrap its key, `VaultChangedError` if it is not
 * the vault (or key) this device pinned. Reads only: nothing is written whatever the outcome.
 */
export async function openVault(
  store: RemoteStore,
  passphrase: string,
  pin?: { vaultId: string; fingerprint?: string },
): Promise<OpenVault> {
  const raw = await store.get(VAULT_PATH);
  const file = parseVaultFile(raw);
  if (pin && pin.vaultId !== file.vaultId)
    throw new VaultChangedError('The server holds a different vault than this device synced with', pin, {
      vaultId: file.vaultId,
    });
  const keyring = await unlockKeys(passphrase, file.vaultId, file.crypto);
  if (pin?.fingerprint && pin.fingerprint !== keyring.fingerprint)
    throw new VaultChangedError('The vault key on the server changed', pin, {
      vaultId: file.vaultId,
      fingerprint: keyring.fingerprint,
    });
  return openVaultFrom(store, file, raw, keyring);
}

/**
 * Joins the vault on the server, or creates one if there is none — and if another device creates one
 * at the same moment, joins that one (the loser of the create-once race adopts the winner's vault;
 * with another passphrase that is `WrongPassphraseError`). Joining reads only: a wrong passphrase is
 * found before anything is written. A `talkmarks/` folder without a vault (`probeRemote` "unknown")
 * gets a new vault beside what is there; nothing is deleted.
 */
export async function createOrJoinVault(
  store: RemoteStore,
  passphrase: string,
  options: { iterations?: number; now?: () => number } = {},
): Promise<{ vault: OpenVault; created: boolean }> {
  const probe = await probeRemote(store);
  if (probe.state === 'newer')
    throw new UnsupportedFormatError(
      `This vault has format ${probe.format}; this Talkmarks reads format ${FORMAT}: update it`,
    );
  if (probe.state === 'vault') return { vault: await openVault(store, passphrase), created: false };
  try {
    return { vault: await createVault(store, passphrase, options), created: true };
  } catch (error) {
    if (!(error instanceof VaultExistsError)) throw error;
    return { vault: await openVault(store, passphrase), created: false };
  }
}

/** An OpenVault from what the device kept (vault file bytes and keyring), without the passphrase. */
export function resumeVault(store: RemoteStore, raw: Uint8Array, keyring: Keyring): OpenVault {
  const file = parseVaultFile(raw);
  if (file.vaultId !== keyring.vaultId)
    throw new VaultChangedError(
      'The kept keys belong to another vault',
      { vaultId: keyring.vaultId },
      { vaultId: file.vaultId },
    );
  return openVaultFrom(store, file, raw, keyring);
}

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

/** One device as the server shows it. */
export interface DeviceView {
  deviceId: string;
  /** Log seqs present, ascending. */
  logs: number[];
  /** Snapshot seqs present, ascending. */
  snapshots: number[];
  head?: DeviceHead;
  /** Why the head could not be read, when it could not. */
  headError?: SyncError;
  /** Files in the device's folders that are not ours to read (leftover temporary uploads). */
  stray: string[];
}

export type Finding =
  /** Another device's files went back: we applied through `knownSeq`, the server shows `remoteSeq`. */
  | { kind: 'rollback'; deviceId: string; knownSeq: number; remoteSeq: number }
  /** Our own logs that the server lost (restored from an older backup): upload them again. */
  | { kind: 'own-missing'; seqs: number[] }
  /** Our device id has logs we did not write (a copied profile): take a new device id, read these. */
  | { kind: 'cloned'; deviceId: string; remoteSeq: number; lastOwnSeq: number }
  /** Logs after our cursor are gone (collected): start from a snapshot of that device instead. */
  | { kind: 'gap'; deviceId: string; cursor: number; firstLog: number; snapshot?: number }
  /** `vault.json` was missing and was put back from the bytes this device kept. */
  | { kind: 'vault-restored' };

export interface RemoteView {
  devices: DeviceView[];
  findings: Finding[];
}

export interface LocalSyncState {
  /** This device's id. */
  deviceId: string;
  /** Highest seq this device has written (0: none). */
  lastOwnSeq: number;
  /** Own seqs at or below this were deliberately collected (deleted after a snapshot). */
  collectedThrough?: number;
  /** Per other device, the last seq applied here. */
  cursor: Record<string, number>;
}

const seqsOf = (entries: RemoteEntry[]) =>
  entries
    .filter((e) => !e.dir && SEQ_NAME.test(e.name))
    .map((e) => Number(e.name.slice(0, 12)))
    .sort((a, b) => a - b);

const strayOf = (entries: RemoteEntry[]) =>
  entries.filter((e) => !e.dir && !SEQ_NAME.test(e.name)).map((e) => e.path);

/** Runs `work` over `items` with at most `limit` at a time, results in order. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  });
  await Promise.all(runners);
  return out;
}

/**
 * What the server holds for this vault, per device, and what it means for this device. Checks
 * `vault.json` first: missing → put back from `vault.raw` (create-once, never over another file);
 * different → `VaultChangedError` (nothing merged). Reads otherwise; never deletes.
 */
export async function scanRemote(vault: OpenVault, local: LocalSyncState): Promise<RemoteView> {
  const findings: Finding[] = [];
  let onServer: Uint8Array | undefined;
  try {
    onServer = await vault.store.get(VAULT_PATH);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (!onServer) {
    try {
      await vault.store.putImmutable(VAULT_PATH, vault.raw);
      findings.push({ kind: 'vault-restored' });
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      onServer = await vault.store.get(VAULT_PATH);
    }
  }
  if (onServer && !equalBytes(onServer, vault.raw)) {
    let found = { vaultId: '?' };
    try {
      found = { vaultId: parseVaultFile(onServer).vaultId };
    } catch {
      // an unreadable file is a changed one too
    }
    throw new VaultChangedError(
      'vault.json on the server is not the one this device joined',
      { vaultId: vault.vaultId, fingerprint: vault.fingerprint },
      found,
    );
  }

  const folders = (await vault.store.list(`${vault.dir}/devices`)).filter((e) => e.dir && ID.test(e.name));
  const devices = await pool(folders, 4, async (folder): Promise<DeviceView> => {
    const deviceId = folder.name;
    const inside = await vault.store.list(folder.path);
    const has = (name: string) => inside.some((e) => e.name === name);
    const logEntries = has('log') ? await vault.store.list(`${folder.path}/log`) : [];
    const snapEntries = has('snap') ? await vault.store.list(`${folder.path}/snap`) : [];
    const view: DeviceView = {
      deviceId,
      logs: seqsOf(logEntries),
      snapshots: seqsOf(snapEntries),
      stray: [
        ...strayOf(inside).filter((p) => !p.endsWith('/head.bin')),
        ...strayOf(logEntries),
        ...strayOf(snapEntries),
      ],
    };
    if (has('head.bin')) {
      try {
        const head = await readHead(vault, deviceId);
        if (head) view.head = head;
      } catch (error) {
        if (!(error instanceof CorruptError)) throw error;
        view.headError = error;
      }
    }
    return view;
  });

  const byId = new Map(devices.map((d) => [d.deviceId, d]));
  const own = byId.get(local.deviceId);
  const ownLogs = own?.logs ?? [];
  const ownTop = Math.max(0, ...ownLogs, ...(own?.snapshots ?? []));
  if (ownTop > local.lastOwnSeq)
    findings.push({
      kind: 'cloned',
      deviceId: local.deviceId,
      remoteSeq: ownTop,
      lastOwnSeq: local.lastOwnSeq,
    });
  // A snapshot covers the own logs through its seq: those are not missing.
  const present = new Set(ownLogs);
  const covered = Math.max(local.collectedThrough ?? 0, ...(own?.snapshots ?? []));
  const missing: number[] = [];
  for (let s = covered + 1; s <= local.lastOwnSeq; s++) if (!present.has(s)) missing.push(s);
  if (missing.length) findings.push({ kind: 'own-missing', seqs: missing });

  for (const [deviceId, known] of Object.entries(local.cursor)) {
    if (deviceId === local.deviceId || known <= 0) continue;
    const d = byId.get(deviceId);
    const remoteSeq = Math.max(0, ...(d?.logs ?? []), ...(d?.snapshots ?? []));
    if (remoteSeq < known) findings.push({ kind: 'rollback', deviceId, knownSeq: known, remoteSeq });
  }
  for (const d of devices) {
    if (d.deviceId === local.deviceId) continue;
    const cursor = local.cursor[d.deviceId] ?? 0;
    // The hole: the first log after the cursor that is not there, with files after it (a log, or
    // a snapshot that covers it). The newest snapshot at or after the hole mends it.
    const next = runEnd(d, cursor);
    const snapshots = d.snapshots.filter((s) => s >= next);
    const firstLog = d.logs.find((s) => s > next) ?? snapshots[0];
    if (firstLog !== undefined) {
      const snapshot = snapshots.at(-1);
      findings.push({
        kind: 'gap',
        deviceId: d.deviceId,
        cursor,
        firstLog,
        ...(snapshot !== undefined ? { snapshot } : {}),
      });
    }
  }
  return { devices, findings };
}

/** The first seq after `cursor` whose log a device's run lacks: its logs follow on up to it. */
function runEnd(d: Pick<DeviceView, 'logs'>, cursor: number): number {
  const present = new Set(d.logs);
  let next = cursor + 1;
  while (present.has(next)) next++;
  return next;
}

export interface FetchedBatch {
  deviceId: string;
  seq: number;
  payload: Uint8Array;
}

/**
 * The other devices' log batches after `cursor`, in seq order per device, each device's run
 * contiguous from its cursor + 1 (it stops at a gap, see the `gap` finding). A file that does not
 * authenticate (a truncated upload some servers keep) ends that device's run and is reported in
 * `pending`: do not advance past it; a later sync tries again. Other errors (offline…) are thrown:
 * then nothing was applied and no cursor should move.
 */
export async function fetchNew(
  vault: OpenVault,
  view: RemoteView,
  local: Pick<LocalSyncState, 'deviceId' | 'cursor'>,
  options: { parallel?: number } = {},
): Promise<{ batches: FetchedBatch[]; pending: Array<{ deviceId: string; seq: number; error: SyncError }> }> {
  const wanted: Array<{ deviceId: string; seqs: number[] }> = [];
  for (const d of view.devices) {
    if (d.deviceId === local.deviceId) continue;
    const cursor = local.cursor[d.deviceId] ?? 0;
    const end = runEnd(d, cursor);
    const seqs = d.logs.filter((s) => s > cursor && s < end);
    if (seqs.length) wanted.push({ deviceId: d.deviceId, seqs });
  }
  const jobs = wanted.flatMap((w) => w.seqs.map((seq) => ({ deviceId: w.deviceId, seq })));
  const results = await pool(jobs, options.parallel ?? 4, async (job) => {
    try {
      return { ...job, payload: await readLog(vault, job.deviceId, job.seq) };
    } catch (error) {
      if (error instanceof CorruptError || error instanceof NotFoundError) return { ...job, error };
      throw error;
    }
  });
  const batches: FetchedBatch[] = [];
  const pending: Array<{ deviceId: string; seq: number; error: SyncError }> = [];
  const stopped = new Set<string>();
  for (const r of results) {
    if (stopped.has(r.deviceId)) continue;
    if ('error' in r) {
      pending.push({ deviceId: r.deviceId, seq: r.seq, error: r.error });
      stopped.add(r.deviceId);
    } else batches.push(r);
  }
  return { batches, pending };
}

/**
 * Own log seqs that may be deleted: covered by this device's own newest snapshot, and acknowledged
 * (`head.seen[us] >= seq`) by every other active device. A device is inactive when retired or when
 * its head is older than `inactiveAfterDays` (90); such a device must rejoin from a snapshot.
 */
export function collectableLogs(
  view: RemoteView,
  deviceId: string,
  options: { now?: number; inactiveAfterDays?: number } = {},
): number[] {
  const own = view.devices.find((d) => d.deviceId === deviceId);
  if (!own) return [];
  const snapshot = own.snapshots.at(-1) ?? 0;
  const now = options.now ?? Date.now();
  const horizon = now - (options.inactiveAfterDays ?? 90) * 86_400_000;
  let acked = snapshot;
  for (const d of view.devices) {
    if (d.deviceId === deviceId) continue;
    const head = d.head;
    if (head?.retired) continue;
    if (head && Date.parse(head.updatedAt) < horizon) continue;
    acked = Math.min(acked, head?.seen?.[deviceId] ?? 0);
  }
  return own.logs.filter((s) => s <= acked);
}

/** Deletes this device's own files only (collected logs, leftover temporary uploads). */
export async function deleteOwnFiles(vault: OpenVault, deviceId: string, paths: string[]): Promise<void> {
  const mine = `${deviceDir(vault, deviceId)}/`;
  for (const path of paths) {
    if (!path.startsWith(mine)) throw new InvalidPathError(`'${path}' is not this device's file`);
    await vault.store.delete(path);
  }
}
