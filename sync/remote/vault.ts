/**
 * The remote layout of a Talkmarks vault on dumb storage (format 1), part one: the vault itself —
 * `vault.json`, its keys, and creating, joining or resuming a vault. Every device writes only its
 * own files; log and snapshot files are created once and never changed, so no two devices ever
 * write the same file and the server needs no locking and no compare-and-swap:
 *
 *     talkmarks/vault.json                              plaintext, create-once: id, format, KDF, wrapped keys
 *     talkmarks/<vaultId>/devices/<deviceId>/head.bin   sealed, owner-only, replaced: label, last seq, acks
 *     talkmarks/<vaultId>/devices/<deviceId>/log/<seq>.bin    sealed, create-once: one batch of changes
 *     talkmarks/<vaultId>/devices/<deviceId>/snap/<seq>.bin   sealed, create-once: state through <seq>
 *     talkmarks/<vaultId>/blobs/<name>.bin              sealed, create-once: a thumbnail, keyed content name
 *
 * The files (names, create-once writes, reads) are in `files.ts`; what the server shows and what it
 * means for this device (`scanRemote`, runs, gaps) in `scan.ts`. Payloads (change batches,
 * snapshots, blobs) are opaque bytes here; `sync/` decides what they hold. These modules keep no
 * state: the caller keeps its device id, the last seq it wrote, its cursor (last seq applied per
 * other device), the vault file bytes and the keyring.
 *
 * What they detect, so that no data is ever destroyed (research/sync.md §6):
 * - an empty or unknown remote (`probeRemote`) — offered as "start a new vault here", never "delete";
 * - a remote that went back in time (`scanRemote` findings `rollback`, `own-missing`, `vault-restored`);
 * - a cloned device (`cloned` finding; `appendLog` throws `ClonedDeviceError` instead of overwriting).
 */
import { equalBytes, fromUtf8, utf8 } from '../crypto/bytes';
import { checkVaultKeys, createKeys, type Keyring, unlockKeys, type VaultKeys } from '../crypto/keys';
import {
  AlreadyExistsError,
  CorruptError,
  UnsupportedFormatError,
  VaultChangedError,
  VaultExistsError,
} from './errors';
import type { RemoteStore } from './store';

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

/** What a vault, device or blob id looks like (it becomes a folder or file name). */
export const ID = /^[A-Za-z0-9_-]{8,64}$/;

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new random device id (128 bits, 32 hex digits). */
export const newDeviceId = randomId;

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
