/**
 * Tombstones: a purged record keeps its merge state (its fields, versions and purges) so that an
 * edit made elsewhere before the purge was seen can still bring it back whole. That state may go
 * only when no such edit can arrive any more: every active device has acknowledged the purge, and
 * this device has applied everything those devices had written when they acknowledged it.
 *
 * Acknowledgements are version vectors: a device's {@link AckVector} maps each device (itself
 * included) to the latest stamp of that device's operations it has applied. Devices apply each
 * other's operations in log order, so the vector covers every earlier operation too. A device that
 * is not active (retired, or silent for longer than the retention period) must rejoin from a
 * snapshot before it syncs again: its old operations are not waited for.
 */
import { type Hlc, hlcDevice, hlcMs } from '../hlc';
import { applyToRecord, type RecordKey } from './apply';
import { materializeOps } from './copies';
import { type ReplicaState, recordSlot } from './state';
import { covers, type MergeOptions } from './view';

/** A purged record whose merge state is still kept. */
export interface Tombstone extends RecordKey {
  /** The latest purge that covers everything (the one acknowledgements must reach). */
  hlc: Hlc;
}

/** Device → latest stamp of that device's operations applied (by the acknowledging device). */
export type AckVector = Record<string, Hlc>;

export interface CollectInput {
  /** Devices that must acknowledge (this one included). */
  active: readonly string[];
  /** This device. */
  self: string;
  /** Each device's latest acknowledgement (this device's own vector included). */
  acks: Readonly<Record<string, AckVector>>;
  /** Keep tombstones younger than this (by their stamp's time), in milliseconds. Default 0. */
  minAgeMs?: number;
  now?: number;
}

/**
 * Every tombstone of the state. Its stamp is that of the latest purge that covers everything, never
 * simply the latest purge: a purge that missed an edit (a device whose clock is ahead, purging an
 * older version) can be stamped after the one that covers, and acknowledgements of it say nothing
 * about the covering purge — a device that has not seen that one may still send an edit it had not
 * seen, which brings the record back (view.ts `purged`).
 */
export function tombstones(state: ReplicaState): Tombstone[] {
  const out: Tombstone[] = [];
  for (const [table, records] of Object.entries(state.tables)) {
    for (const [key, rec] of Object.entries(records)) {
      const hlc = Object.entries(rec.purges ?? {})
        .filter(([, seen]) => covers(rec, seen))
        .map(([stamp]) => stamp)
        .sort()
        .at(-1);
      if (hlc !== undefined) out.push({ table, key, hlc });
    }
  }
  return out;
}

/**
 * The tombstones that may go: each active device's acknowledgement covers the tombstone's stamp
 * (for the device that purged), this device has applied each active device's operations up to that
 * device's own acknowledgement, and the tombstone is at least `minAgeMs` old.
 */
export function collectable(list: readonly Tombstone[], input: CollectInput): Tombstone[] {
  const { active, self, acks } = input;
  const mine = acks[self] ?? {};
  // Everything another device wrote before its acknowledgement must be applied here first.
  const caughtUp = active.every((d) => {
    if (d === self) return true;
    const theirs = acks[d]?.[d];
    return theirs === undefined || (mine[d] ?? '') >= theirs;
  });
  if (!caughtUp) return [];
  const now = input.now ?? Date.now();
  const minAge = input.minAgeMs ?? 0;
  return list.filter((t) => {
    if (now - hlcMs(t.hlc) < minAge) return false;
    const origin = hlcDevice(t.hlc);
    return active.every((d) => (acks[d]?.[origin] ?? '') >= t.hlc);
  });
}

/**
 * Removes the merge state of some records (collected tombstones). A note's conflict copies are
 * first written into their own state, so they outlive the history they were derived from.
 */
export function dropRecords(
  state: ReplicaState,
  keys: readonly RecordKey[],
  options: MergeOptions = {},
): void {
  for (const { table, key } of keys) {
    for (const [copy, [note]] of Object.entries(state.copies)) {
      if (note !== key) continue;
      const ops = materializeOps(state, table, copy, options);
      if (ops.length) {
        const rec = recordSlot(state, table, copy);
        for (const op of ops) applyToRecord(rec, op);
      }
      delete state.copies[copy];
    }
    delete state.tables[table]?.[key];
  }
}
