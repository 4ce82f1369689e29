/**
 * The background's sync: connecting this browser to a WebDAV folder (create or join the vault),
 * rounds on demand, after changes (debounced) and on an alarm, pause, and "Remove this device".
 * The rounds themselves are sync/engine.ts's; the database side is storage/sync-store.ts. What the
 * user reads (last sync, waiting changes, the error and what to do) is kept as `status` in the
 * database, which the options page and the side panel follow live.
 */
import { browser } from 'wxt/browser';
import {
  clearQueue,
  onQueued,
  queuedCount,
  queueWholeLibrary,
  readSyncDevice,
  readSyncMeta,
  resetSyncDevice,
  type SyncSettings,
  type SyncStatus,
  writeSyncMeta,
} from '../storage/sync-store';

export type { SyncSettings, SyncStatus };

import { parseTags } from '../storage/tags';
import type { Keyring } from '../sync/crypto/keys';
import { type DeviceState, firstUpload, LIBRARY_TABLES, newDevice, syncRound } from '../sync/engine';
import { writeHead } from '../sync/remote/files';
import { s3Store } from '../sync/remote/s3';
import { ClonedDeviceError, type RemoteStore, SyncError } from '../sync/remote/store';
import { createOrJoinVault, FORMAT, newDeviceId, type OpenVault, resumeVault } from '../sync/remote/vault';
import { webDavStore } from '../sync/remote/webdav';
import { BLOB_TABLE } from '../sync/schema';
import { databaseSyncLocal } from './sync-local';

interface KeptVault {
  raw: Uint8Array;
  keyring: Keyring;
}

export const SYNC_ALARM = 'talkmarks-sync';
const ALARM_MINUTES = 5;
const DEBOUNCE_MS = 3_000;
/** Rounds run right after one whose merge took in new changes (each sends what the one before took). */
const MAX_FOLLOW_UPS = 2;
const options = { bodyTags: parseTags };

const local = databaseSyncLocal;

function storeFor(settings: SyncSettings): RemoteStore {
  if (settings.transport === 's3')
    return s3Store({
      endpoint: settings.url,
      region: settings.region ?? 'us-east-1',
      bucket: settings.bucket ?? '',
      accessKeyId: settings.username,
      secretAccessKey: settings.password,
    });
  return webDavStore({ url: settings.url, username: settings.username, password: settings.password });
}

/** The words for an error, with what the user can do about it. */
export function describeSyncError(error: unknown): string {
  if (!(error instanceof SyncError))
    return `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
  switch (error.kind) {
    case 'offline':
      return 'Offline: the server could not be reached. Talkmarks tries again by itself.';
    case 'timeout':
      return 'The server did not answer in time. Talkmarks tries again by itself.';
    case 'unauthorized':
      return 'The server refused the user name or password: check them and connect again.';
    case 'forbidden':
      return 'The server does not allow writing to this folder: check its sharing settings.';
    case 'rate-limited':
      return 'The server asked to slow down. Talkmarks waits and tries again.';
    case 'server-full':
      return 'The server is out of space: free some, then sync again.';
    case 'server-error':
      return `The server had an error (${error.status ?? 'unknown'}). Talkmarks tries again later.`;
    case 'wrong-passphrase':
      return 'That passphrase does not open this vault: type the one you chose on your first device.';
    case 'vault-changed':
      return 'The folder holds a different vault than this browser synced with: connect again to choose.';
    case 'unsupported-format':
      return 'This vault was written by a newer Talkmarks: update the extension to sync.';
    case 'corrupt':
      return 'A file on the server is damaged or incomplete: Talkmarks tries again next time.';
    default:
      return `Sync failed: ${error.message}`;
  }
}

async function setStatus(patch: Partial<SyncStatus>): Promise<SyncStatus> {
  const old = (await readSyncMeta<SyncStatus>('status')) ?? { state: 'off' };
  const next = { ...old, ...patch, waiting: await queuedCount() };
  await writeSyncMeta('status', next);
  return next;
}

/**
 * A new device state whose first round uploads what this browser holds: its records are read
 * straight from their tables by that round (no queue entry per record); thumbnails are queued, as
 * their bytes go to the vault before their records.
 */
async function startAfresh(settings: SyncSettings): Promise<void> {
  await resetSyncDevice(firstUpload(newDevice(newDeviceId(), settings.label), LIBRARY_TABLES));
  await clearQueue();
  await queueWholeLibrary([BLOB_TABLE]);
}

/** Connects this browser: creates the vault in that folder, or joins the one there. */
export async function connectSync(
  settings: SyncSettings,
  passphrase: string,
): Promise<{ ok: true; created: boolean; fingerprint: string } | { ok: false; error: string }> {
  try {
    const { vault, created } = await createOrJoinVault(storeFor(settings), passphrase);
    await writeSyncMeta('settings', { ...settings, paused: false });
    await writeSyncMeta('vault', { raw: vault.raw, keyring: vault.keyring } satisfies KeptVault);
    // A device state of a former vault is no use here: start afresh, and upload what this browser holds.
    await startAfresh(settings);
    await setStatus({ state: 'syncing', fingerprint: vault.fingerprint, error: undefined });
    void syncNow();
    return { ok: true, created, fingerprint: vault.fingerprint };
  } catch (error) {
    return { ok: false, error: describeSyncError(error) };
  }
}

let running: Promise<SyncStatus> | undefined;

/** One round now (or the one already running). */
export function syncNow(): Promise<SyncStatus> {
  running ??= round().finally(() => {
    running = undefined;
  });
  return running;
}

async function round(): Promise<SyncStatus> {
  const settings = await readSyncMeta<SyncSettings>('settings');
  const kept = await readSyncMeta<KeptVault>('vault');
  if (!settings || !kept) {
    // Nothing reads the queue while sync is off; connecting queues the whole library anyway.
    if ((await queuedCount()) > 0) await clearQueue();
    return setStatus({ state: 'off' });
  }
  if (settings.paused) return setStatus({ state: 'paused' });
  await setStatus({ state: 'syncing' });
  let vault: OpenVault;
  try {
    vault = resumeVault(storeFor(settings), kept.raw, kept.keyring);
    // A round's merge step also takes in changes saved while it was on the network, after its upload:
    // they go up in a round right after, so a round never ends "nothing waits" with changes unsent.
    // (A thumbnail saved then is not converted yet, its bytes not sent: `deferred` — the same.)
    let report = await syncRound(local, vault, options);
    for (let again = 0; (report.pending > 0 || report.deferred > 0) && again < MAX_FOLLOW_UPS; again++)
      report = await syncRound(local, vault, options);
    return setStatus({ state: 'idle', lastSyncAt: Date.now(), at: Date.now(), error: undefined });
  } catch (error) {
    if (error instanceof ClonedDeviceError) {
      // A copied profile: this browser takes a new device id, uploads what it holds, and goes on.
      await startAfresh(settings);
      return setStatus({
        state: 'idle',
        error: 'This browser was a copy of another: it now syncs as a device of its own.',
      });
    }
    return setStatus({ state: 'error', error: describeSyncError(error), at: Date.now() });
  }
}

/** Pauses or resumes syncing (the settings stay). */
export async function pauseSync(paused: boolean): Promise<SyncStatus> {
  const settings = await readSyncMeta<SyncSettings>('settings');
  if (!settings) return setStatus({ state: 'off' });
  await writeSyncMeta('settings', { ...settings, paused });
  if (paused) return setStatus({ state: 'paused' });
  return syncNow();
}

/** "Remove this device": forgets the vault here. The notes stay in this browser and on the server. */
export async function disconnectSync(): Promise<SyncStatus> {
  // Tell the other devices this one is gone (best effort: offline, it is simply forgotten here), so
  // they stop waiting for its acknowledgements before collecting old files.
  const settings = await readSyncMeta<SyncSettings>('settings');
  const kept = await readSyncMeta<KeptVault>('vault');
  const device = await readSyncDevice<DeviceState>();
  if (settings && kept && device) {
    try {
      const vault = resumeVault(storeFor(settings), kept.raw, kept.keyring);
      await writeHead(vault, device.deviceId, {
        format: FORMAT,
        seq: device.remote.lastOwnSeq,
        label: device.label,
        updatedAt: new Date().toISOString(),
        retired: true,
        seen: device.remote.cursor,
      });
    } catch {
      // Unreachable now: the others treat a silent device as inactive after 90 days.
    }
  }
  await writeSyncMeta('settings', undefined);
  await writeSyncMeta('vault', undefined);
  await resetSyncDevice(undefined);
  await clearQueue();
  await writeSyncMeta('status', { state: 'off' } satisfies SyncStatus);
  return { state: 'off', waiting: 0 };
}

let debounce: ReturnType<typeof setTimeout> | undefined;

/** Starts the background's schedule: a round after changes settle, on an alarm, and now. */
export function watchSync(): void {
  browser.alarms.create(SYNC_ALARM, { periodInMinutes: ALARM_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncNow();
  });
  onQueued(() => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void syncNow(), DEBOUNCE_MS);
  });
  void syncNow();
}
