/**
 * Snapshots in a round. A device writes the whole replica it holds as a snapshot file now and then
 * (every {@link SNAPSHOT_EVERY} own logs), and at once when the server lost some of its own logs
 * (restored from an older backup: finding `own-missing`), numbered by the own log it covers through.
 * A reader whose run of another device's files has a hole (logs collected, or lost) starts again
 * from that device's newest snapshot after the hole (finding `gap`): joining a replica state is the
 * same as applying every operation it was made of (merge/index.ts `joinState`). Once a snapshot
 * covers them and every active device has acknowledged them, a device deletes its own old logs
 * (`collectableLogs`), so the vault does not grow with the history. When it writes a snapshot (it
 * reads its whole replica then), it also drops the tombstones of purged records that every active
 * device has acknowledged (`collectable`, with the vectors the devices publish in their heads).
 */
import { type DeviceState, replicaIdsFor, runStep, type SyncLocal } from './device';
import {
  type AckVector,
  type CollectInput,
  collectable,
  dropRecords,
  type MergeOptions,
  tombstones,
} from './merge';
import { REPLICA_FORMAT, type ReplicaState } from './merge/state';
import { deleteOwnFiles, logPath, readSnapshot, writeSnapshot } from './remote/files';
import { collectableLogs, type RemoteView } from './remote/scan';
import { CorruptError, NotFoundError } from './remote/store';
import type { OpenVault } from './remote/vault';

/** Own logs between periodic snapshots. */
export const SNAPSHOT_EVERY = 64;
/** A device silent this long no longer holds tombstones or logs back (it rejoins from a snapshot). */
const INACTIVE_AFTER_DAYS = 90;

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
  options: MergeOptions & { snapshotEvery?: number; now?: () => number } = {},
): Promise<DeviceState> {
  const every = options.snapshotEvery ?? SNAPSHOT_EVERY;
  const seq = device.remote.lastOwnSeq;
  const lost = view.findings.some((f) => f.kind === 'own-missing');
  const onServer = view.devices.find((d) => d.deviceId === device.deviceId)?.snapshots.includes(seq) ?? false;
  const due = seq > 0 && !device.inFlight && (lost || seq - (device.lastSnapshot ?? 0) >= every);
  if (!due) return device;
  // The whole replica is read here anyway: its tombstones that every active device has seen go too.
  const now = options.now?.() ?? Date.now();
  const acks = activeAcks(view, device, now);
  const snap = await runStep(
    local,
    { queue: false, allReplica: true },
    ({ device: d, replica }) => ({
      device: d,
      result: {
        json: onServer ? '' : JSON.stringify(replica),
        covers: { ...d.remote.cursor, [d.deviceId]: seq },
        gone: collectable(tombstones(replica), {
          ...acks,
          acks: { ...acks.acks, [d.deviceId]: replica.clock },
          now,
        }),
      },
    }),
    { readOnly: true },
  );
  if (!onServer) await writeSnapshot(vault, device.deviceId, seq, snap.covers, utf8(snap.json));
  if (snap.gone.length) {
    const keys = snap.gone.map(({ table, key }) => ({ table, key }));
    await runStep(
      local,
      { queue: false, replica: (d) => replicaIdsFor(d, keys) },
      ({ device: d, replica }) => {
        dropRecords(replica, keys, options);
        return { device: d, result: undefined };
      },
    );
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
 * The devices whose acknowledgement a tombstone waits for — this one, and every other device whose
 * head is not retired and was written in the last 90 days — with their published vectors.
 */
function activeAcks(
  view: RemoteView,
  device: DeviceState,
  now: number,
): Omit<CollectInput, 'acks'> & {
  acks: Record<string, AckVector>;
} {
  const horizon = now - INACTIVE_AFTER_DAYS * 86_400_000;
  const active = [device.deviceId];
  const acks: Record<string, AckVector> = {};
  for (const d of view.devices) {
    if (d.deviceId === device.deviceId) continue;
    const head = d.head;
    if (head?.retired || (head && Date.parse(head.updatedAt) < horizon)) continue;
    active.push(d.deviceId);
    // A device without a readable head (or one from before acks were published) holds everything back.
    if (head?.acks) acks[d.deviceId] = head.acks;
  }
  return { active, self: device.deviceId, acks };
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
