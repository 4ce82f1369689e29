/**
 * Sync between two browsers (two Chromium profiles: two devices) through a real Apache mod_dav
 * started here on 127.0.0.1: the first connects from the options page and starts a vault, the
 * second joins it with the same passphrase and gets the first's note; then both edit that note while
 * paused (offline as far as sync knows), resume, and end with the same merged text — both lines.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DavServer, startApacheDav } from '../support/dav-servers';
import { axeViolations, type ExtensionSession, launchExtension } from './harness';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';

const PASSPHRASE = 'hallway track 2026';
let dav: DavServer;
let pages: FixtureServer;
const sessions: ExtensionSession[] = [];

beforeAll(async () => {
  dav = await startApacheDav();
  pages = await serveFixtures(['tests/fixtures/pages']);
});
afterAll(async () => {
  await pages?.close();
  await dav?.stop();
});
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close(true);
});

async function device(): Promise<ExtensionSession> {
  const s = await launchExtension();
  sessions.push(s);
  return s;
}

/** Connects a device's options page to the folder; returns the status message it shows. */
async function connect(options: Page, url: string): Promise<string> {
  const form = options.getByRole('form', { name: 'Connect to a sync folder' });
  await form.getByLabel('WebDAV URL').fill(url);
  await form.getByLabel('User name').fill(dav.user);
  await form.getByLabel('Password', { exact: true }).fill(dav.pass);
  await form.getByLabel('Encryption passphrase').fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Connect' }).click();
  const message = options.getByTestId('sync-message');
  await message.waitFor();
  return (await message.textContent()) ?? '';
}

const syncStatus = (options: Page) => options.getByTestId('sync-status').textContent();

interface StoredNote {
  id: string;
  body: string;
  deletedAt?: number;
}
const notesOf = async (page: Page) =>
  ((await page.evaluate(readDatabase)) as { notes?: StoredNote[] }).notes ?? [];

describe('sync between two browsers through Apache WebDAV', () => {
  it('a note written in one appears in the other; both edit it paused; both end with both lines', async () => {
    const folder = dav.newFolder().url;
    const a = await device();
    const b = await device();

    // A: a note from the popup, then Connect — a new vault, the note uploaded.
    const tab = await a.context.newPage();
    await tab.goto(pages.url('/talk.html'));
    const popup = await a.openPage('popup.html', { tabId: await a.tabIdOf(pages.url('/talk.html')) });
    const box = popup.getByRole('combobox', { name: 'Note' });
    await box.fill('Geo-replication is async\nPlan for #glusterfs 3.3');
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');

    const optionsA = await a.openPage('options.html');
    expect(await syncStatus(optionsA)).toBe('Sync is off: notes stay in this browser.');
    const started = await connect(optionsA, folder);
    expect(started).toMatch(
      /^A new vault was started in that folder\. Key fingerprint [0-9A-F]{4}(-[0-9A-F]{4}){3}/,
    );
    const fingerprint = /Key fingerprint (\S+):/.exec(started)?.[1];
    await expect.poll(() => syncStatus(optionsA)).toMatch(/^Last synced /);
    expect(await axeViolations(optionsA)).toEqual([]);

    // B joins with the same passphrase: same fingerprint, and A's note arrives.
    const optionsB = await b.openPage('options.html');
    const joined = await connect(optionsB, folder);
    expect(joined).toContain(`Joined the vault in that folder. Key fingerprint ${fingerprint}:`);
    await expect
      .poll(async () => (await notesOf(optionsB)).map((n) => n.body))
      .toEqual(['Geo-replication is async\nPlan for #glusterfs 3.3']);
    const [note] = await notesOf(optionsB);

    // Both pause ("offline"), edit different lines of the same note in the library, then resume.
    for (const o of [optionsA, optionsB]) {
      await o.getByRole('button', { name: 'Pause' }).click();
      await expect.poll(() => syncStatus(o)).toMatch(/^Sync is paused/);
    }
    const edit = async (s: ExtensionSession, body: string) => {
      const panel = await s.openPage('sidepanel.html', { view: 'library' });
      await panel.getByRole('option', { name: /All notes/ }).click();
      // Rows are counted before their notes are read: click the row once it shows the note.
      await panel
        .getByRole('listbox', { name: 'All notes' })
        .getByRole('option')
        .filter({ hasText: 'Geo-replication' })
        .click();
      await panel.getByTestId('library-note').getByRole('button', { name: 'Edit' }).click();
      const area = panel.getByRole('textbox', { name: 'Edit note' });
      await area.fill(body);
      await area.press('Control+Enter');
      await expect.poll(() => panel.getByTestId('library-note-body').textContent()).toBe(body);
      await panel.close();
    };
    await edit(a, 'Geo-replication is async, one way only\nPlan for #glusterfs 3.3');
    await edit(b, 'Geo-replication is async\nPlan for #glusterfs 3.3\nAsk about the quorum defaults');
    await expect.poll(() => syncStatus(optionsA)).toMatch(/1 change waits/);

    for (const o of [optionsA, optionsB, optionsA]) {
      await o
        .getByRole('button', { name: 'Resume' })
        .click()
        .catch(() => undefined);
      await o.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => syncStatus(o)).toMatch(/^Last synced [^·]*\.$/);
    }
    const merged =
      'Geo-replication is async, one way only\nPlan for #glusterfs 3.3\nAsk about the quorum defaults';
    await expect
      .poll(async () => (await notesOf(optionsA)).find((n) => n.id === note!.id)?.body)
      .toBe(merged);
    await expect
      .poll(async () => (await notesOf(optionsB)).find((n) => n.id === note!.id)?.body)
      .toBe(merged);

    // What the server holds is ciphertext: the note's words are in no file of the folder.
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(dav.dataDir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(readFileSync(f).toString('latin1')).not.toContain('Geo-replication');
  });
});
