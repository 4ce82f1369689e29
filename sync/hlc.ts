/**
 * Hybrid logical clock (HLC): every sync operation is stamped with one, and per-field
 * last-writer-wins compares stamps. A stamp is the wall time in milliseconds, a counter that orders
 * stamps within one millisecond, and the id of the device that made it, packed into a string whose
 * plain string order is the clock order:
 *
 *     <ms: 12 lower-case hex digits>-<counter: 4 hex digits>-<device id>
 *     018f3a2b4c5d-0000-3fa4c2e19b7d0a11
 *
 * Two stamps with the same time and counter are ordered by device id, so the order is total: no two
 * devices ever issue the same stamp, and one device never issues a stamp twice (`tick` moves forward
 * even when the computer's clock goes back).
 *
 * Drift guard: a received stamp more than {@link MAX_DRIFT_MS} ahead of this computer's clock is
 * reported (`receive` returns a {@link DriftReport}) so the UI can say which device's clock is wrong.
 * It is neither refused nor dropped: the operation it stamps is applied, and this clock still moves
 * past it, so an edit made here after seeing it still sorts after it (the one guarantee per-field
 * last-writer-wins needs). The price is that stamps stay ahead of real time until real time catches
 * up; only metadata order uses stamps (note bodies are merged by content, never by clock).
 */

/** A packed stamp (see the file comment). Plain string comparison orders stamps. */
export type Hlc = string;

/** A received stamp further ahead of this computer's clock than this is reported as drift. */
export const MAX_DRIFT_MS = 5 * 60 * 1000;

const MS_DIGITS = 12;
const COUNTER_DIGITS = 4;
const MAX_MS = 16 ** MS_DIGITS - 1;
const MAX_COUNTER = 16 ** COUNTER_DIGITS - 1;
/** Device ids: letters, digits, `_` and `-`, at most 64 characters (they end the stamp). */
const DEVICE = /^[0-9A-Za-z_-]{1,64}$/;
const STAMP = /^([0-9a-f]{12})-([0-9a-f]{4})-([0-9A-Za-z_-]{1,64})$/;

export interface HlcParts {
  /** Wall time, epoch milliseconds (possibly borrowed from the future, see `tick`). */
  ms: number;
  /** Orders stamps within one millisecond, 0–65535. */
  counter: number;
  device: string;
}

/** A device's stamp is more than {@link MAX_DRIFT_MS} ahead of this computer's clock. */
export interface DriftReport {
  device: string;
  /** How far ahead of this computer's clock, in milliseconds. */
  aheadMs: number;
}

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE.test(value);
}

export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && STAMP.test(value);
}

/** Packs the parts of a stamp; throws on a part out of range. */
export function packHlc({ ms, counter, device }: HlcParts): Hlc {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_MS) throw new RangeError(`HLC time out of range: ${ms}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new RangeError(`HLC counter out of range: ${counter}`);
  }
  if (!isDeviceId(device)) throw new RangeError(`Not a device id: ${JSON.stringify(device)}`);
  return `${ms.toString(16).padStart(MS_DIGITS, '0')}-${counter.toString(16).padStart(COUNTER_DIGITS, '0')}-${device}`;
}

/** The parts of a stamp; throws on anything that is not one. */
export function parseHlc(hlc: Hlc): HlcParts {
  const m = STAMP.exec(hlc);
  if (!m) throw new TypeError(`Not an HLC stamp: ${JSON.stringify(hlc)}`);
  return { ms: Number.parseInt(m[1]!, 16), counter: Number.parseInt(m[2]!, 16), device: m[3]! };
}

/** Clock order: negative when `a` is earlier, 0 for the same stamp, positive when later. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The device that issued a stamp. */
export function hlcDevice(hlc: Hlc): string {
  return hlc.slice(MS_DIGITS + COUNTER_DIGITS + 2);
}

/** The wall time of a stamp, epoch milliseconds. */
export function hlcMs(hlc: Hlc): number {
  return Number.parseInt(hlc.slice(0, MS_DIGITS), 16);
}

/** The latest of some stamps, or undefined for none. */
export function maxHlc(stamps: Iterable<Hlc>): Hlc | undefined {
  let max: Hlc | undefined;
  for (const s of stamps) if (max === undefined || s > max) max = s;
  return max;
}

/** A new random device id: 32 lower-case hex digits (128 random bits from WebCrypto), as the remote layout names devices. */
export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One device's clock. Persist {@link HybridClock.last} and give it back to the constructor when the
 * device starts again, so stamps keep moving forward across restarts.
 */
export class HybridClock {
  readonly device: string;
  private ms = 0;
  private counter = 0;

  constructor(device: string, last?: Hlc) {
    if (!isDeviceId(device)) throw new RangeError(`Not a device id: ${JSON.stringify(device)}`);
    this.device = device;
    if (last !== undefined) {
      const parts = parseHlc(last);
      this.ms = parts.ms;
      this.counter = parts.counter;
    }
  }

  /** The latest stamp this clock issued or received, with this device's id (the state to persist). */
  get last(): Hlc {
    return packHlc({ ms: this.ms, counter: this.counter, device: this.device });
  }

  /**
   * A new stamp for a local change at `now`: later than every stamp this clock issued or received.
   * When the computer's clock is behind the last stamp, time stays and the counter counts; when the
   * counter is full, the stamp borrows the next millisecond.
   */
  tick(now: number = Date.now()): Hlc {
    const wall = Math.max(this.ms, Math.floor(now));
    this.advance(wall, wall === this.ms ? this.counter + 1 : 0);
    return packHlc({ ms: this.ms, counter: this.counter, device: this.device });
  }

  /**
   * Takes in a stamp received from another device at `now`: every later {@link tick} sorts after it.
   * Returns a drift report when the stamp is more than {@link MAX_DRIFT_MS} ahead of `now` (the stamp
   * is taken in anyway: see the file comment), else null.
   */
  receive(remote: Hlc, now: number = Date.now()): DriftReport | null {
    const r = parseHlc(remote);
    const physical = Math.floor(now);
    const wall = Math.max(this.ms, r.ms, physical);
    let counter = 0;
    if (wall === this.ms && wall === r.ms) counter = Math.max(this.counter, r.counter) + 1;
    else if (wall === this.ms) counter = this.counter + 1;
    else if (wall === r.ms) counter = r.counter + 1;
    this.advance(wall, counter);
    const ahead = r.ms - physical;
    return ahead > MAX_DRIFT_MS ? { device: r.device, aheadMs: ahead } : null;
  }

  private advance(ms: number, counter: number): void {
    if (counter > MAX_COUNTER) {
      ms += 1;
      counter = 0;
    }
    if (ms > MAX_MS) throw new RangeError('HLC time out of range');
    this.ms = ms;
    this.counter = counter;
  }
}
