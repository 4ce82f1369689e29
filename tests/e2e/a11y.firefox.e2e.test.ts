/**
 * Accessibility sweep in Firefox ESR: the popup, every sidebar view, the composer, the options
 * page (each section) and the help page, on a profile with notes, talks and events in it, pass axe-core (WCAG 2.1 A/AA) in the light
 * and the dark palette, switched with Firefox's own "Website appearance" setting; the test checks
 * each palette's surface colour is really in effect before running axe.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type FirefoxSession,
  launchFirefox,
  poll,
  pressCtrlEnter,
  texts,
  typeInto,
} from './firefox';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let ff: FirefoxSession;
let tabId: number;

const VIEWS = ['page', 'now', 'events', 'recap', 'library', 'tags', 'trash'];
/** The surface colour of each palette (assets/main.css `--color-surface`). */
const SURFACE = { light: 'rgb(255, 255, 255)', dark: 'rgb(22, 24, 29)' };

/** Waits until nothing is loading and the page's markup reads the same twice in a row. */
async function settled(page: Page): Promise<void> {
  let last = '';
  await poll(
    () => page.evaluate(() => document.body.innerHTML),
    (html) => {
      const loading = /Loading…|Reading the page…/.test(html);
      const same = html === last;
      last = html;
      return same && !loading && html.length > 0;
    },
    15_000,
  );
}

async function expectAccessible(page: Page, what: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await ff.setColorScheme(scheme);
    const surface = await poll(
      () => page.evaluate(() => getComputedStyle(document.body).backgroundColor),
      (c) => c === SURFACE[scheme],
    );
    expect(surface, `${what}: the ${scheme} surface`).toBe(SURFACE[scheme]);
    expect(await axeViolations(page), `${what} (${scheme})`).toEqual([]);
  }
}

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
  ff = await launchFirefox();
  ({ tabId } = await ff.openTab(server.url('/talk.html')));
  const seeder = await ff.openPage('sidepanel.html', { view: 'trash', tabId: 0 });
  await poll(() => seeder.evaluate(() => '__talkmarksLibrary' in window), Boolean);
  await seeder.evaluate(() =>
    (
      window as unknown as { __talkmarksLibrary: { seed(o: object): Promise<unknown> } }
    ).__talkmarksLibrary.seed({ notes: 60, events: 2, talksPerEvent: 3 }),
  );
  await seeder.close();
  const popup = await ff.openPage('popup.html', { tabId });
  await poll(
    () => texts(popup, 'h1'),
    (t) => t[0] === 'GlusterFS: the road ahead — demo page',
  );
  await typeInto(popup, '#note-body', 'Replicate translator needs tuning #GlusterFS #storage');
  await pressCtrlEnter(popup);
  await poll(
    () => texts(popup, '[data-testid="page-note-count"]'),
    (t) => t[0] === '1 note on this page',
  );
  await popup.close();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

describe('accessibility in Firefox (axe-core, light and dark)', () => {
  it('popup', async () => {
    const popup = await ff.openPage('popup.html', { tabId });
    await poll(
      () => texts(popup, '[data-testid="page-note-count"]'),
      (t) => t[0] === '1 note on this page',
    );
    await settled(popup);
    await expectAccessible(popup, 'popup');
    await popup.close();
  });

  it('every sidebar view', async () => {
    for (const view of VIEWS) {
      const panel = await ff.openPage('sidepanel.html', { tabId, view });
      const selected = await poll(
        () => panel.evaluate(() => document.querySelector('[role=tab][aria-selected=true]')?.id ?? ''),
        (id) => id !== '',
      );
      expect(selected).toBe(`tab-${view}`);
      await settled(panel);
      await expectAccessible(panel, `sidebar ${view}`);
      await panel.close();
    }
  });

  it('composer (wide view), options page and help page', async () => {
    for (const path of ['composer.html', 'options.html', 'help.html']) {
      const page = await ff.openPage(path);
      await poll(
        () => texts(page, 'h1'),
        (t) => t.length > 0,
      );
      await settled(page);
      if (path === 'options.html') {
        // Every section, with the settings read from Firefox: the sidebar's shortcut, the storage used.
        expect(await texts(page, 'h2')).toEqual([
          'Keyboard shortcuts',
          'Sites Talkmarks reads',
          'Notes on the pages themselves',
          'Site corrections',
          'Private notes and promised slides',
          'Sync',
          'Backup and export',
          'Storage',
          'Help',
        ]);
        const sidebarKey = await poll(
          () => texts(page, '[data-command="_execute_sidebar_action"]'),
          (t) => t.length > 0,
        );
        expect(sidebarKey).toEqual(['Open the sidebarAlt+Shift+L']);
        const used = await poll(
          () => texts(page, '[data-testid="storage-used"]'),
          (t) => t[0] !== 'Measuring…',
        );
        expect(used[0]).toMatch(/^Talkmarks uses [\d.]+ (bytes|KB|MB)/);
      }
      if (path === 'help.html') expect((await texts(page, 'h2')).length).toBe(6);
      await expectAccessible(page, path);
      await page.close();
    }
  });

  it('the sweep sees a violation when there is one (an image without alt text)', async () => {
    const page = await ff.openPage('options.html');
    await settled(page);
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="data:,">'));
    expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt');
    await page.close();
  });
});
