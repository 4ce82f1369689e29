/**
 * Private notes in Firefox ESR (issue 16, item 3), on a real pretalx talk page (DemoCon's static
 * export, served at its own address through the fixture server as Firefox's proxy). The options page
 * names the private tag `off-record`; in the sidebar, a note typed with the `% ` prefix and one
 * tagged #off-record show the lock, a plain one and one tagged #private (no longer the tag) do not;
 * the Day post leaves the two private ones out and says so, and puts them in when "Include private
 * notes" is ticked for that export.
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
  texts,
  typeInto,
} from './firefox';
import { type FixtureServer, serveFixtures } from './server';

const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';
const TYPED_PRIVATE = 'The budget numbers are not for the blog';
const TAGGED_PRIVATE = 'Quorum reads cost a round trip';
const PUBLIC = 'Portals make the layout vertical';
const OLD_TAG = 'Leases keep the leader honest';

let server: FixtureServer;
let ff: FirefoxSession;

function pretalx(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host === new URL(server.origin).host) return false;
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.headers.host === 'localhost' && path === '/democon/talk/8GXXJZ/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html'));
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
  ff = await launchFirefox({ prefs: proxyPrefs(server.origin) });
});
afterEach(async () => {
  await ff?.close();
});

/** For each note of the talk card (by a bit of its text): whether it shows the lock. */
const locks = (panel: Page) =>
  panel.evaluate(() =>
    [...document.querySelectorAll('[data-testid="talk-card"] li[data-note-id]')].map((li) => [
      li.textContent ?? '',
      li.querySelector('[data-private="true"][aria-label="Private"]') !== null,
    ]),
  );

const markdownOf = (composer: Page) =>
  composer.evaluate(
    () => document.querySelector<HTMLTextAreaElement>('[data-testid="recap-markdown"]')?.value ?? '',
  );

describe('private notes in Firefox', () => {
  it('locks notes made private by prefix or by the tag named in the options, and keeps them out of the post', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

    // 1. Options: the private tag becomes `off-record`.
    const options = await ff.openPage('options.html');
    await poll(
      () =>
        options.evaluate(() => document.querySelector<HTMLInputElement>('input[name="private-tag"]')?.value),
      (v) => v === 'private',
    );
    await typeInto(options, 'input[name="private-tag"]', 'off-record');
    await clickButton(options, 'Save');
    const saved = await poll(
      () => options.evaluate(() => document.querySelector('[data-testid="notes-status"]')?.textContent ?? ''),
      (t) => t.startsWith('Saved'),
    );
    expect(saved).toContain('notes tagged #off-record are private');

    // 2. The talk page: star the talk, set it to today (the page prints no year), write four notes.
    const { tabId } = await ff.openTab(TALK_URL);
    const panel = await ff.openPage('sidepanel.html', { tabId });
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
      () =>
        panel.evaluate(() => !!document.querySelector('[data-testid="talk-card"] [data-testid="talk-time"]')),
      Boolean,
    );
    for (const body of [
      `% ${TYPED_PRIVATE}`,
      `${TAGGED_PRIVATE} #off-record`,
      PUBLIC,
      `${OLD_TAG} #private`,
    ]) {
      await typeInto(panel, '#note-body', body);
      await pressCtrlEnter(panel);
      await poll(
        () => panel.evaluate(() => document.querySelector<HTMLTextAreaElement>('#note-body')?.value),
        (v) => v === '',
      );
    }
    const shown = await poll(
      () => locks(panel),
      (rows) => rows.length === 4,
    );
    const lockOf = (text: string) => shown.filter(([t]) => String(t).includes(text)).map(([, l]) => l);
    expect(lockOf(TYPED_PRIVATE)).toEqual([true]);
    expect(lockOf(TAGGED_PRIVATE)).toEqual([true]);
    expect(lockOf(PUBLIC)).toEqual([false]);
    expect(lockOf(OLD_TAG)).toEqual([false]);
    // The typed `% ` is a mark, not text.
    expect(shown.some(([t]) => String(t).includes(`% ${TYPED_PRIVATE}`))).toBe(false);

    // 3. The Day post: the two private notes are out, and the composer says so.
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
      () => markdownOf(composer),
      (v) => v.includes(PUBLIC) && v.includes(OLD_TAG),
    );
    expect(post).not.toContain(TYPED_PRIVATE);
    expect(post).not.toContain(TAGGED_PRIVATE);
    expect(
      await poll(
        () => texts(composer, '[data-testid="recap-coverage"] summary'),
        (t) => t.length > 0,
      ),
    ).toEqual(['2 private notes left out (tick "Include private notes" to put them in)']);

    // 4. Included for this export: both are in.
    await poll(
      () =>
        composer.evaluate(() => {
          const box = [...document.querySelectorAll('label')]
            .find((l) => l.textContent?.trim().startsWith('Include private notes'))
            ?.querySelector<HTMLInputElement>('input[type="checkbox"]');
          if (box && !box.checked) box.click();
          return box?.checked === true;
        }),
      Boolean,
    );
    const included = await poll(
      () => markdownOf(composer),
      (v) => v.includes(TYPED_PRIVATE),
    );
    expect(included).toContain(TAGGED_PRIVATE);
    expect(included).toContain(PUBLIC);
  });
});
