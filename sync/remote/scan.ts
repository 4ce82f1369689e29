/**
 * What the server holds for a vault, per device, and what it means for this device (see `vault.ts`
 * for the layout): `scanRemote` (logs, snapshots, heads, and the findings — rollback, own logs
 * missing, a cloned device, gaps), `fetchNew` (the other devices' contiguous runs of logs) and
 * `collectableLogs` (own logs every active device has seen).
 */
import { equalBytes } from '../crypto/bytes';
import { AlreadyExistsError, CorruptError, NotFoundError, type SyncError, VaultChangedError } from './errors';
import { type DeviceHead, readHead, readLog, SEQ_NAME } from './files';
import type { RemoteEntry } from './store';
import { ID, type OpenVault, parseVaultFile, VAULT_PATH } from './vault';

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
  /** The own log this device is uploading (fixed, not yet recorded as written), if any. */
  inFlightSeq?: number;
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
 * Heads read before, by path, with the ETag they had: a head whose ETag is the same is not read
 * again (a device replaces its head once per round; most rounds see most heads unchanged). A head
 * taken from here when a server gave a replaced file the same ETag is an older one: acks and
 * cursors only ever grow, so an older head only delays collecting logs and tombstones.
 */
const headCache = new Map<string, { etag: string; head: DeviceHead | undefined }>();
const HEAD_CACHE_MAX = 256;

/** Checks `vault.json` on the server: put back when missing, `VaultChangedError` when another. */
async function checkVaultFile(vault: OpenVault, findings: Finding[]): Promise<void> {
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
}

/** One device's folder: its logs, snapshots and head (the listings and the head read together). */
async function readDevice(vault: OpenVault, folder: RemoteEntry): Promise<DeviceView> {
  const deviceId = folder.name;
  const inside = await vault.store.list(folder.path);
  const entry = (name: string) => inside.find((e) => e.name === name);
  const headEntry = entry('head.bin');
  const readHeadOf = async (): Promise<{ head?: DeviceHead; headError?: SyncError }> => {
    if (!headEntry) return {};
    const cached = headEntry.etag ? headCache.get(headEntry.path) : undefined;
    if (cached && cached.etag === headEntry.etag) return cached.head ? { head: cached.head } : {};
    try {
      const head = await readHead(vault, deviceId);
      if (headEntry.etag) {
        if (headCache.size >= HEAD_CACHE_MAX) headCache.clear();
        headCache.set(headEntry.path, { etag: headEntry.etag, head });
      }
      return head ? { head } : {};
    } catch (error) {
      if (!(error instanceof CorruptError)) throw error;
      return { headError: error };
    }
  };
  const [logEntries, snapEntries, head] = await Promise.all([
    entry('log') ? vault.store.list(`${folder.path}/log`) : [],
    entry('snap') ? vault.store.list(`${folder.path}/snap`) : [],
    readHeadOf(),
  ]);
  return {
    deviceId,
    logs: seqsOf(logEntries),
    snapshots: seqsOf(snapEntries),
    stray: [
      ...strayOf(inside).filter((p) => !p.endsWith('/head.bin')),
      ...strayOf(logEntries),
      ...strayOf(snapEntries),
    ],
    ...head,
  };
}

/**
 * What the server holds for this vault, per device (reads only, except that a missing `vault.json`
 * is put back). Checks `vault.json` while the device folders are listed: missing → put back from
 * `vault.raw` (create-once, never over another file); different → `VaultChangedError`, whatever the
 * listing found.
 */
export async function readRemote(vault: OpenVault): Promise<{ devices: DeviceView[]; findings: Finding[] }> {
  const findings: Finding[] = [];
  const listing = (async () => {
    const folders = (await vault.store.list(`${vault.dir}/devices`)).filter((e) => e.dir && ID.test(e.name));
    return pool(folders, 4, (folder) => readDevice(vault, folder));
  })().then(
    (devices) => ({ devices }),
    (error: unknown) => ({ error }),
  );
  await checkVaultFile(vault, findings).catch(async (error: unknown) => {
    await listing;
    throw error;
  });
  const listed = await listing;
  if ('error' in listed) throw listed.error;
  return { devices: listed.devices, findings };
}

/**
 * What the server holds for this vault, per device, and what it means for this device. Checks
 * `vault.json` first: missing → put back from `vault.raw` (create-once, never over another file);
 * different → `VaultChangedError` (nothing merged). Reads otherwise; never deletes.
 */
export async function scanRemote(vault: OpenVault, local: LocalSyncState): Promise<RemoteView> {
  return findingsFor(await readRemote(vault), local);
}

/** The findings of a listing ({@link readRemote}) for this device: what went back, a clone, gaps. */
export function findingsFor(
  read: { devices: DeviceView[]; findings: Finding[] },
  local: LocalSyncState,
): RemoteView {
  const findings: Finding[] = [...read.findings];
  const devices = read.devices;
  const byId = new Map(devices.map((d) => [d.deviceId, d]));
  const own = byId.get(local.deviceId);
  const ownLogs = own?.logs ?? [];
  const ownTop = Math.max(0, ...ownLogs, ...(own?.snapshots ?? []));
  // An own log being uploaded may be there already (sent, not yet recorded): not a clone's, unless
  // its content differs, which `appendLog` finds when it is sent again.
  if (ownTop > Math.max(local.lastOwnSeq, local.inFlightSeq ?? 0))
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
