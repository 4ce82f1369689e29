/**
 * Per-site corrections (issue 15), in Chromium with the E2E build: a real talk page of the corpus
 * (tests/fixtures/pages/talks/, a Hugo Academic talk page) served on 127.0.0.1. The popup shows each
 * captured field with where it came from; the user drops two names from the speakers by keyboard
 * ("Not right?"), keeps "remember for every page of this site", and saves a note: it is filed under
 * the talk with the corrected speakers. The same talk's page at a second address of the site then
 * comes up corrected, saying so; another talk of the site (which never showed those names) is left
 * as its page shows it. The popup passes axe-core with the correction form open and closed.
 */

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type ExtensionSession, launchExtension } from './harness';
import { type FixtureServer, type Route, serveFixtures } from './server';

const TALKS = 'tests/fixtures/pages/talks/';
/** Path on the test site → saved page. */
const PAGES: Record<string, string> = {
  '/talk/ecosta-2018/': 'blunde1-ecosta-2018.html',
  '/talk/ecosta-2018-again/': 'blunde1-ecosta-2018.html',
  '/talk/bergen-ml-meetup-2018-10-31/': 'blunde1-bergen-ml-meetup.html',
};
const pages: Route = (req, res) => {
  const file = PAGES[new URL(req.url ?? '/', 'http://x').pathname];
  if (!file) return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(TALKS + file));
  return true;
};

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures([], [pages]);
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close(true);
  await server?.close();
});

/** Opens the page in a tab and the popup for that tab (as a tab: the popup page itself). */
async function popupFor(path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(server.url(path), { waitUntil: 'load' });
  const tabId = await session.tabIdOf(server.url(path));
  const popup = await session.openPage('popup.html', { tabId });
  await expect.poll(() => popup.locator('main h1').textContent()).not.toBe('');
  return popup;
}

const text = (popup: Page, testId: string) => popup.getByTestId(testId).textContent();
const focusedName = (popup: Page) =>
  popup.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') || el?.closest('label')?.textContent || el?.textContent || '';
  });

/** Presses `key` until the focused element's name satisfies `accept` (at most `max` times). */
async function tabTo(popup: Page, key: string, accept: (name: string) => boolean, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await popup.keyboard.press(key);
    if (accept(await focusedName(popup))) return;
  }
  throw new Error(`${key} never reached the control; last: ${await focusedName(popup)}`);
}

async function expectAccessible(popup: Page, what: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    expect(await axeViolations(popup), `${what} (${colorScheme})`).toEqual([]);
  }
}

describe('site hints: a correction in one click, remembered per site', () => {
  it('shows evidence, corrects the speakers by keyboard, files the note with them, and corrects the next page', async () => {
    const popup = await popupFor('/talk/ecosta-2018/');
    // What the page shows, and where each field came from (the generic reader's evidence).
    await expect
      .poll(() => text(popup, 'capture-speakers'))
      .toBe('Berent Å. S. Lunde, Tore S. Kleppe, Hans J. Skaug');
    expect(await popup.locator('main h1').textContent()).toBe(
      'Saddlepoint adjusted inversion of characteristic functions',
    );
    expect(await text(popup, 'evidence-speakers')).toBe('from the byline');
    expect(await text(popup, 'capture-event')).toBe('EcoSta 2018');
    expect(await text(popup, 'evidence-event')).toBe('from the page’s “Event” label');
    await expectAccessible(popup, 'popup with evidence');

    // Keyboard only: from the note box back to "Not right?" of the speakers, open it.
    await popup.getByRole('combobox', { name: 'Note' }).focus();
    await tabTo(popup, 'Shift+Tab', (n) => n === 'Not right? Correct the speakers');
    await popup.keyboard.press('Enter');
    const form = popup.getByRole('form', { name: 'Correct the speakers' });
    await form.waitFor();
    await expect.poll(() => focusedName(popup)).toContain('Berent Å. S. Lunde');
    await expectAccessible(popup, 'popup with the correction form open');
    await tabTo(popup, 'Tab', (n) => n.includes('Tore S. Kleppe'));
    await popup.keyboard.press('Space');
    await tabTo(popup, 'Tab', (n) => n.includes('Hans J. Skaug'));
    await popup.keyboard.press('Space');
    expect(await form.getByRole('checkbox', { name: /Remember for every page/ }).isChecked()).toBe(true);
    await tabTo(popup, 'Tab', (n) => n === 'Apply');
    await popup.keyboard.press('Enter');

    await expect.poll(() => text(popup, 'capture-speakers')).toBe('Berent Å. S. Lunde');
    expect(await popup.getByTestId('evidence-speakers').count()).toBe(0); // the user's, not the page's
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('remembered for this site');
    // Focus is back on the control that opened the form.
    expect(await focusedName(popup)).toBe('Not right? Correct the speakers');

    // A note saved now is filed under the talk with the corrected speakers.
    const box = popup.getByRole('combobox', { name: 'Note' });
    await box.fill('Saddlepoint tails need care #ecosta');
    await box.press('Control+Enter');
    await expect.poll(() => text(popup, 'page-note-count')).toBe('1 note on this page');
    const tabId = await session.tabIdOf(server.url('/talk/ecosta-2018/'));
    const panel = await session.openPage('sidepanel.html', { tabId });
    const card = panel.getByTestId('talk-card');
    await expect
      .poll(() => card.getByRole('heading').first().textContent())
      .toBe('Saddlepoint adjusted inversion of characteristic functions');
    expect(await card.getByTestId('talk-speakers').textContent()).toBe('Berent Å. S. Lunde');
    await expect.poll(() => panel.getByText('Saddlepoint tails need care').count()).toBe(1);
    await panel.close();
    await popup.close();

    // The same talk's page at a second address of the site: the correction applies, and says so.
    const again = await popupFor('/talk/ecosta-2018-again/');
    await expect.poll(() => text(again, 'capture-speakers')).toBe('Berent Å. S. Lunde');
    expect(await text(again, 'evidence-speakers')).toBe('from your correction for this site');
    expect(await text(again, 'capture-event')).toBe('EcoSta 2018'); // untouched fields stay the page's
    expect(await text(again, 'evidence-event')).toBe('from the page’s “Event” label');
    await again.close();

    // Another talk of the site, which never showed those names: read as the page shows it.
    const other = await popupFor('/talk/bergen-ml-meetup-2018-10-31/');
    await expect.poll(() => text(other, 'capture-speakers')).toBe('Berent Lunde');
    expect(await text(other, 'evidence-speakers')).toBe('from the byline');
    expect(await text(other, 'capture-event')).toBe('Bergen Machine Learning meetup');
    await other.close();

    // What was remembered: two names never taken as speakers on this site (127.0.0.1 here).
    const options = await session.openPage('options.html');
    const list = options.getByRole('region', { name: 'Site corrections' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    expect(await list.textContent()).toContain('“Tore S. Kleppe” is never a speaker');
    expect(await list.textContent()).toContain('“Hans J. Skaug” is never a speaker');
    await options.close();
  });
});
