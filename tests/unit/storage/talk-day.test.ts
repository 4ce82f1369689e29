/**
 * "Which day is this talk on": the talk's own zone, else the event's, else the offset written in
 * its start time; the same answer whatever zone the computer is in. Expected days worked out by
 * hand from the UTC instant and each zone's offset on that date.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { talkDay } from '../../../storage/talk-day';

type Case = [
  name: string,
  talk: { startsAt?: string; timezone?: string },
  event: { timezone?: string } | undefined,
  day: string,
];

const CASES: Case[] = [
  // 23:30 in Boston (UTC-4) on the 27th = 03:30 UTC on the 28th.
  ['late evening, no zone: as written', { startsAt: '2012-06-27T23:30:00-04:00' }, undefined, '2012-06-27'],
  [
    'late evening, event in Boston',
    { startsAt: '2012-06-27T23:30:00-04:00' },
    { timezone: 'America/New_York' },
    '2012-06-27',
  ],
  [
    'late evening, event in UTC',
    { startsAt: '2012-06-27T23:30:00-04:00' },
    { timezone: 'UTC' },
    '2012-06-28',
  ],
  [
    'late evening, event in Tokyo (12:30)',
    { startsAt: '2012-06-27T23:30:00-04:00' },
    { timezone: 'Asia/Tokyo' },
    '2012-06-28',
  ],
  // 00:15 in Brussels (UTC+2 in June) = 22:15 UTC on the 27th = 23:15 in London (UTC+1).
  [
    'just after midnight in Brussels',
    { startsAt: '2012-06-28T00:15:00+02:00' },
    { timezone: 'Europe/Brussels' },
    '2012-06-28',
  ],
  [
    'the same instant, event in London',
    { startsAt: '2012-06-28T00:15:00+02:00' },
    { timezone: 'Europe/London' },
    '2012-06-27',
  ],
  // 01:00 in Brussels (UTC+1 in February) = 00:00 UTC on the 3rd = 16:00 on the 2nd in Los Angeles (UTC-8).
  [
    "the talk's own zone wins over the event's",
    { startsAt: '2024-02-03T01:00:00+01:00', timezone: 'America/Los_Angeles' },
    { timezone: 'Europe/Brussels' },
    '2024-02-02',
  ],
  [
    'without a zone of its own, the event decides',
    { startsAt: '2024-02-03T01:00:00+01:00' },
    { timezone: 'Europe/Brussels' },
    '2024-02-03',
  ],
  [
    'a talk zone that is no zone is skipped',
    { startsAt: '2024-02-03T01:00:00+01:00', timezone: 'Mars/Olympus' },
    { timezone: 'UTC' },
    '2024-02-03',
  ],
  // 10:00 at UTC+14 on Jan 1 = 20:00 UTC on Dec 31.
  [
    'Kiribati morning is the previous day in UTC',
    { startsAt: '2024-01-01T10:00:00+14:00' },
    { timezone: 'UTC' },
    '2023-12-31',
  ],
  [
    'a local time without an offset stays on its written day',
    { startsAt: '2024-01-01T23:59' },
    { timezone: 'Pacific/Kiritimati' },
    '2024-01-01',
  ],
  ['no start time: no day', {}, { timezone: 'UTC' }, ''],
];

const expected = Object.fromEntries(CASES.map(([name, , , day]) => [name, day]));

describe('talkDay', () => {
  it.each(CASES)('%s', (_name, talk, event, day) => {
    expect(talkDay(talk, event)).toBe(day);
  });

  it('gives the same days with the process in three other time zones', () => {
    const module = fileURLToPath(new URL('../../../storage/talk-day.ts', import.meta.url));
    const script = `
      const { createJiti } = require('jiti');
      createJiti(process.cwd() + '/').import(${JSON.stringify(module)}).then((m) => {
        const cases = JSON.parse(process.argv[1]);
        const out = {};
        for (const [name, talk, event] of cases) out[name] = m.talkDay(talk, event ?? undefined);
        console.log(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, out }));
      });`;
    for (const tz of ['Pacific/Kiritimati', 'America/Adak', 'Australia/Adelaide']) {
      const stdout = execFileSync(process.execPath, ['-e', script, JSON.stringify(CASES)], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
      expect(result.tz).toBe(tz);
      expect(result.out).toEqual(expected);
    }
  }, 60_000);
});
