/** The day tests' talk slot (tests/e2e/talk-slot.ts) never runs while a test does. */
import { describe, expect, it } from 'vitest';
import { talkSlot } from '../e2e/talk-slot';

// December: Berlin is UTC+1.
const at = (utc: string) => new Date(`2026-12-02T${utc}:00Z`);

describe('talkSlot', () => {
  it('is 14:00–14:45 Berlin time, away from it', () => {
    expect(talkSlot(at('08:00'))).toEqual({ start: '14:00', end: '14:45' });
    expect(talkSlot(at('12:29'))).toEqual({ start: '14:00', end: '14:45' });
    expect(talkSlot(at('13:45'))).toEqual({ start: '14:00', end: '14:45' });
  });

  it('moves to 18:00–18:45 when the test starts within 30 minutes of it or during it', () => {
    expect(talkSlot(at('12:31'))).toEqual({ start: '18:00', end: '18:45' });
    expect(talkSlot(at('13:00'))).toEqual({ start: '18:00', end: '18:45' });
    expect(talkSlot(at('13:44'))).toEqual({ start: '18:00', end: '18:45' });
  });
});
