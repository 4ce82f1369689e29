/**
 * Snapshots in a round. A device writes the whole replica it holds as a snapshot file now and then
 * (every {@link SNAPSHOT_EVERY} own logs), and at once when the server lost some of its own logs
 * (restored from an older backup: finding `own-missing`), numbered by the own log it covers through.
 * A reader whose run of another device's files has a hole (logs collected, or lost) starts again
 * from that device's newest snapshot after the hole (finding `gap`): joining a replica state is the
 * same as applying every operation it was made of (merge/index.ts `joinState`). Once a snapshot
 * covers them and every active device has acknowledged them, a device deletes its own old logs
 * (`collectableLogs`), so the vault does not grow with the history.
 */
import { type DeviceState, runStep, type SyncLocal } from './device';
import { REPLICA_FORMAT, type ReplicaState } from './merge/state';
import {
  collectableLogs,
  deleteOwnFiles,
  logPath,
  type OpenVault,
  type RemoteView,
  readSnapshot,
  writeSnapshot,
} from './remote/layout';
import { CorruptError, NotFoundError } from './remote/store';

/** Own logs between periodic snapshots. */
export const SNAPSHOT_EVERY = 64;

export interface GapSnapshot {
  deviceId: string;
  seq: number;
  state: ReplicaState;
}

const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

function isReplicaState(v: unknown): v is ReplicaState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<ReplicaState>;
  return (
    s.format === REPLICA_FORMAT &&
    typeof s.tables === 'object' &&
    s.tables !== null &&
    typeof s.clock === 'object' &&
    typeof s.unknown === 'object' &&
    typeof s.copies === 'object'
  );
}

/**
 * The snapshots the `gap` findings point to, read and checked. One missing or damaged is left out:
 * that device's run waits (its files after the hole are not read) and the next round tries again.
 */
export async function readGapSnapshots(vault: OpenVault, view: RemoteView): Promise<GapSnapshot[]> {
  const out: GapSnapshot[] = [];
  for (const f of view.findings) {
    if (f.kind !== 'gap' || f.snapshot === undefined) continue;
    try {
      const { state } = await readSnapshot(vault, f.deviceId, f.snapshot);
      const parsed: unknown = JSON.parse(fromUtf8(state));
      if (isReplicaState(parsed)) out.push({ deviceId: f.deviceId, seq: f.snapshot, state: parsed });
    } catch (error) {
      if (!(error instanceof CorruptError || error instanceof NotFoundError || error instanceof SyntaxError))
        throw error;
    }
  }
  return out;
}

/**
 * Writes this device's snapshot when one is due (periodic, or own logs lost), and records it.
 * Returns the device state after it.
 */
export async function snapshotIfDue(
  local: SyncLocal,
  vault: OpenVault,
  view: RemoteView,
  device: DeviceState,
  every: number = SNAPSHOT_EVERY,
): Promise<DeviceState> {
  const seq = device.remote.lastOwnSeq;
  const lost = view.findings.some((f) => f.kind === 'own-missing');
  const onServer = view.devices.find((d) => d.deviceId === device.deviceId)?.snapshots.includes(seq) ?? false;
  const due = seq > 0 && !device.inFlight && (lost || seq - (device.lastSnapshot ?? 0) >= every);
  if (!due) return device;
  if (!onServer) {
    const snap = await runStep(
      local,
      { queue: false, allReplica: true },
      ({ device: d, replica }) => ({
        device: d,
        result: { json: JSON.stringify(replica), covers: { ...d.remote.cursor, [d.deviceId]: seq } },
      }),
      { readOnly: true },
    );
    await writeSnapshot(vault, device.deviceId, seq, snap.covers, utf8(snap.json));
  }
  return runStep(local, { queue: false }, ({ device: d }) => {
    // Lost own logs are covered by the snapshot now: no longer missing.
    const collectedThrough = lost ? Math.max(d.remote.collectedThrough ?? 0, seq) : d.remote.collectedThrough;
    const next: DeviceState = {
      ...d,
      lastSnapshot: Math.max(d.lastSnapshot ?? 0, seq),
      remote: { ...d.remote, ...(collectedThrough !== undefined ? { collectedThrough } : {}) },
    };
    return { device: next, result: next };
  });
}

/**
 * Deletes own logs a snapshot covers and every active device has acknowledged (recorded first, so a
 * deletion cut short is only files left over, never logs reported missing).
 */
export async function collectOwnLogs(
  local: SyncLocal,
  vault: OpenVault,
  view: RemoteView,
  deviceId: string,
  now: number,
): Promise<number> {
  const seqs = collectableLogs(view, deviceId, { now });
  if (!seqs.length) return 0;
  const through = Math.max(...seqs);
  await runStep(local, { queue: false }, ({ device: d }) => ({
    device: {
      ...d,
      remote: { ...d.remote, collectedThrough: Math.max(d.remote.collectedThrough ?? 0, through) },
    },
    result: undefined,
  }));
  await deleteOwnFiles(
    vault,
    deviceId,
    seqs.map((s) => logPath(vault, deviceId, s)),
  );
  return seqs.length;
}
