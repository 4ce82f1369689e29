/**
 * Accessibility sweep: every extension page (popup, side-panel views, composer, options with each
 * section, help, PDF viewer), on a profile with notes, talks and events in it, passes axe-core
 * (WCAG 2.1 A/AA) in both light and dark themes.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type ExtensionSession, launchExtension, settled, until } from './harness';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let session: ExtensionSession;
let tabId: number;

const VIEWS = ['page', 'now', 'events', 'recap', 'library', 'tags', 'trash'];

async function expectAccessible(page: Page, what: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = await axeViolations(page);
    expect(violations, `${what} (${colorScheme})`).toEqual([]);
  }
}

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages', 'tests/fixtures/slides/pdf']);
  session = await launchExtension();
  const page = await session.context.newPage();
  await page.goto(server.url('/talk.html'));
  tabId = await session.tabIdOf(server.url('/talk.html'));
  const seeder = await session.openPage('sidepanel.html', { view: 'trash', tabId: 0 });
  await seeder.waitForFunction(() => '__talkmarksLibrary' in window);
  await seeder.evaluate(() =>
    (
      window as unknown as { __talkmarksLibrary: { seed(o: object): Promise<unknown> } }
    ).__talkmarksLibrary.seed({
      notes: 60,
      events: 2,
      talksPerEvent: 3,
    }),
  );
  await seeder.close();
  const popup = await session.openPage('popup.html', { tabId });
  const box = popup.getByRole('combobox', { name: 'Note' });
  await box.fill('Replicate translator needs tuning #GlusterFS #storage');
  await box.press('Control+Enter');
  const count = await until(
    () => popup.getByTestId('page-note-count').textContent(),
    (t) => t?.includes('1 note') === true,
  );
  if (!count?.includes('1 note')) throw new Error(`the seed note was not saved: ${count}`);
  await popup.close();
});
afterAll(async () => {
  await session?.close(true);
  await server?.close();
});

describe('accessibility of every extension page (axe-core, light and dark)', () => {
  it('popup', async () => {
    const popup = await session.openPage('popup.html', { tabId });
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toContain('note');
    await expectAccessible(popup, 'popup');
  });

  for (const view of VIEWS) {
    it(`side panel: ${view}`, async () => {
      const panel = await session.openPage('sidepanel.html', { tabId, view });
      await expect.poll(() => panel.getByRole('tab', { selected: true }).count()).toBe(1);
      await expect.poll(() => panel.getByText(/^Loading…$|^Reading the page…$/).count()).toBe(0);
      await settled(panel); // counts and live lists have rendered
      await expectAccessible(panel, `side panel ${view}`);
      await panel.close();
    });
  }

  it('options page: every section, with the settings read from the browser', async () => {
    const page = await session.openPage('options.html');
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).allTextContents())
      .toEqual([
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
    // The settings as the browser has them now: the panel's shortcut from the manifest, the storage used.
    const shortcuts = page.getByRole('table', { name: 'Keyboard shortcuts' });
    await expect
      .poll(() => shortcuts.getByRole('row').allTextContents())
      .toContain('Open the side panelAlt+Shift+L');
    // Chromium lists the popup's command without its shortcut: the page says so instead of "Not set".
    expect(await shortcuts.getByRole('row').allTextContents()).toContain(
      'Open the popup to write a note on this pageNot told by the browser*',
    );
    await expect
      .poll(() => page.getByTestId('storage-used').textContent())
      .toMatch(/^Talkmarks uses [\d.]+ (KB|MB)/);
    expect(await page.getByTestId('no-enabled-sites').count()).toBe(1);
    // "Change shortcuts…" opens Chromium's own shortcut page.
    const opened = session.context.waitForEvent('page');
    await page.getByRole('button', { name: 'Change shortcuts…' }).click();
    const settings = await opened;
    await expect.poll(() => settings.url()).toBe('chrome://extensions/shortcuts');
    await settings.close();
    expect(
      await page.getByRole('region', { name: 'Keyboard shortcuts' }).getByRole('status').textContent(),
    ).toBe('The browser’s shortcut settings opened.');
    await settled(page);
    await expectAccessible(page, 'options.html');
    await page.close();
  });

  it('help page: every section, reached from the options page, the side panel and the composer’s template help', async () => {
    const options = await session.openPage('options.html');
    await options.getByRole('link', { name: 'Open the help page' }).click();
    await options.waitForURL(/\/help\.html$/);
    expect(await options.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Writing notes',
      'Keyboard shortcuts',
      'Which pages Talkmarks reads',
      'Recaps and templates',
      'Backup and restore',
      'Privacy: nothing leaves your browser',
    ]);
    await expectAccessible(options, 'help.html');
    await options.close();
    const composer = await session.openPage('composer.html');
    await composer.getByText('Templates', { exact: true }).click(); // the editor's <details>
    const link = composer.getByRole('link', { name: 'every variable and filter, in the help page' });
    expect(await link.getAttribute('href')).toBe('/help.html#templates');
    await composer.close();
    const panel = await session.openPage('sidepanel.html', { tabId, view: 'page' });
    const help = panel.getByRole('banner').getByRole('link', { name: 'Help' });
    expect(await help.getAttribute('href')).toBe('/help.html');
    expect(await help.getAttribute('target')).toBe('_blank'); // a tab of its own, not the panel
    await panel.close();
  });

  it('composer (wide view) and PDF viewer', async () => {
    const page = await session.openPage('composer.html');
    await page.waitForLoadState('networkidle');
    await settled(page);
    await expectAccessible(page, 'composer.html');
    await page.close();
    const pdf = await session.context.newPage();
    await pdf.goto(
      `chrome-extension://${session.extensionId}/pdf.html?file=${encodeURIComponent(server.url('/deck.pdf'))}`,
    );
    await expect.poll(() => pdf.locator('canvas').count()).toBeGreaterThan(0);
    await expectAccessible(pdf, 'pdf viewer');
  });
});
