import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  HybridClock,
  hlcDevice,
  hlcMs,
  isHlc,
  MAX_DRIFT_MS,
  maxHlc,
  newDeviceId,
  packHlc,
  parseHlc,
} from '../../../sync/hlc';

// 2026-01-01T00:00:00.000Z = 1767225600000 ms = 0x019b76daa800.
const T = 1767225600000;

describe('HLC stamps', () => {
  it('pack as 12 hex digits of time, 4 of counter and the device id', () => {
    expect(packHlc({ ms: T, counter: 0, device: 'dev1' })).toBe('019b76daa800-0000-dev1');
    expect(packHlc({ ms: T + 1, counter: 255, device: 'b' })).toBe('019b76daa801-00ff-b');
    expect(parseHlc('019b76daa801-00ff-b')).toEqual({ ms: T + 1, counter: 255, device: 'b' });
    expect(hlcMs('019b76daa801-00ff-b')).toBe(T + 1);
    expect(hlcDevice('019b76daa801-00ff-some-device_2')).toBe('some-device_2');
  });

  it('refuse malformed parts and strings', () => {
    expect(() => packHlc({ ms: -1, counter: 0, device: 'a' })).toThrow(RangeError);
    expect(() => packHlc({ ms: T, counter: 65536, device: 'a' })).toThrow(RangeError);
    expect(() => packHlc({ ms: T, counter: 0, device: 'has space' })).toThrow(RangeError);
    expect(() => packHlc({ ms: T, counter: 0, device: '' })).toThrow(RangeError);
    expect(() => parseHlc('019B7702C000-0000-a')).toThrow(TypeError); // upper-case hex would misorder
    expect(() => parseHlc('19b7702c000-0000-a')).toThrow(TypeError);
    expect(isHlc('019b76daa800-0000-a')).toBe(true);
    expect(isHlc('019b76daa800-0000-')).toBe(false);
    expect(isHlc(42)).toBe(false);
  });

  it('order by time, then counter, then device id, as plain strings do', () => {
    const stamps = [
      '019b76daa801-0000-a',
      '019b76daa800-0001-a',
      '019b76daa800-0000-b',
      '019b76daa800-0000-a',
      '019b76daa800-000a-a',
    ];
    expect([...stamps].sort(compareHlc)).toEqual([
      '019b76daa800-0000-a',
      '019b76daa800-0000-b',
      '019b76daa800-0001-a',
      '019b76daa800-000a-a',
      '019b76daa801-0000-a',
    ]);
    expect(maxHlc(stamps)).toBe('019b76daa801-0000-a');
    expect(maxHlc([])).toBeUndefined();
  });

  it('new device ids are 32 hex digits and differ', () => {
    const a = newDeviceId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newDeviceId()).not.toBe(a);
  });
});

describe('HybridClock', () => {
  it('ticks at the wall time, counting within one millisecond', () => {
    const clock = new HybridClock('a');
    expect(clock.tick(T)).toBe('019b76daa800-0000-a');
    expect(clock.tick(T)).toBe('019b76daa800-0001-a');
    expect(clock.tick(T + 5)).toBe('019b76daa805-0000-a');
  });

  it('keeps moving forward when the computer clock goes back', () => {
    const clock = new HybridClock('a');
    clock.tick(T + 1000);
    expect(clock.tick(T)).toBe('019b76daabe8-0001-a');
    expect(clock.tick(T - 86_400_000)).toBe('019b76daabe8-0002-a');
  });

  it('borrows the next millisecond when the counter is full', () => {
    const clock = new HybridClock('a', '019b76daa800-fffe-a');
    expect(clock.tick(T)).toBe('019b76daa800-ffff-a');
    expect(clock.tick(T)).toBe('019b76daa801-0000-a');
  });

  it('resumes from its persisted last stamp', () => {
    const first = new HybridClock('a');
    first.tick(T + 10);
    const again = new HybridClock('a', first.last);
    expect(again.tick(T)).toBe('019b76daa80a-0001-a');
  });

  it('after receiving a stamp, ticks after it (with its own device id)', () => {
    const clock = new HybridClock('a');
    clock.tick(T);
    expect(clock.receive('019b76daa864-0007-b', T + 50)).toBeNull(); // 100 ms ahead: not drift
    expect(clock.last).toBe('019b76daa864-0008-a');
    expect(clock.tick(T + 60)).toBe('019b76daa864-0009-a');
    // A stamp behind this clock moves only the counter.
    expect(clock.receive('019b76daa800-0000-b', T + 60)).toBeNull();
    expect(clock.tick(T + 60)).toBe('019b76daa864-000b-a');
    // The wall clock ahead of both: it wins and the counter restarts.
    clock.receive('019b76daa864-0000-b', T + 200);
    expect(clock.last).toBe('019b76daa8c8-0000-a');
  });

  it('reports a stamp more than five minutes ahead, and still takes it in', () => {
    const clock = new HybridClock('a');
    const ahead = packHlc({ ms: T + MAX_DRIFT_MS + 1, counter: 3, device: 'fast' });
    expect(clock.receive(ahead, T)).toEqual({ device: 'fast', aheadMs: 300_001 });
    expect(clock.tick(T)).toBe(packHlc({ ms: T + 300_001, counter: 5, device: 'a' }));
    const justInside = packHlc({ ms: T + MAX_DRIFT_MS, counter: 0, device: 'ok' });
    expect(new HybridClock('a').receive(justInside, T)).toBeNull();
  });

  it('refuses a malformed received stamp or device id', () => {
    expect(() => new HybridClock('a').receive('yesterday', T)).toThrow(TypeError);
    expect(() => new HybridClock('no spaces')).toThrow(RangeError);
  });
});
