import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new ULID: time-sortable, so inserts stay append-ordered in IndexedDB. */
export function newId(now = Date.now()): string {
  return next(now);
}
