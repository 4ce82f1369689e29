// @vitest-environment jsdom
/**
 * The daily check of a promised talk's session page: at most once a day, conditional (ETag /
 * Last-Modified), 30 days at most, over when the promise is kept or gone; and the page read by the
 * capture's own readers (a real pretalx page with a slides link added, as in the e2e test).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  afterAnswer,
  type CheckEffects,
  conditionalHeaders,
  DAY_MS,
  type DailyCheck,
  isDue,
  isExpired,
  mergeRound,
  originPattern,
  parseChecks,
  runChecks,
} from '../../../platform/daily-check';
import { readSlidesFromHtml } from '../../../platform/read-slides';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 60 * 60 * 1000;
const URL_A = 'https://cfp.example.org/conf/talk/ABC/';

const check = (extra: Partial<DailyCheck> = {}): DailyCheck => ({
  talkId: 'a',
  url: URL_A,
  startedAt: T0,
  ...extra,
});

describe('the schedule', () => {
  it('is due at once, then not again for a day', () => {
    expect(isDue(check(), T0)).toBe(true);
    const asked = check({ lastCheckedAt: T0 });
    expect(isDue(asked, T0 + HOUR)).toBe(false);
    expect(isDue(asked, T0 + 23 * HOUR)).toBe(false);
    expect(isDue(asked, T0 + DAY_MS - 1)).toBe(false);
    expect(isDue(asked, T0 + DAY_MS)).toBe(true);
  });

  it('stops after 30 days', () => {
    const c = check({ lastCheckedAt: T0 + 28 * DAY_MS });
    expect(isExpired(c, T0 + 30 * DAY_MS - 1)).toBe(false);
    expect(isDue(c, T0 + 29 * DAY_MS)).toBe(true);
    expect(isExpired(c, T0 + 30 * DAY_MS)).toBe(true);
    expect(isDue(c, T0 + 30 * DAY_MS)).toBe(false);
  });

  it('asks conditionally with the last answer’s validators, and keeps a full answer’s new ones', () => {
    expect(conditionalHeaders(check())).toEqual({});
    expect(
      conditionalHeaders(check({ etag: '"v1"', lastModified: 'Mon, 05 Jan 2026 08:00:00 GMT' })),
    ).toEqual({
      'If-None-Match': '"v1"',
      'If-Modified-Since': 'Mon, 05 Jan 2026 08:00:00 GMT',
    });
    const old = check({ etag: '"v1"', lastModified: 'Mon, 05 Jan 2026 08:00:00 GMT' });
    // 304: nothing new; the validators stay.
    expect(afterAnswer(old, { status: 304 }, T0 + DAY_MS)).toEqual({ ...old, lastCheckedAt: T0 + DAY_MS });
    // 200 with only an ETag now: the old Last-Modified goes.
    expect(afterAnswer(old, { status: 200, etag: '"v2"', lastModified: null }, T0 + DAY_MS)).toEqual({
      talkId: 'a',
      url: URL_A,
      startedAt: T0,
      lastCheckedAt: T0 + DAY_MS,
      etag: '"v2"',
    });
    // A server error: asked, validators kept.
    expect(afterAnswer(old, { status: 503 }, T0 + DAY_MS)).toEqual({ ...old, lastCheckedAt: T0 + DAY_MS });
  });

  it('reads stored checks strictly: one per talk, web pages only', () => {
    expect(parseChecks(undefined)).toEqual([]);
    expect(
      parseChecks([
        { talkId: 'a', url: URL_A, startedAt: T0, etag: '"x"', lastCheckedAt: T0 },
        { talkId: 'b', url: 'javascript:alert(1)', startedAt: T0 },
        { talkId: 'c', url: URL_A, startedAt: 'yesterday' },
        { talkId: 'a', url: URL_A, startedAt: T0 + 1 },
        null,
        'x',
      ]),
    ).toEqual([{ talkId: 'a', url: URL_A, startedAt: T0 + 1 }]);
    expect(originPattern('https://cfp.example.org:8443/x?y')).toBe('https://cfp.example.org:8443/*');
    expect(originPattern('ftp://x.example/')).toBeUndefined();
  });

  it('after a round, checks turned on or off meanwhile stay as the user left them', () => {
    const a = check();
    const b = check({ talkId: 'b' });
    const aAfter = { ...a, lastCheckedAt: T0 };
    // The round ran a and b; b ended (kept). Meanwhile c was turned on, and a turned off then on again.
    const aAgain = check({ startedAt: T0 + HOUR });
    const c = check({ talkId: 'c' });
    expect(mergeRound([a, b], [aAfter], [a, b, c])).toEqual([aAfter, c]);
    expect(mergeRound([a, b], [aAfter], [aAgain, b])).toEqual([aAgain]);
    expect(mergeRound([a, b], [aAfter], [b])).toEqual([]);
  });
});

/** Effects that record what was asked; `pages` answers by call. */
function effects(
  pages: { status: number; etag?: string; body?: string; throws?: boolean }[],
  over: Partial<CheckEffects> = {},
) {
  const asked: { url: string; headers: Record<string, string> }[] = [];
  const kept: string[] = [];
  const told: string[] = [];
  let i = 0;
  const fx: CheckEffects = {
    granted: async () => true,
    stillPromised: async () => true,
    fetch: async (url, headers) => {
      asked.push({ url, headers });
      const p = pages[i++] ?? { status: 304 };
      if (p.throws) throw new Error('offline');
      return { status: p.status, etag: p.etag ?? null, lastModified: null, text: async () => p.body ?? '' };
    },
    readSlides: async (html) => /slides: (\S+)/.exec(html)?.[1],
    keep: async (talkId, slidesUrl) => {
      kept.push(`${talkId} ${slidesUrl}`);
      return { id: talkId, title: 'Raft' };
    },
    tell: async (talk) => told.push(talk.id),
    ...over,
  };
  return { fx, asked, kept, told };
}

describe('runChecks', () => {
  it('day by day: a full answer without slides, a 304, then the slides: kept, told, and the check ends', async () => {
    const { fx, asked, kept, told } = effects([
      { status: 200, etag: '"v1"', body: '<p>No slides yet</p>' },
      { status: 304 },
      { status: 200, etag: '"v2"', body: 'slides: https://speakerdeck.example/raft' },
    ]);
    let checks = [check()];
    const day1 = await runChecks(checks, T0, fx);
    expect(day1).toEqual({
      checks: [{ ...check(), lastCheckedAt: T0, etag: '"v1"' }],
      kept: [],
      asked: ['a'],
    });
    checks = day1.checks;
    // An hour later the alarm fires again: nothing is asked.
    expect((await runChecks(checks, T0 + HOUR, fx)).asked).toEqual([]);
    const day2 = await runChecks(checks, T0 + DAY_MS, fx);
    expect(day2.checks).toEqual([{ ...check(), lastCheckedAt: T0 + DAY_MS, etag: '"v1"' }]);
    const day3 = await runChecks(day2.checks, T0 + 2 * DAY_MS, fx);
    expect(day3).toEqual({ checks: [], kept: ['a'], asked: ['a'] });
    expect(asked).toEqual([
      { url: URL_A, headers: {} },
      { url: URL_A, headers: { 'If-None-Match': '"v1"' } },
      { url: URL_A, headers: { 'If-None-Match': '"v1"' } },
    ]);
    expect(kept).toEqual(['a https://speakerdeck.example/raft']);
    expect(told).toEqual(['a']);
  });

  it('ends a check after 30 days, or when the talk is no longer waiting; skips (keeps) one whose site was taken back', async () => {
    const old = check({ talkId: 'old', startedAt: T0 - 30 * DAY_MS });
    const gone = check({ talkId: 'gone' });
    const revoked = check({ talkId: 'revoked', url: 'https://other.example/t/1' });
    const { fx, asked } = effects([], {
      stillPromised: async (id) => id !== 'gone',
      granted: async (url) => !url.startsWith('https://other.example/'),
    });
    const out = await runChecks([old, gone, revoked], T0, fx);
    expect(out.checks).toEqual([revoked]);
    expect(asked).toEqual([]);
  });

  it('a page that cannot be fetched today is asked again tomorrow, not before', async () => {
    const { fx } = effects([{ status: 0, throws: true }]);
    const out = await runChecks([check()], T0, fx);
    expect(out.checks).toEqual([{ ...check(), lastCheckedAt: T0 }]);
    expect(isDue(out.checks[0]!, T0 + DAY_MS - 1)).toBe(false);
  });

  it('a slides link whose promise cannot be kept (kept meanwhile by the side panel) leaves the check to end with the promise', async () => {
    const { fx, told } = effects([{ status: 200, body: 'slides: https://x.example/d' }], {
      keep: async () => undefined,
    });
    const out = await runChecks([check()], T0, fx);
    expect(out.kept).toEqual([]);
    expect(out.checks).toHaveLength(1);
    expect(told).toEqual([]);
  });
});

describe('readSlidesFromHtml (the capture’s readers on a fetched page)', () => {
  const page = readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html', 'utf8');
  const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';

  it('finds the slides link pretalx lists, absolute or relative to the page', () => {
    const withSlides = (href: string) =>
      page.replace(
        '<section class="abstract">',
        `<section class="resources"><h3>Resources</h3><a href="${href}">Slides</a></section><section class="abstract">`,
      );
    expect(readSlidesFromHtml(withSlides('https://speakerdeck.com/democon/gui'), TALK_URL)).toBe(
      'https://speakerdeck.com/democon/gui',
    );
    expect(readSlidesFromHtml(withSlides('/media/democon/slides.pdf'), TALK_URL)).toBe(
      'http://localhost/media/democon/slides.pdf',
    );
  });

  it('finds none on the page as pretalx exported it (no slides yet), and none in junk', () => {
    expect(readSlidesFromHtml(page, TALK_URL)).toBeUndefined();
    expect(readSlidesFromHtml('<<<not html', TALK_URL)).toBeUndefined();
  });
});
