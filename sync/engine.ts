/**
 * The sync round: this device's queued changes become operations, are uploaded as one log file of
 * its own, the other devices' new log files are fetched and merged, and the merged records go back
 * to storage. Plain TypeScript over two interfaces — the vault (sync/remote/vault.ts, files.ts, scan.ts) and
 * {@link SyncLocal} (sync/device.ts), which the extension implements over its database
 * (storage/sync-store.ts) and tests implement in memory — so the same round runs in the background
 * and in Node tests.
 *
 * Local work happens in steps that each run inside one storage transaction: a step reads the device
 * state, the queue, the records the queue names and the replica records it needs, decides
 * synchronously, and its outcome (new state, queue consumed, records to write) commits together.
 * Network work happens between steps. So a crash or a closed service worker at any point loses
 * nothing: either a step committed, or its inputs are still there for the next round; an upload that
 * succeeded but was not recorded is found again by its content (`appendLog` answers "already there").
 * Thumbnails' bytes travel between steps too (sync/engine-blobs.ts).
 */
import { convertQueue, noBlobsKnown, same, settle } from './convert';
import { type DeviceState, recordId, replicaIdsFor, runStep, type SyncLocal, type Work } from './device';
import { fetchWantedBlobs, readBlobs, sendBlobs } from './engine-blobs';
import { collectOwnLogs, readGapSnapshots, snapshotIfDue } from './engine-snapshots';
import { canonical } from './hash';
import { type Hlc, HybridClock, maxHlc } from './hlc';
import { applyOps, joinState, type MergeOptions, materialize } from './merge';
import { batchText, decodeBatch, encodeBatch, groupOps, type Op } from './ops';
import { appendLog, type DeviceHead, writeHead } from './remote/files';
import { type Finding, fetchNew, findingsFor, readRemote } from './remote/scan';
import { ClonedDeviceError, type SyncError } from './remote/store';
import { FORMAT, type OpenVault } from './remote/vault';
import { BLOB_TABLE } from './schema';

export { ENGINE_TABLES, LIBRARY_TABLES } from './convert';
export {
  type DeviceState,
  firstUpload,
  type LocalBlobs,
  newDevice,
  type QueuedChange,
  recordId,
  type StoredStepInput,
  type StoredStepOutcome,
  type SyncLocal,
} from './device';

export interface SyncReport {
  /** Operations uploaded in this round. */
  uploaded: number;
  /** Log files of other devices merged. */
  downloaded: number;
  /** Records written back from the merge. */
  written: number;
  /** What the server showed that the user may need to know (see layout.ts `Finding`). */
  findings: Finding[];
  /** Files that could not be read yet (a truncated upload): tried again next round. */
  waiting: Array<{ deviceId: string; seq: number; error: SyncError }>;
  /** Operations still waiting to be uploaded after this round (0 when it all went). */
  pending: number;
  /** Devices whose clock is more than 5 minutes ahead of this one. */
  drift: Array<{ device: string; aheadMs: number }>;
  /**
   * Queued thumbnails saved during this round, after its bytes were sent: left in the queue (with
   * what was queued after them), for a round right after.
   */
  deferred: number;
  /** Blob files (thumbnails) uploaded in this round: new contents only. */
  blobsUploaded: number;
  /** Blob records written with downloaded bytes in this round. */
  blobsDownloaded: number;
  /** Blob records merged here whose bytes could not be downloaded yet (tried again next round). */
  blobsWaiting: number;
  /** Other devices' snapshots joined (a hole in their logs). */
  snapshots: number;
  /** Own logs deleted from the vault (covered by a snapshot, acknowledged by every active device). */
  collected: number;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);

/** The next log file: its seq and how many waiting operations it holds, and those operations. */
interface Flight {
  inFlight: { seq: number; count: number };
  ops: readonly Op[];
  /** `JSON.stringify(groupOps(ops))`, when made already. */
  json?: string;
}

export interface RoundOptions extends MergeOptions {
  now?: () => number;
  /** Own logs between periodic snapshots (default {@link SNAPSHOT_EVERY}). */
  snapshotEvery?: number;
}

/**
 * One sync round with an opened vault. Throws the transport's typed errors (offline, 401, 507…)
 * before anything half-done is recorded; `ClonedDeviceError` when another installation writes under
 * this device id (the caller takes a new id and connects again).
 */
export async function syncRound(
  local: SyncLocal,
  vault: OpenVault,
  options: RoundOptions = {},
): Promise<SyncReport> {
  const now = options.now ?? Date.now;
  const blobs = local.blobs;
  const known = blobs ? noBlobsKnown() : undefined;
  // The queue's records and their replica records (with conflict copies both ways).
  // A first upload's step reads the library too (sync/convert.ts `convertLibrary`).
  const withQueue = (ids: readonly string[] = []) => ({
    queue: true,
    replica: (d: DeviceState, queue: readonly { table: string; key: string }[]) =>
      replicaIdsFor(d, queue, ids),
    library: (d: DeviceState) => d.library ?? [],
  });
  // When nothing waited before, the step that converts fixes the upload too (the next log file is
  // exactly these operations): the round sends them from memory, without a step reading them back.
  const convert = (work: Work) => {
    const c = convertQueue(work, options, known);
    let flight: Flight | undefined;
    if (!c.device.inFlight && work.device.pendingCount === 0 && c.ops.length && !c.needBlobs.length) {
      c.device.inFlight = { seq: c.device.remote.lastOwnSeq + 1, count: c.ops.length };
      // The waiting row's JSON is the log file's operations: made once, for both.
      flight = { inFlight: c.device.inFlight, ops: c.ops, json: JSON.stringify(groupOps(c.ops)) };
    }
    return {
      device: c.device,
      consumedThrough: c.consumedThrough,
      writeBack: c.writeBack,
      appendPending: c.ops,
      ...(flight ? { appendPendingJson: flight.json } : {}),
      result: { device: c.device, needBlobs: c.needBlobs, flight },
    };
  };
  // 1. Local changes → operations, before anything from the server is merged (changes.ts order rule),
  // up to the first thumbnail whose bytes are not in the vault yet.
  // 2. What the server holds, listed meanwhile (the listing does not depend on the step); a copied
  // profile is refused before this device writes anything.
  const listing = readRemote(vault).then(
    (read) => ({ read }),
    (error: unknown) => ({ error }),
  );
  let {
    device,
    needBlobs,
    flight: fixed,
  } = await runStep(local, withQueue(), convert).catch(async (error: unknown) => {
    await listing;
    throw error;
  });
  const listed = await listing;
  if ('error' in listed) throw listed.error;
  const view = findingsFor(listed.read, {
    ...device.remote,
    ...(device.inFlight ? { inFlightSeq: device.inFlight.seq } : {}),
  });
  const cloned = view.findings.find((f) => f.kind === 'cloned');
  if (cloned && cloned.kind === 'cloned')
    throw new ClonedDeviceError(
      'Another installation writes as this device: Talkmarks takes a new device id',
      device.deviceId,
      cloned.remoteSeq,
    );

  // Thumbnails queued: their bytes go to the vault first (each content once), then the rest converts.
  let blobsUploaded = 0;
  if (blobs && known && needBlobs.length) {
    blobsUploaded = await sendBlobs(blobs, vault, needBlobs, known);
    let more: Flight | undefined;
    ({ device, needBlobs, flight: more } = await runStep(local, withQueue(), convert));
    fixed ??= more;
  }

  // 3. Upload what waits, as the next log file of this device. The file is fixed (seq and which
  // operations) before it is sent, so a retry after a lost answer sends the same file.
  // It is recorded as sent by the merge step below (a round that fails before that sends the same
  // file again next time, which the server then already has).
  let uploaded = 0;
  let sent: Flight['inFlight'] | undefined;
  if (device.pendingCount || device.inFlight) {
    const flight: Flight =
      fixed && fixed.inFlight.seq === device.inFlight?.seq
        ? fixed
        : await runStep(local, { queue: false, pending: true }, ({ device: d, pending }) => {
            const inFlight = d.inFlight ?? { seq: d.remote.lastOwnSeq + 1, count: d.pendingCount };
            return {
              device: { ...d, inFlight },
              result: { inFlight, ops: pending.slice(0, inFlight.count) },
            };
          });
    await appendLog(
      vault,
      device.deviceId,
      flight.inFlight.seq,
      utf8(flight.json !== undefined ? batchText(flight.json) : JSON.stringify(encodeBatch(flight.ops))),
    );
    uploaded = flight.ops.length;
    sent = flight.inFlight;
  }

  // 4. The other devices' new files, merged in one step with any change made meanwhile; where their
  // run has a hole (logs collected or lost), from their snapshot after it.
  const snapshots = await readGapSnapshots(vault, view);
  const from = { ...device.remote.cursor };
  for (const s of snapshots) from[s.deviceId] = Math.max(from[s.deviceId] ?? 0, s.seq);
  const fetched = await fetchNew(vault, view, { deviceId: device.deviceId, cursor: from });
  const batches = fetched.batches.map((b) => ({
    ...b,
    ops: decodeBatch(JSON.parse(fromUtf8(b.payload))),
  }));
  const named = new Set<string>();
  const namedBlobs = new Set<string>();
  for (const snap of snapshots)
    for (const [table, records] of Object.entries(snap.state.tables))
      for (const key of Object.keys(records)) {
        named.add(recordId(table, key));
        if (table === BLOB_TABLE) namedBlobs.add(key);
      }
  for (const b of batches)
    for (const op of b.ops) {
      named.add(recordId(String(op.table), String(op.key)));
      if (op.table === BLOB_TABLE) namedBlobs.add(String(op.key));
    }
  // Thumbnails they name that this device holds: a merged record with the same content keeps them.
  if (blobs && known) await readBlobs(blobs, [...namedBlobs], known);
  const merged = await runStep(local, withQueue([...named]), (work) => {
    const c = convertQueue(work, options, known);
    const d = c.device;
    // The upload, recorded: its operations leave the waiting ones (unless a round that overlapped
    // recorded it already).
    const done = sent && d.inFlight?.seq === sent.seq ? sent : undefined;
    if (done) {
      delete d.inFlight;
      d.pendingCount -= done.count;
      d.remote = { ...d.remote, lastOwnSeq: done.seq };
    }
    const clock = new HybridClock(d.deviceId, d.clock);
    const drift: SyncReport['drift'] = [];
    const touched = new Map<string, { table: string; key: string }>();
    for (const m of c.writeBack) touched.set(recordId(m.table, m.key), m);
    const cursor = { ...d.remote.cursor };
    for (const snap of snapshots) {
      if ((cursor[snap.deviceId] ?? 0) >= snap.seq) continue;
      for (const k of joinState(work.replica, snap.state, options)) touched.set(recordId(k.table, k.key), k);
      cursor[snap.deviceId] = snap.seq;
    }
    for (const b of batches) {
      if ((cursor[b.deviceId] ?? 0) >= b.seq) continue; // merged by a round that overlapped
      const latest = maxHlc(b.ops.map((o) => o.hlc).filter((h): h is Hlc => typeof h === 'string'));
      if (latest) {
        const report = clock.receive(latest, now());
        if (report) drift.push(report);
      }
      for (const k of applyOps(work.replica, b.ops, options)) touched.set(recordId(k.table, k.key), k);
      cursor[b.deviceId] = b.seq;
    }
    d.clock = clock.last;
    d.remote = { ...d.remote, cursor };
    d.lastSyncAt = now();
    const writeBack = settle(
      materialize(work.replica, [...touched.values()], options),
      d,
      known,
      work.records,
      (m) =>
        !work.records.has(recordId(m.table, m.key)) ||
        !same(m.table, m.record, work.records.get(recordId(m.table, m.key))),
    );
    return {
      device: d,
      consumedThrough: c.consumedThrough,
      writeBack,
      appendPending: c.ops,
      ...(done ? { dropPending: done.count, dropAllPending: done.count === work.device.pendingCount } : {}),
      result: { device: d, written: writeBack.length, drift, deferred: c.needBlobs.length },
    };
  });

  // 5. A snapshot when one is due; then tell the others how far this device is (their logs can be
  // collected once all have seen them), and collect the own logs they all have.
  const after = await snapshotIfDue(local, vault, view, merged.device, options);
  const head: DeviceHead = {
    format: FORMAT,
    seq: after.remote.lastOwnSeq,
    label: after.label,
    updatedAt: new Date(now()).toISOString(),
    seen: after.remote.cursor,
    acks: after.replica.clock,
    ...(after.lastSnapshot !== undefined ? { snapshot: after.lastSnapshot } : {}),
  };
  const onServer = view.devices.find((d) => d.deviceId === after.deviceId)?.head;
  if (!onServer || headNews(onServer, head, after.deviceId)) await writeHead(vault, after.deviceId, head);
  const collected = await collectOwnLogs(local, vault, view, after.deviceId, now());

  // 6. Thumbnails merged here without their bytes: download, check, write. One that fails waits.
  const got = blobs ? await fetchWantedBlobs(blobs, local, vault, merged.device) : undefined;

  return {
    uploaded,
    downloaded: batches.length,
    written: merged.written,
    findings: view.findings,
    waiting: fetched.pending,
    pending: merged.device.pendingCount,
    drift: merged.drift,
    deferred: merged.deferred,
    blobsUploaded,
    blobsDownloaded: got?.written ?? 0,
    blobsWaiting: got?.waiting ?? Object.keys(merged.device.wantedBlobs ?? {}).length,
    snapshots: snapshots.length,
    collected,
  };
}

/** A head older than this is written again even when nothing the others read from it changed. */
const HEAD_REFRESH_MS = 60 * 60_000;

/**
 * Whether a head tells the other devices more than the one on the server: what this device has
 * applied of theirs (`seen`, and `acks` but for its own entry, which its logs tell), its snapshot,
 * its name, or its head is an hour old. Not its own newest seq or stamp, which its log files
 * say: a round that only uploads a change then costs two requests fewer. (An older acknowledgement
 * of its own stamps only delays collecting its tombstones.)
 */
function headNews(old: DeviceHead, next: DeviceHead, deviceId: string): boolean {
  if (old.retired || old.label !== next.label || old.snapshot !== next.snapshot) return true;
  const at = Date.parse(old.updatedAt);
  if (!(Date.parse(next.updatedAt) - at < HEAD_REFRESH_MS) || at > Date.parse(next.updatedAt)) return true;
  const others = (acks: Record<string, string> | undefined) => {
    const { [deviceId]: _own, ...rest } = acks ?? {};
    return rest;
  };
  return (
    canonical(old.seen ?? {}) !== canonical(next.seen ?? {}) ||
    canonical(others(old.acks)) !== canonical(others(next.acks))
  );
}
