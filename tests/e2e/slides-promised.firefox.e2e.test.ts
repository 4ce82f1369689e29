/**
 * Slides promised for later (issue 16, item 2) in Firefox ESR: a real pretalx talk page (DemoCon's
 * static export, served at its own address through the fixture server as Firefox's proxy) with no
 * slides. The talk is starred, set to today and marked "slides promised" by Friday from its card in
 * the sidebar; the Day post says the slides are promised for Friday. Later the same page is served
 * with a slides link added (as pretalx lists a talk's resources); on the next visit the sidebar says
 * the promised slides arrived and links them, the talk keeps the link, and the post links the slides.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clickButton,
  type FirefoxSession,
  launchFirefox,
  poll,
  pressCtrlEnter,
  proxyPrefs,
  setField,
  typeInto,
} from './firefox';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';

const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';
const SLIDES = 'https://speakerdeck.com/democon/balanced-demand-driven-gui';
const NOTE = 'Portals make the layout vertical';

let server: FixtureServer;
let ff: FirefoxSession;
/** Whether the talk page lists its slides yet. */
let slidesPosted = false;

function pretalx(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host === new URL(server.origin).host) return false;
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.headers.host === 'localhost' && path === '/democon/talk/8GXXJZ/') {
    let html = readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html', 'utf8');
    if (slidesPosted) {
      // pretalx lists a talk's resources in a section of their own; the speaker uploaded the deck.
      html = html.replace(
        '<section class="abstract">',
        `<section class="resources"><h3>Resources</h3><a href="${SLIDES}">Slides</a></section><section class="abstract">`,
      );
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
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
  ff = await launchFirefox({ prefs: proxyPrefs(server.origin) });
});
afterEach(async () => {
  await ff?.close();
});

const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** The Day post of `today` in a new composer, once its paragraph holds `holds`. */
async function dayPost(today: string, holds: string): Promise<string> {
  const composer = await ff.openPage('composer.html');
  await setField(composer, 'Event', 'DemoCon', true);
  await poll(
    () =>
      composer.evaluate(
        (day) =>
          [...(document.querySelector<HTMLSelectElement>('[aria-label="Day"]')?.options ?? [])].some(
            (o) => o.value === day,
          ),
        today,
      ),
    Boolean,
  );
  await setField(composer, 'Day', today);
  await setField(composer, 'Template', 'Day post', true);
  const post = await poll(
    () =>
      composer.evaluate(
        () => document.querySelector<HTMLTextAreaElement>('[data-testid="recap-markdown"]')?.value ?? '',
      ),
    // The Day post's paragraph, not another template's list.
    (v) => v.includes('First, [') && v.includes(holds),
  );
  await composer.close();
  return post;
}

describe('slides promised in Firefox', () => {
  it('marks the promise, finds the slides on the next visit, tells the user and links them in the post', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

    // 1. The talk page, no slides yet: star the talk, set it to today, mark the slides promised by Friday.
    const { page, tabId } = await ff.openTab(TALK_URL);
    let panel = await ff.openPage('sidepanel.html', { tabId });
    await clickButton(panel, `Star “${TALK}”`);
    await clickButton(panel, 'Edit talk');
    await poll(
      () =>
        panel.evaluate((day) => {
          const field = (name: string) =>
            document.querySelector<HTMLInputElement>(`form[aria-label="Edit talk"] [name="${name}"]`);
          if (field('zone')?.value !== 'Europe/Berlin') return false;
          for (const [name, value] of [
            ['startDate', day],
            ['startTime', '14:00'],
            ['endDate', day],
            ['endTime', '14:30'],
          ]) {
            const el = field(name!);
            if (!el) return false;
            el.value = value!;
            el.dispatchEvent(new Event('input', { bubbles: true }));
          }
          return true;
        }, today),
      Boolean,
    );
    await clickButton(panel, 'Save talk');
    await poll(
      () => textOf(panel, '[data-testid="talk-card"] [data-testid="talk-time"]'),
      (t) => t !== null,
    );

    await clickButton(panel, 'Slides promised…');
    await poll(
      () =>
        panel.evaluate(() => {
          const input = [...document.querySelectorAll('label')]
            .find((l) => l.textContent?.startsWith('Slides expected by (optional)'))
            ?.querySelector('input');
          if (!input) return false;
          input.value = 'Friday';
          input.dispatchEvent(new Event('input', { bubbles: true }));
          return true;
        }),
      Boolean,
    );
    await clickButton(panel, 'Mark slides promised');
    const pending = await poll(
      () => textOf(panel, '[data-testid="promise-pending"]'),
      (t) => t !== null,
    );
    expect(pending).toContain('Slides promised for Friday: watching for them.');

    await typeInto(panel, '#note-body', NOTE);
    await pressCtrlEnter(panel);
    await poll(
      () => panel.evaluate(() => document.querySelector<HTMLTextAreaElement>('#note-body')?.value),
      (v) => v === '',
    );

    // The post says what the speaker promised.
    const before = await dayPost(today, NOTE);
    expect(before).toContain(`${NOTE}. The slides are promised for Friday.`);
    expect(before).not.toContain(SLIDES);
    await panel.close();

    // 2. Later the session page links the slides; the user visits it again.
    slidesPosted = true;
    await ff.navigate(page, TALK_URL);
    panel = await ff.openPage('sidepanel.html', { tabId });
    const banner = await poll(
      () => textOf(panel, '[data-testid="promise-banner"]'),
      (t) => t !== null,
    );
    expect(banner).toContain(`The slides promised for “${TALK}” are online now`);
    expect(
      await panel.evaluate(
        () => document.querySelector('[data-testid="promise-banner"] a')?.getAttribute('href') ?? null,
      ),
    ).toBe(SLIDES);
    await poll(
      () => textOf(panel, '[data-testid="talk-card"] [data-testid="promise-kept"]'),
      (t) => t !== null,
    );
    const db = (await panel.evaluate(readDatabase)) as {
      talks: { slidesUrl?: string; slidesPromise?: { by?: string; fulfilledAt?: number } }[];
    };
    expect(db.talks).toHaveLength(1);
    expect(db.talks[0]!.slidesUrl).toBe(SLIDES);
    expect(db.talks[0]!.slidesPromise?.by).toBe('Friday');
    expect(db.talks[0]!.slidesPromise?.fulfilledAt).toBeGreaterThan(0);

    // 3. The post now links the slides instead of promising them.
    const after = await dayPost(today, 'The slides are now');
    expect(after).toContain(`([slides](${SLIDES}))`);
    expect(after).toContain(`${NOTE}. The slides are now [online](${SLIDES}).`);
    expect(after).not.toContain('promised for Friday');
  });
});
