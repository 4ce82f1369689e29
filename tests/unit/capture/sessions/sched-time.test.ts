// @vitest-environment jsdom
/**
 * The time of a sched session. What a real sched page declares (tests/fixtures/sessions/
 * sched-list-descriptions.html, the full saved page it was cut from, and the scrapers of sched pages in
 * public repositories): each time line ends with the event's zone abbreviation in `span.tz` ("EEST");
 * the page names no IANA zone anywhere (head scripts, sidebar, footer), and its iCal feed (a separate
 * file) gives UTC instants with `X-WR-TIMEZONE:UTC`. So the abbreviation is the only zone the page
 * itself gives; a line without one ("Thursday March 19, 2026 14:30 - 15:05") stores no time.
 * Expected values are written from the page's text: EEST is UTC+3, EET UTC+2, CET UTC+1.
 */
import { describe, expect, it } from 'vitest';
import { parseTimeText } from '../../../../capture/sessions/datetext';
import { captureHtml, fixture } from './load';

const url = 'https://technesummit2026.sched.com/2026-10-03/list/descriptions/';
const PITCH_LINE = "Saturday October  3, 2026 11:30am -  5:00pm <span class='tz'>EEST</span>";

/** The real page with the second session's time line (both copies: list and details) replaced. */
function withPitchLine(line: string): string {
  const html = fixture('sched-list-descriptions.html');
  expect(html.split(PITCH_LINE)).toHaveLength(3); // the list line and the details line
  return html.replaceAll(PITCH_LINE, line);
}

describe('sched time line', () => {
  it('reads the abbreviation even when the page writes it flush against the time', () => {
    // "11:30am<span class='tz'>EDT</span>": the form a sched scraper reports as "11:30amEDT".
    const html = withPitchLine("Saturday October  3, 2026 11:30am -  5:00pm<span class='tz'>EEST</span>");
    const pitch = captureHtml(html, url).schedule?.[1];
    expect(pitch?.title).toBe('SANAD ElevateHer Pitch');
    expect(pitch?.startsAt).toBe('2026-10-03T11:30:00+03:00');
    expect(pitch?.endsAt).toBe('2026-10-03T17:00:00+03:00');
    expect(pitch?.timezone).toBeUndefined();
  });

  it('reads a 24-hour range with its abbreviation, spaced or flush', () => {
    for (const line of [
      "Thursday March 19, 2026 14:30 - 15:05 <span class='tz'>CET</span>",
      "Thursday March 19, 2026 14:30 - 15:05<span class='tz'>CET</span>",
    ]) {
      const pitch = captureHtml(withPitchLine(line), url).schedule?.[1];
      expect(pitch?.startsAt).toBe('2026-03-19T14:30:00+01:00');
      expect(pitch?.endsAt).toBe('2026-03-19T15:05:00+01:00');
    }
  });

  it('stores no time for a 24-hour range the page gives no zone for (nothing invented)', () => {
    const pitch = captureHtml(withPitchLine('Thursday March 19, 2026 14:30 - 15:05'), url).schedule?.[1];
    expect(pitch?.title).toBe('SANAD ElevateHer Pitch');
    expect(pitch?.startsAt).toBeUndefined();
    expect(pitch?.endsAt).toBeUndefined();
    expect(pitch?.room).toBe('(ALX) Stage 04: Techne Arena');
  });

  // No saved sched page names an IANA zone; this checks the adapter's rule for one that would
  // (`[data-timezone]`, read only when it is a valid "Region/City" name).
  it('keeps the time of a 24-hour range where the page names an IANA zone', () => {
    const html = withPitchLine('Thursday March 19, 2026 14:30 - 15:05').replace(
      '<body id="schedorg"',
      '<body data-timezone="Africa/Cairo" id="schedorg"',
    );
    const pitch = captureHtml(html, url).schedule?.[1];
    // Egypt in March 2026 is on standard time, UTC+2.
    expect(pitch?.startsAt).toBe('2026-03-19T14:30:00+02:00');
    expect(pitch?.endsAt).toBe('2026-03-19T15:05:00+02:00');
    expect(pitch?.timezone).toBe('Africa/Cairo');
  });
});

describe('24-hour ranges in time text', () => {
  const LINE = 'Thursday March 19, 2026 14:30 - 15:05';

  it('reads them in the zone the event declares', () => {
    expect(parseTimeText(LINE, 'Europe/Amsterdam')).toEqual({
      startsAt: '2026-03-19T14:30:00+01:00',
      endsAt: '2026-03-19T15:05:00+01:00',
      zone: undefined,
    });
    // Same wall time after the EU switch to summer time (29 March 2026): +02:00.
    expect(parseTimeText('Thursday April 2, 2026 14:30 - 15:05', 'Europe/Amsterdam')).toMatchObject({
      startsAt: '2026-04-02T14:30:00+02:00',
      endsAt: '2026-04-02T15:05:00+02:00',
    });
  });

  it('reads them with an abbreviation, an en dash or no spaces', () => {
    for (const text of [
      `${LINE} CET`,
      'Thursday March 19, 2026 14:30–15:05 CET',
      'Thursday March 19, 2026 14:30-15:05 CET',
    ]) {
      expect(parseTimeText(text)).toMatchObject({
        startsAt: '2026-03-19T14:30:00+01:00',
        endsAt: '2026-03-19T15:05:00+01:00',
      });
    }
  });

  it('ends a range that passes midnight on the next day, and one with its own date on that date', () => {
    expect(parseTimeText('Thursday March 19, 2026 23:30 - 00:30 CET')).toMatchObject({
      startsAt: '2026-03-19T23:30:00+01:00',
      endsAt: '2026-03-20T00:30:00+01:00',
    });
    // The two-date form a 2018 sched page printed: "Thursday July 5, 2018 08:00 - Friday July 6, 2018 00:00".
    expect(
      parseTimeText('Thursday July 5, 2018 08:00 - Friday July 6, 2018 00:00', 'America/Los_Angeles'),
    ).toMatchObject({ startsAt: '2018-07-05T08:00:00-07:00', endsAt: '2018-07-06T00:00:00-07:00' });
  });

  it('gives nothing without a zone', () => {
    expect(parseTimeText(LINE)).toEqual({});
  });
});
