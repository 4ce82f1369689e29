/**
 * The date and time pickers' conversions to and from the stored ISO time with offset. Every
 * expectation is written by hand from the zones' rules: Europe/Brussels moves to summer time on
 * 29 March 2026 (02:00 → 03:00) and back on 25 October 2026 (03:00 → 02:00); America/New_York
 * on 8 March 2026 (02:00 → 03:00) and 1 November 2026 (02:00 → 01:00); Asia/Kolkata is +05:30.
 */
import { describe, expect, it } from 'vitest';
import {
  fixedOffset,
  isoToWall,
  talkZone,
  wallToIso,
  zoneName,
  zoneOptions,
} from '../../../components/shared/date-time';

describe('isoToWall: a stored time as a day and a time in a zone', () => {
  it('shows the time in the zone it is read in', () => {
    expect(isoToWall('2026-03-19T14:30:00+01:00', 'Europe/Brussels')).toEqual({
      date: '2026-03-19',
      time: '14:30',
    });
    // New York is on summer time (UTC−4) from 8 March: 13:30 UTC is 09:30 there.
    expect(isoToWall('2026-03-19T14:30:00+01:00', 'America/New_York')).toEqual({
      date: '2026-03-19',
      time: '09:30',
    });
    expect(isoToWall('2026-03-19T14:30:00+01:00', 'Asia/Kolkata')).toEqual({
      date: '2026-03-19',
      time: '19:00',
    });
  });

  it('reads a fixed offset as written, and crosses midnight when the zone does', () => {
    expect(isoToWall('2022-09-08T14:00:00+02:00', '+02:00')).toEqual({ date: '2022-09-08', time: '14:00' });
    expect(isoToWall('2026-03-19T23:30:00-05:00', '+00:00')).toEqual({ date: '2026-03-20', time: '04:30' });
    expect(isoToWall('2026-01-01T00:15:00Z', '-08:00')).toEqual({ date: '2025-12-31', time: '16:15' });
  });

  it('leaves the pickers empty for no time, a date without a time, or text that is not a time', () => {
    const empty = { date: '', time: '' };
    expect(isoToWall(undefined, 'Europe/Brussels')).toEqual(empty);
    expect(isoToWall('', 'Europe/Brussels')).toEqual(empty);
    expect(isoToWall('2026-03-19', 'Europe/Brussels')).toEqual(empty);
    expect(isoToWall('next Tuesday', 'Europe/Brussels')).toEqual(empty);
    expect(isoToWall('2026-03-19T14:30:00+01:00', 'Mars/Olympus')).toEqual(empty);
  });
});

describe('wallToIso: a day and a time in a zone as the stored time', () => {
  it('writes the zone’s offset on that day (winter and summer)', () => {
    expect(wallToIso({ date: '2026-03-28', time: '14:00' }, 'Europe/Brussels')).toEqual({
      iso: '2026-03-28T14:00:00+01:00',
    });
    expect(wallToIso({ date: '2026-03-30', time: '14:00' }, 'Europe/Brussels')).toEqual({
      iso: '2026-03-30T14:00:00+02:00',
    });
    expect(wallToIso({ date: '2026-01-01', time: '09:00' }, 'Asia/Kolkata')).toEqual({
      iso: '2026-01-01T09:00:00+05:30',
    });
  });

  it('moves a time skipped by the spring change forward by the gap', () => {
    expect(wallToIso({ date: '2026-03-29', time: '02:30' }, 'Europe/Brussels')).toEqual({
      iso: '2026-03-29T03:30:00+02:00',
    });
    expect(wallToIso({ date: '2026-03-08', time: '02:30' }, 'America/New_York')).toEqual({
      iso: '2026-03-08T03:30:00-04:00',
    });
  });

  it('takes the first of a time that occurs twice in autumn, and the times either side of it', () => {
    expect(wallToIso({ date: '2026-10-25', time: '02:30' }, 'Europe/Brussels')).toEqual({
      iso: '2026-10-25T02:30:00+02:00',
    });
    expect(wallToIso({ date: '2026-10-25', time: '03:30' }, 'Europe/Brussels')).toEqual({
      iso: '2026-10-25T03:30:00+01:00',
    });
    expect(wallToIso({ date: '2026-11-01', time: '01:30' }, 'America/New_York')).toEqual({
      iso: '2026-11-01T01:30:00-04:00',
    });
    expect(wallToIso({ date: '2026-11-01', time: '02:30' }, 'America/New_York')).toEqual({
      iso: '2026-11-01T02:30:00-05:00',
    });
  });

  it('writes a fixed offset as it is', () => {
    expect(wallToIso({ date: '2022-09-08', time: '14:00' }, '+02:00')).toEqual({
      iso: '2022-09-08T14:00:00+02:00',
    });
    expect(wallToIso({ date: '2026-07-04', time: '23:05' }, '-09:30')).toEqual({
      iso: '2026-07-04T23:05:00-09:30',
    });
  });

  it('clears on two empty pickers and refuses half a time or an impossible one', () => {
    expect(wallToIso({ date: '', time: '' }, 'Europe/Brussels')).toEqual({ iso: '' });
    expect(wallToIso({ date: '2026-03-19', time: '' }, 'Europe/Brussels')).toEqual({ error: 'no-time' });
    expect(wallToIso({ date: '', time: '14:30' }, 'Europe/Brussels')).toEqual({ error: 'no-date' });
    expect(wallToIso({ date: '2026-02-30', time: '14:30' }, 'Europe/Brussels')).toEqual({ error: 'invalid' });
    expect(wallToIso({ date: '2026-03-19', time: '25:00' }, 'Europe/Brussels')).toEqual({ error: 'invalid' });
    expect(wallToIso({ date: '19/03/2026', time: '14:30' }, 'Europe/Brussels')).toEqual({ error: 'invalid' });
    expect(wallToIso({ date: '2026-03-19', time: '14:30' }, 'Mars/Olympus')).toEqual({ error: 'invalid' });
  });

  it('gives back what it was shown, for a time outside any change', () => {
    for (const [iso, zone] of [
      ['2026-03-19T14:30:00+01:00', 'Europe/Brussels'],
      ['2026-10-25T02:30:00+02:00', 'Europe/Brussels'],
      ['2026-06-01T08:00:00-04:00', 'America/New_York'],
      ['2022-09-08T14:00:00+02:00', '+02:00'],
    ] as const) {
      expect(wallToIso(isoToWall(iso, zone), zone)).toEqual({ iso });
    }
  });
});

describe('the zone a talk’s times are shown in', () => {
  it('is the talk’s, else the event’s, else the written offset, else the browser’s', () => {
    const at = '2026-03-19T14:30:00+01:00';
    expect(talkZone(at, 'Europe/Lisbon', 'Europe/Brussels', 'Asia/Tokyo')).toEqual({
      zone: 'Europe/Lisbon',
      source: 'talk',
    });
    expect(talkZone(at, undefined, 'Europe/Brussels', 'Asia/Tokyo')).toEqual({
      zone: 'Europe/Brussels',
      source: 'event',
    });
    expect(talkZone(at, 'Not/AZone', undefined, 'Asia/Tokyo')).toEqual({ zone: '+01:00', source: 'offset' });
    expect(talkZone('2026-03-19T14:30:00Z', undefined, undefined, 'Asia/Tokyo')).toEqual({
      zone: '+00:00',
      source: 'offset',
    });
    expect(talkZone(undefined, undefined, undefined, 'Asia/Tokyo')).toEqual({
      zone: 'Asia/Tokyo',
      source: 'browser',
    });
  });

  it('names a zone in words and lists the known zones with the ones in use', () => {
    expect(zoneName('Europe/Brussels')).toBe('Europe/Brussels');
    expect(zoneName('+05:30')).toBe('UTC+05:30');
    expect(zoneName('-03:00')).toBe('UTC-03:00');
    expect(fixedOffset('+05:30')).toBe(330);
    expect(fixedOffset('-03:00')).toBe(-180);
    expect(fixedOffset('Europe/Brussels')).toBeUndefined();
    const options = zoneOptions(['+01:00', 'Not/AZone']);
    expect(options).toContain('Europe/Brussels');
    expect(options).toContain('UTC');
    expect(options).toContain('+01:00');
    expect(options).not.toContain('Not/AZone');
    expect(options[0]).toBe('+01:00'); // a fixed offset first: it is the one the talk was written with
  });
});
