/**
 * The walking-skeleton scenario in Firefox ESR: the popup saves a tagged note, the sidebar page shows
 * it live, edit, delete + undo, and the note survives a restart on the same profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickButton,
  type FirefoxSession,
  launchFirefox,
  poll,
  pressCtrlEnter,
  texts as text,
  typeInto,
} from './firefox';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let ff: FirefoxSession;
const profile = mkdtempSync(join(tmpdir(), 'talkmarks-ff-'));

/** Types a note or an edit as a user does (keystrokes), then saves it with Ctrl+Enter. */
async function typeAndSave(page: Page, selector: string, value: string) {
  await typeInto(page, selector, value);
  await pressCtrlEnter(page);
}

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
  ff = await launchFirefox({ userDataDir: profile });
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('walking skeleton in Firefox ESR', () => {
  it('saves from the popup, shows live in the sidebar page, edits, undoes a delete, survives a restart', async () => {
    const pageUrl = server.url('/talk.html');
    const page = await ff.browser.newPage();
    await ff.navigate(page, pageUrl);
    const tabId = await poll(
      () => ff.tabIdOf(pageUrl),
      (id) => id >= 0,
    );

    const panel = await ff.openPage('sidepanel.html', { tabId });
    await poll(
      () => text(panel, 'main p'),
      (t) => t.includes('No notes on this page yet. What stood out?'),
    );

    const popup = await ff.openPage('popup.html', { tabId });
    await poll(
      () => text(popup, 'h1'),
      (t) => t[0] === 'GlusterFS: the road ahead — demo page',
    );
    await typeAndSave(popup, '#note-body', 'Replicate translator needs tuning #GlusterFS #storage');
    await poll(
      () => text(popup, '[data-testid="page-note-count"]'),
      (t) => t[0] === '1 note on this page',
    );

    const tags = await poll(
      () => text(panel, '[data-tag]'),
      (t) => t.length === 2,
    );
    expect(tags).toEqual(['glusterfs', 'storage']);

    await clickButton(panel, 'Edit');
    await poll(() => panel.evaluate(() => !!document.querySelector('textarea[id^="edit-"]')), Boolean);
    await typeAndSave(
      panel,
      'textarea[id^="edit-"]',
      'Replicate translator needs tuning for small files #GlusterFS',
    );
    await poll(
      () => text(panel, '.note-body'),
      (t) => t[0]?.includes('for small files') === true,
    );

    await clickButton(panel, 'Delete');
    await poll(
      () => text(panel, '[data-note-id]'),
      (t) => t.length === 0,
    );
    await clickButton(panel, 'Undo');
    await poll(
      () => text(panel, '[data-note-id]'),
      (t) => t.length === 1,
    );

    const { uuid } = ff;
    await ff.close();
    ff = await launchFirefox({ userDataDir: profile, uuid });
    const all = await ff.openPage('sidepanel.html', { view: 'library' });
    await poll(
      () =>
        all.evaluate(() => {
          const place = [...document.querySelectorAll<HTMLElement>('[role=option]')].find((o) =>
            o.textContent?.startsWith('All notes'),
          );
          place?.click();
          return Boolean(place);
        }),
      (clicked) => clicked,
    );
    const bodies = await poll(
      () => text(all, '[role=listbox] [data-note-id]'),
      (t) => t.length === 1,
      20_000,
    );
    expect(bodies[0]).toContain('for small files');
  });
});
