/** The event view's day grouping: which day a talk is on is the day at the venue, not here. */
import { describe, expect, it } from 'vitest';
import { byDay, dayLabel } from '../../../components/events/event-days';
import type { TalkRecord } from '../../../storage/types';

const talk = (id: string, startsAt?: string, timezone?: string): TalkRecord => ({
  id,
  createdAt: 0,
  updatedAt: 0,
  title: `Talk ${id}`,
  speakers: [],
  tags: [],
  source: { platform: 'test', url: 'https://example.org', capturedAt: 0 },
  ...(startsAt ? { startsAt } : {}),
  ...(timezone ? { timezone } : {}),
});

const shape = (groups: { day: string; talks: TalkRecord[] }[]) =>
  groups.map((g) => [g.day, g.talks.map((t) => t.id)]);

// 23:30 in Boston on the 27th is 03:30 UTC on the 28th; 00:30 in Boston on the 27th is 04:30 UTC
// that same day; Thursday 09:00 in Boston is 13:00 UTC; Tuesday 10:00 is 14:00 UTC.
const talks = [
  talk('thu', '2012-06-28T09:00:00-04:00'),
  talk('late', '2012-06-27T23:30:00-04:00'),
  talk('early', '2012-06-27T00:30:00-04:00'),
  talk('tue', '2012-06-26T10:00:00-04:00'),
];

describe('byDay', () => {
  it('groups by the day in the event zone; days in calendar order, talks in the order given', () => {
    expect(shape(byDay(talks, { timezone: 'America/New_York' }))).toEqual([
      ['2012-06-26', ['tue']],
      ['2012-06-27', ['late', 'early']],
      ['2012-06-28', ['thu']],
    ]);
  });

  it('moves a late talk to the next day when the event is in another zone', () => {
    expect(shape(byDay(talks, { timezone: 'UTC' }))).toEqual([
      ['2012-06-26', ['tue']],
      ['2012-06-27', ['early']],
      ['2012-06-28', ['thu', 'late']],
    ]);
    // Tokyo (UTC+9): the late talk is at 12:30 on the 28th, the Tuesday one at 23:00 on the 26th.
    expect(shape(byDay(talks, { timezone: 'Asia/Tokyo' }))).toEqual([
      ['2012-06-26', ['tue']],
      ['2012-06-27', ['early']],
      ['2012-06-28', ['thu', 'late']],
    ]);
  });

  it("uses a talk's own zone when the event has none, else the date as written", () => {
    const own = [talk('a', '2012-06-27T23:30:00-04:00', 'UTC'), talk('b', '2012-06-27T23:30:00-04:00')];
    expect(shape(byDay(own))).toEqual([
      ['2012-06-27', ['b']],
      ['2012-06-28', ['a']],
    ]);
    // The talk's own zone wins over the event's (storage/talk-day.ts).
    expect(shape(byDay(own, { timezone: 'America/New_York' }))).toEqual([
      ['2012-06-27', ['b']],
      ['2012-06-28', ['a']],
    ]);
  });

  it('puts talks with no time last, under no day', () => {
    const mixed = [talk('none'), talk('wed', '2012-06-27T10:40:00-04:00'), talk('none2')];
    expect(shape(byDay(mixed, { timezone: 'America/New_York' }))).toEqual([
      ['2012-06-27', ['wed']],
      ['', ['none', 'none2']],
    ]);
    expect(shape(byDay([talk('x')]))).toEqual([['', ['x']]]);
    expect(byDay([])).toEqual([]);
  });
});

describe('dayLabel', () => {
  it('names the calendar day, whatever zone the panel runs in', () => {
    expect(dayLabel('2012-06-27', 'en-US')).toBe('Wednesday, June 27, 2012');
    expect(dayLabel('2024-02-29', 'en-US')).toBe('Thursday, February 29, 2024');
    expect(dayLabel('2012-06-27', 'de-DE')).toBe('Mittwoch, 27. Juni 2012');
  });
});
