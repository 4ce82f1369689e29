import { monotonicFactory, type ULIDFactory } from 'ulid';

// Made on first use, so surfaces that never create records don't carry the generator.
let next: ULIDFactory | undefined;

/** A new ULID: time-sortable, so inserts stay append-ordered in IndexedDB. */
export function newId(now = Date.now()): string {
  next ??= monotonicFactory();
  return next(now);
}
