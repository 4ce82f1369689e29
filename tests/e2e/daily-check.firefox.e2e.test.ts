/**
 * The daily check of a promised talk's session page (issue 16, item 2, optional), in Firefox ESR,
 * whose background page reads the fetched page with the capture's own readers. The real pretalx talk
 * page (DemoCon's static export, at its own address through the fixture server as Firefox's proxy)
 * has no slides; the talk is starred, marked "slides promised", and "Check daily" is pressed (a real
 * click: the browser grants the site only during one; the E2E build already holds localhost).
 * The test then runs the alarm's round itself at chosen times (the E2E build exposes it on the
 * background page) instead of waiting days:
 * - day 1: the page is asked without validators and answers 200 with an ETag, no slides;
 * - an hour later: nothing is asked (at most once a day);
 * - day 2: asked with If-None-Match, the page answers 304;
 * - day 3: the page now lists the slides (200, new ETag): the promise is kept with that link, the
 *   check ends, and the card says the promised slides are here;
 * - day 4: nothing is asked.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clickButton, type FirefoxSession, launchFirefox, poll, proxyPrefs } from './firefox';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';

const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';
const SLIDES = 'https://speakerdeck.com/democon/balanced-demand-driven-gui';
const DAY = 24 * 60 * 60 * 1000;

let server: FixtureServer;
let ff: FirefoxSession;
let slidesPosted = false;
/** The session page's requests (their If-None-Match) and the status each got. */
let requests: { ifNoneMatch: string | null; status: number }[] = [];

function pretalx(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host === new URL(server.origin).host) return false;
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.headers.host === 'localhost' && path === '/democon/talk/8GXXJZ/') {
    const ifNoneMatch = (req.headers['if-none-match'] as string | undefined) ?? null;
    const etag = slidesPosted ? '"v2"' : '"v1"';
    if (ifNoneMatch === etag) {
      requests.push({ ifNoneMatch, status: 304 });
      res.writeHead(304, { etag }).end();
      return true;
    }
    let html = readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html', 'utf8');
    if (slidesPosted) {
      html = html.replace(
        '<section class="abstract">',
        `<section class="resources"><h3>Resources</h3><a href="${SLIDES}">Slides</a></section><section class="abstract">`,
      );
    }
    requests.push({ ifNoneMatch, status: 200 });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag, 'cache-control': 'no-cache' });
    res.end(html);
    return true;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  return true;
}

beforeAll(async () => {
  server = await serveFixtures([], [pretalx]);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  slidesPosted = false;
  requests = [];
  ff = await launchFirefox({ prefs: proxyPrefs(server.origin) });
});
afterEach(async () => {
  await ff?.close();
});

/** Runs the alarm's round in the background page as if it were `now`. */
const round = (now: number) =>
  ff.inExtension(async (b, at) => {
    const bg = (await (
      b.runtime as unknown as { getBackgroundPage(): Promise<Record<string, unknown>> }
    ).getBackgroundPage()) as { __talkmarksDailyRound(now: number): Promise<void> };
    await bg.__talkmarksDailyRound(at);
    return true;
  }, now);

const storedChecks = () =>
  ff.inExtension(
    async (b) => ((await b.storage.local.get('dailyChecks')).dailyChecks ?? []) as Record<string, unknown>[],
    null,
  );

const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

describe('the daily check in Firefox', () => {
  it('asks the session page at most once a day, conditionally, and keeps the promise when the slides appear', async () => {
    const { tabId } = await ff.openTab(TALK_URL);
    const panel = await ff.openPage('sidepanel.html', { tabId });
    await clickButton(panel, `Star “${TALK}”`);
    await clickButton(panel, 'Slides promised…');
    await clickButton(panel, 'Mark slides promised');
    await poll(
      () => textOf(panel, '[data-testid="promise-pending"]'),
      (t) => t?.startsWith('Slides promised: watching for them.') === true,
    );

    // "Check daily", clicked as a user does (the permission request needs a real click).
    await poll(
      () => panel.evaluate(() => !!document.querySelector('button[title^="Once a day for 30 days"]')),
      Boolean,
    );
    await panel.click('button[title^="Once a day for 30 days"]');
    const shown = await poll(
      () => textOf(panel, '[data-testid="daily-check"]'),
      (t) => t !== null,
    );
    expect(shown).toMatch(/^Its page is checked once a day until /);
    const [check] = await storedChecks();
    expect(check).toMatchObject({ url: TALK_URL });
    const start = Number(check!.startedAt);
    expect(start).toBeGreaterThan(0);

    // Day 1: asked without validators, 200 with an ETag, no slides.
    requests = [];
    await round(start + 60_000);
    expect(requests).toEqual([{ ifNoneMatch: null, status: 200 }]);
    expect(await storedChecks()).toEqual([
      expect.objectContaining({ etag: '"v1"', lastCheckedAt: start + 60_000 }),
    ]);

    // An hour later: not asked again.
    await round(start + 60 * 60_000);
    expect(requests).toHaveLength(1);

    // Day 2: asked with If-None-Match; nothing new.
    await round(start + DAY + 60_000);
    expect(requests).toEqual([
      { ifNoneMatch: null, status: 200 },
      { ifNoneMatch: '"v1"', status: 304 },
    ]);
    type Db = { talks: { slidesUrl?: string; slidesPromise?: { fulfilledAt?: number } }[] };
    let db = (await panel.evaluate(readDatabase)) as Db;
    expect(db.talks[0]!.slidesUrl).toBeUndefined();

    // Day 3: the page lists the slides now.
    slidesPosted = true;
    await round(start + 2 * DAY + 60_000);
    expect(requests.at(-1)).toEqual({ ifNoneMatch: '"v1"', status: 200 });
    db = (await panel.evaluate(readDatabase)) as Db;
    expect(db.talks[0]!.slidesUrl).toBe(SLIDES);
    expect(db.talks[0]!.slidesPromise?.fulfilledAt).toBe(start + 2 * DAY + 60_000);
    expect(await storedChecks()).toEqual([]);
    await poll(
      () => textOf(panel, '[data-testid="talk-card"] [data-testid="promise-kept"]'),
      (t) => t !== null,
    );

    // Day 4: the check is over.
    await round(start + 3 * DAY + 60_000);
    expect(requests).toHaveLength(3);
  });
});
