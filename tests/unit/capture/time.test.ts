import { describe, expect, it } from 'vitest';
import { parseTimeText } from '../../../capture/sessions/datetext';
import {
  dayOf,
  describeTime,
  instantOf,
  isValidZone,
  localToIso,
  normalizeDateTime,
  offsetOfLabel,
} from '../../../capture/time';

describe('time zones with Intl', () => {
  it('gives a wall time the offset its zone has on that date, across DST', () => {
    expect(localToIso({ y: 2026, mo: 1, d: 31, h: 10, mi: 30, s: 0 }, 'Europe/Brussels')).toBe(
      '2026-01-31T10:30:00+01:00',
    );
    expect(localToIso({ y: 2026, mo: 7, d: 31, h: 10, mi: 30, s: 0 }, 'Europe/Brussels')).toBe(
      '2026-07-31T10:30:00+02:00',
    );
    expect(localToIso({ y: 2026, mo: 11, d: 3, h: 9, mi: 0, s: 0 }, 'America/New_York')).toBe(
      '2026-11-03T09:00:00-05:00',
    );
    expect(localToIso({ y: 2026, mo: 3, d: 15, h: 9, mi: 0, s: 0 }, 'Asia/Kolkata')).toBe(
      '2026-03-15T09:00:00+05:30',
    );
  });

  it('moves a time inside a DST gap forward and takes the earlier reading of an ambiguous one', () => {
    expect(normalizeDateTime('2026-03-29T02:30', 'Europe/Brussels')).toBe('2026-03-29T03:30:00+02:00');
    expect(normalizeDateTime('2026-10-25T02:30', 'Europe/Brussels')).toBe('2026-10-25T02:30:00+02:00');
  });

  it('keeps a written offset, re-expresses it in a declared zone, and invents nothing without either', () => {
    expect(normalizeDateTime('2024-05-23T08:00:00Z')).toBe('2024-05-23T08:00:00+00:00');
    expect(normalizeDateTime('2024-05-23T08:00:00Z', 'Europe/Berlin')).toBe('2024-05-23T10:00:00+02:00');
    expect(normalizeDateTime('2024-05-23T10:00')).toBeUndefined();
    expect(normalizeDateTime('2024-05-23')).toBeUndefined();
    expect(normalizeDateTime('2024-05-23T10:00', 'Not/AZone')).toBeUndefined();
    expect(normalizeDateTime('yesterday', 'UTC')).toBeUndefined();
  });

  it('checks zone names and labels', () => {
    expect(isValidZone('Europe/Lisbon')).toBe(true);
    expect(isValidZone('Europe/Atlantis')).toBe(false);
    expect(isValidZone('<script>')).toBe(false);
    expect(offsetOfLabel('CEST')).toBe(120);
    expect(offsetOfLabel('UTC+1')).toBe(60);
    expect(offsetOfLabel('GMT-05:30')).toBe(-330);
    expect(offsetOfLabel('CST')).toBeUndefined(); // China or Central US: ambiguous, so unknown
  });

  it('puts a talk on the day of its event’s zone', () => {
    expect(dayOf('2026-01-31T23:30:00+00:00', 'Asia/Tokyo')).toBe('2026-02-01');
    expect(dayOf('2026-01-31T23:30:00+00:00')).toBe('2026-01-31');
    expect(instantOf('2026-01-31T10:30:00+01:00')).toBe(Date.UTC(2026, 0, 31, 9, 30));
  });

  it('shows the event’s time, and the user’s when it differs', () => {
    const d = describeTime('2026-01-31T10:30:00+01:00', '2026-01-31T11:00:00+01:00', 'Europe/Brussels', {
      userZone: 'America/New_York',
      locale: 'en-GB',
    });
    expect(d).toEqual({
      event: 'Sat, 31 Jan 2026, 10:30–11:00',
      eventZone: 'Europe/Brussels',
      user: 'Sat, 31 Jan 2026, 04:30–05:00',
      userZone: 'America/New_York',
    });
    const same = describeTime('2026-01-31T10:30:00+01:00', undefined, 'Europe/Brussels', {
      userZone: 'Europe/Paris',
      locale: 'en-GB',
    });
    expect(same).toEqual({ event: 'Sat, 31 Jan 2026, 10:30', eventZone: 'Europe/Brussels' });
    const noZone = describeTime('2026-01-31T10:30:00+05:30', undefined, undefined, {
      userZone: 'UTC',
      locale: 'en-GB',
    });
    expect(noZone?.eventZone).toBe('UTC+05:30');
    expect(describeTime(undefined, undefined)).toBeUndefined();
  });
});

describe('times written for people', () => {
  it('reads sched, Indico and 12-hour forms in the declared zone', () => {
    expect(parseTimeText('Thursday July 5, 2018 17:30 - 18:30', 'America/Chicago')).toEqual({
      startsAt: '2018-07-05T17:30:00-05:00',
      endsAt: '2018-07-05T18:30:00-05:00',
      zone: undefined,
    });
    expect(parseTimeText('Wednesday November 13, 2024 11:15am - 11:45am EST').startsAt).toBe(
      '2024-11-13T11:15:00-05:00',
    );
    expect(parseTimeText('12 Sep 2024, 14:00', 'Europe/Zurich').startsAt).toBe('2024-09-12T14:00:00+02:00');
    expect(
      parseTimeText('Thursday July 5, 2018 08:00 - Friday July 6, 2018 00:00', 'Europe/Paris').endsAt,
    ).toBe('2018-07-06T00:00:00+02:00');
    expect(parseTimeText('May 1, 2026 23:30 - 00:30', 'UTC').endsAt).toBe('2026-05-02T00:30:00+00:00');
  });

  it('returns nothing it would have to guess', () => {
    expect(parseTimeText('12 Sep 2024, 14:00')).toEqual({});
    expect(parseTimeText('Sometime next week', 'UTC')).toEqual({});
    expect(parseTimeText('Septober 45, 2024 14:00', 'UTC')).toEqual({});
  });
});
