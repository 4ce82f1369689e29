/**
 * Simulated devices for the sync merge tests: each has a clock, a replica state and a "storage"
 * that always holds what the merge says (as the background will keep it). Local edits are made the
 * way storage makes them (the new record and the fields that changed) and turned into operations.
 */
import { changeToOps, type LocalChange } from '../../../sync/changes';
import { HybridClock } from '../../../sync/hlc';
import { applyOps, type MergeOptions, recordOf } from '../../../sync/merge';
import { emptyState } from '../../../sync/merge/state';
import type { KnownOp, Op } from '../../../sync/ops';

/** 2026-01-01T00:00:00.000Z; as an HLC time: 019b76daa800. */
export const T = 1767225600000;

export type Row = Record<string, unknown>;

export interface Device {
  id: string;
  clock: HybridClock;
  state: ReturnType<typeof emptyState>;
  /** The device's wall clock (ms); each local change advances it by 1 ms first. */
  now: number;
  /** Turns a change into operations and applies them here; returns them (to deliver elsewhere). */
  change(change: LocalChange): KnownOp[];
  create(table: string, key: string, value: Row): KnownOp[];
  /** Edits a record as storage would: `patch` over the stored record (undefined removes a field). */
  update(table: string, key: string, patch: Row): KnownOp[];
  remove(table: string, key: string): KnownOp[];
  receive(...batches: readonly Op[][]): void;
  get(table: string, key: string): Row | undefined;
}

export function device(id: string, options: MergeOptions = {}, start = T): Device {
  const d: Device = {
    id,
    clock: new HybridClock(id),
    state: emptyState(),
    now: start,
    change(change) {
      d.now += 1;
      const ops = changeToOps(d.state, change, d.clock, { ...options, now: d.now });
      applyOps(d.state, ops, options);
      return ops;
    },
    create: (table, key, value) => d.change({ table, op: 'create', key, value: { id: key, ...value } }),
    update(table, key, patch) {
      const old = d.get(table, key) ?? {};
      const value: Row = { ...old };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete value[k];
        else value[k] = v;
      }
      const fields = [...new Set([...Object.keys(old), ...Object.keys(value)])].filter(
        (k) => JSON.stringify(old[k]) !== JSON.stringify(value[k]),
      );
      return d.change({ table, op: 'update', key, value, fields });
    },
    remove: (table, key) => d.change({ table, op: 'delete', key }),
    receive(...batches) {
      for (const ops of batches) {
        for (const op of ops) if (typeof op.hlc === 'string') d.clock.receive(op.hlc, d.now);
        applyOps(d.state, ops, options);
      }
    },
    get: (table, key) => recordOf(d.state, table, key, options),
  };
  return d;
}

/** A note as storage writes it (id added by `create`). */
export const NOTE: Row = {
  createdAt: 100,
  updatedAt: 100,
  url: 'https://conf.example/talk',
  body: 'one\ntwo\nthree',
  tags: ['ai'],
  kind: 'note',
};
