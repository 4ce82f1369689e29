/**
 * The side panel's short sync status, on a Chromium profile connected to a real Apache mod_dav
 * started here: nothing in the header while sync is off; once connected, "Synced just now" and a
 * "Sync now" button in the header at the panel's default width (360 px) with the tabs still on one
 * row, axe-clean in light and dark; it follows a pause made on the options page live.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DavServer, startApacheDav } from '../support/dav-servers';
import { axeViolations, type ExtensionSession, launchExtension, settled } from './harness';

let dav: DavServer;
let session: ExtensionSession;

beforeAll(async () => {
  dav = await startApacheDav();
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close(true);
  await dav?.stop();
});

const panelStatus = (panel: Page) => panel.getByTestId('panel-sync-status').textContent();

describe('the side panel shows sync’s status compactly', () => {
  it('nothing while off; once connected, when it synced and Sync now, fitting 360 px; a pause shows live', async () => {
    const panel = await session.openPage('sidepanel.html', { view: 'library' });
    await panel.setViewportSize({ width: 360, height: 720 });
    await expect.poll(() => panel.getByRole('tab', { selected: true }).count()).toBe(1);
    await settled(panel);
    expect(await panel.getByTestId('panel-sync-status').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Sync now' }).count()).toBe(0);

    const options = await session.openPage('options.html');
    const form = options.getByRole('form', { name: 'Connect to a sync folder' });
    await form.getByLabel('WebDAV URL').fill(dav.newFolder().url);
    await form.getByLabel('User name').fill(dav.user);
    await form.getByLabel('Password', { exact: true }).fill(dav.pass);
    await form.getByLabel('Encryption passphrase').fill('hallway track 2026');
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => options.getByTestId('sync-status').textContent()).toMatch(/^Last synced /);

    // The panel, already open, follows: the header says it synced and offers Sync now.
    await expect.poll(() => panelStatus(panel)).toBe('Synced just now');
    const link = panel.getByRole('link', { name: 'Synced just now' });
    expect(await link.getAttribute('href')).toBe('/options.html#sync');
    expect(await link.getAttribute('title')).toMatch(/^Last synced .+\.$/);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => panelStatus(panel)).toBe('Synced just now');

    // At 360 px: the header's line and the tabs fit, the tabs on one row.
    const fit = await panel.evaluate(() => {
      const header = document.querySelector('header')!;
      const tabs = Array.from(document.querySelectorAll('[role=tab]')).map((t) => t.getBoundingClientRect());
      const line = header.querySelector('p')!.getBoundingClientRect();
      const button = Array.from(header.querySelectorAll('button')).find((b) => b.textContent === 'Sync now');
      return {
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tabRows: new Set(tabs.map((b) => Math.round((b.top + b.bottom) / 2))).size,
        tabsRight: Math.max(...tabs.map((b) => b.right)),
        lineHeight: line.height,
        buttonRight: button?.getBoundingClientRect().right ?? Number.NaN,
      };
    });
    expect(fit.pageOverflow).toBeLessThanOrEqual(0);
    expect(fit.tabRows).toBe(1);
    expect(fit.tabsRight).toBeLessThanOrEqual(360);
    expect(fit.buttonRight).toBeLessThanOrEqual(360);
    expect(fit.lineHeight).toBeLessThan(40); // one line, not wrapped

    for (const colorScheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme });
      expect(await axeViolations(panel), colorScheme).toEqual([]);
    }

    // Paused on the options page: the panel says so, and has no Sync now to offer.
    await options.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => panelStatus(panel)).toBe('Sync paused');
    expect(await panel.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
  });
});
