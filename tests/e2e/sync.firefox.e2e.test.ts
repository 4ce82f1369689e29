/**
 * Sync between two browser engines: a Chromium profile (Playwright) and a Firefox ESR profile
 * (puppeteer over WebDriver BiDi, the MV2 build with its background page) through one real Apache
 * mod_dav folder started here on 127.0.0.1. Chromium writes a note and starts the vault; Firefox
 * joins with the same passphrase (the same key fingerprint shows), gets the note and edits it;
 * Chromium gets the edit; then both pause, edit different lines of that note, resume and sync in
 * turn, and both end with the same text holding both lines. The two-Chromium case is sync.e2e.test.ts.
 * Expected texts are the ones typed here; the databases are read raw from IndexedDB.
 */
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DavServer, startApacheDav } from '../support/dav-servers';
import {
  axeViolations,
  clickButton,
  type FirefoxSession,
  launchFirefox,
  poll,
  pressCtrlEnter,
  texts,
  typeInto,
} from './firefox';
import { type ExtensionSession, launchExtension } from './harness';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';

const PASSPHRASE = 'hallway track 2026';
const FIRST = 'Geo-replication is async\nPlan for #glusterfs 3.3';
const FIREFOX_EDIT = 'Geo-replication is async\nPlan for #glusterfs 3.4';
const CHROMIUM_LINE = 'Geo-replication is async, one way only\nPlan for #glusterfs 3.4';
const FIREFOX_LINE = 'Geo-replication is async\nPlan for #glusterfs 3.4\nAsk about the quorum defaults';
const MERGED =
  'Geo-replication is async, one way only\nPlan for #glusterfs 3.4\nAsk about the quorum defaults';

let dav: DavServer;
let pages: FixtureServer;
let chromium: ExtensionSession | undefined;
let firefox: FirefoxSession | undefined;

beforeAll(async () => {
  dav = await startApacheDav();
  pages = await serveFixtures(['tests/fixtures/pages']);
});
afterAll(async () => {
  await chromium?.close(true);
  await firefox?.close();
  await pages?.close();
  await dav?.stop();
});

interface StoredNote {
  id: string;
  body: string;
}

/** The status the background keeps (storage/sync-store.ts `SyncStatus`), read raw in the page. */
interface KeptStatus {
  state: string;
  waiting?: number;
  lastSyncAt?: number;
}

/** In the page: the kept sync status (`syncMeta` row `status`), or null before any. */
async function keptStatus(): Promise<KeptStatus | null> {
  const db = await new Promise<IDBDatabase>((ok, ko) => {
    const req = indexedDB.open('talkmarks');
    req.onsuccess = () => ok(req.result);
    req.onerror = () => ko(req.error);
  });
  try {
    const row = await new Promise<{ value?: KeptStatus } | undefined>((ok, ko) => {
      const req = db.transaction('syncMeta').objectStore('syncMeta').get('status');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => ko(req.error);
    });
    return row?.value ?? null;
  } finally {
    db.close();
  }
}

/**
 * A round ended after `since` with nothing left waiting and no error: whatever was queued before
 * `since` is on the server (rounds run one at a time; a round that took a change uploads it before
 * it ends, and a failed one leaves the state `error`).
 */
const uploadedSince = (s: KeptStatus | null, since: number) =>
  s?.state === 'idle' && (s.waiting ?? 0) === 0 && (s.lastSyncAt ?? 0) > since;

const chromiumNotes = async (page: ChromiumPage) =>
  ((await page.evaluate(readDatabase)) as { notes?: StoredNote[] }).notes ?? [];
const firefoxNotes = async (page: FirefoxPage) =>
  ((await page.evaluate(readDatabase)) as { notes?: StoredNote[] }).notes ?? [];

const chromiumStatusLine = (options: ChromiumPage) => options.getByTestId('sync-status').textContent();
const firefoxStatusLine = async (options: FirefoxPage) =>
  (await texts(options, '[data-testid="sync-status"]'))[0] ?? null;

/** Chromium: "Sync now", and waits until a round has ended after the click with nothing waiting. */
async function chromiumSyncNow(options: ChromiumPage): Promise<void> {
  const clicked = Date.now();
  await options.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(async () => uploadedSince(await options.evaluate(keptStatus), clicked)).toBe(true);
}

/** Firefox: "Sync now", and waits until a round has ended after the click with nothing waiting. */
async function firefoxSyncNow(options: FirefoxPage): Promise<void> {
  const clicked = Date.now();
  await clickButton(options, 'Sync now');
  await poll(
    () => options.evaluate(keptStatus),
    (s) => uploadedSince(s, clicked),
  );
}

/** Chromium: edits the library's only note to `body` (All notes → the note → Edit → Ctrl+Enter). */
async function chromiumEdit(session: ExtensionSession, body: string): Promise<void> {
  const panel = await session.openPage('sidepanel.html', { view: 'library' });
  await panel.getByRole('option', { name: /All notes/ }).click();
  await panel
    .getByRole('listbox', { name: 'All notes' })
    .getByRole('option', { name: /Geo-replication/ })
    .click();
  await panel.getByTestId('library-note').getByRole('button', { name: 'Edit' }).click();
  const area = panel.getByRole('textbox', { name: 'Edit note' });
  await area.fill(body);
  await area.press('Control+Enter');
  await expect.poll(() => panel.getByTestId('library-note-body').textContent()).toBe(body);
  await panel.close();
}

/** Firefox: the same edit, in the sidebar page's library, typed as a user types. */
async function firefoxEdit(session: FirefoxSession, body: string): Promise<void> {
  const panel = await session.openPage('sidepanel.html', { view: 'library', tabId: 0 });
  await poll(
    () =>
      panel.evaluate(() => {
        const all = [...document.querySelectorAll<HTMLElement>('[role=option]')].find((o) =>
          o.textContent?.includes('All notes'),
        );
        all?.click();
        return Boolean(all);
      }),
    Boolean,
  );
  await poll(
    () =>
      panel.evaluate(() => {
        // A row takes a click once its note has loaded (before, the virtual list has no note to open).
        const row = [
          ...document.querySelectorAll<HTMLElement>('[role=listbox][aria-label="All notes"] [role=option]'),
        ].find((r) => r.textContent?.includes('Geo-replication'));
        row?.click();
        return Boolean(row);
      }),
    Boolean,
  );
  await poll(
    () =>
      panel.evaluate(() => {
        const edit = [
          ...document.querySelectorAll<HTMLButtonElement>('[data-testid="library-note"] button'),
        ].find((b) => b.textContent?.trim() === 'Edit');
        edit?.click();
        return Boolean(edit);
      }),
    Boolean,
  );
  await typeInto(panel, '#library-edit', body);
  await pressCtrlEnter(panel);
  await poll(
    () =>
      panel.evaluate(() => document.querySelector('[data-testid="library-note-body"]')?.textContent ?? null),
    (t) => t === body,
  );
  await panel.close();
}

describe('sync between Chromium and Firefox ESR through Apache WebDAV', () => {
  it('a note goes Chromium → Firefox, its edit comes back, and paused edits of both end merged on both', async () => {
    const folder = dav.newFolder().url;

    // Chromium: a note from the popup, then Connect — a new vault in the folder.
    chromium = await launchExtension();
    const tab = await chromium.context.newPage();
    await tab.goto(pages.url('/talk.html'));
    const popup = await chromium.openPage('popup.html', {
      tabId: await chromium.tabIdOf(pages.url('/talk.html')),
    });
    const box = popup.getByRole('combobox', { name: 'Note' });
    await box.fill(FIRST);
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    await popup.close();

    const optionsC = await chromium.openPage('options.html');
    const formC = optionsC.getByRole('form', { name: 'Connect to a sync folder' });
    await formC.getByLabel('WebDAV URL').fill(folder);
    await formC.getByLabel('User name').fill(dav.user);
    await formC.getByLabel('Password', { exact: true }).fill(dav.pass);
    await formC.getByLabel('Encryption passphrase').fill(PASSPHRASE);
    await formC.getByRole('button', { name: 'Connect' }).click();
    const startedMessage = optionsC.getByTestId('sync-message');
    await startedMessage.waitFor();
    const started = (await startedMessage.textContent()) ?? '';
    expect(started).toMatch(
      /^A new vault was started in that folder\. Key fingerprint [0-9A-F]{4}(-[0-9A-F]{4}){3}: /,
    );
    const fingerprint = /Key fingerprint (\S+):/.exec(started)?.[1];
    await expect.poll(() => chromiumStatusLine(optionsC)).toMatch(/^Last synced [^·]*\.$/);
    const [written] = await chromiumNotes(optionsC);
    expect(written?.body).toBe(FIRST);

    // Firefox joins: the same fields, typed; Connect clicked for real (Firefox grants a permission
    // request only inside a user's input). The same fingerprint, and Chromium's note arrives.
    firefox = await launchFirefox();
    const optionsF = await firefox.openPage('options.html');
    expect(
      await poll(
        () => firefoxStatusLine(optionsF),
        (t) => t !== null,
      ),
    ).toBe('Sync is off: notes stay in this browser.');
    const formF = 'form[aria-label="Connect to a sync folder"]';
    await typeInto(optionsF, `${formF} input[type="url"]`, folder);
    await typeInto(optionsF, `${formF} input[autocomplete="username"]`, dav.user);
    await typeInto(optionsF, `${formF} input[autocomplete="current-password"]`, dav.pass);
    await typeInto(optionsF, `${formF} input[autocomplete="new-password"]`, PASSPHRASE);
    await optionsF.click(`${formF} button[type="submit"]`);
    const joined = await poll(
      async () => (await texts(optionsF, '[data-testid="sync-message"]'))[0] ?? '',
      (t) => t !== '',
    );
    expect(joined).toBe(
      `Joined the vault in that folder. Key fingerprint ${fingerprint}: it is the same on each of your devices.`,
    );
    const arrived = await poll(
      () => firefoxNotes(optionsF),
      (n) => n.length > 0,
    );
    expect(arrived.map((n) => [n.id, n.body])).toEqual([[written?.id, FIRST]]);
    // Synced, nothing waiting (a later debounced round may show "Syncing…" for a moment: polled).
    await poll(
      () => firefoxStatusLine(optionsF),
      (t) => /^Last synced [^·]*\.$/.test(t ?? ''),
    );
    // The section keeps the fingerprint and the folder; the MV2 background page set its sync alarm.
    expect(
      await optionsF.evaluate(
        () =>
          [...document.querySelectorAll('p')].find((p) => p.textContent?.startsWith('Key fingerprint'))
            ?.textContent ?? null,
      ),
    ).toBe(`Key fingerprint ${fingerprint} · ${folder}`);
    expect(
      await firefox.inExtension(
        async (b) => (await b.alarms.get('talkmarks-sync'))?.periodInMinutes ?? null,
        null,
      ),
    ).toBe(5);

    // Firefox edits the note; once a Firefox round has uploaded it, Chromium's "Sync now" brings it.
    await firefoxEdit(firefox, FIREFOX_EDIT);
    await firefoxSyncNow(optionsF);
    await chromiumSyncNow(optionsC);
    expect((await chromiumNotes(optionsC)).map((n) => [n.id, n.body])).toEqual([[written?.id, FIREFOX_EDIT]]);

    // Both pause ("offline" as far as sync knows), then edit different lines of the same note.
    await optionsC.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => chromiumStatusLine(optionsC)).toMatch(/^Sync is paused/);
    await clickButton(optionsF, 'Pause');
    await poll(
      () => firefoxStatusLine(optionsF),
      (t) => t?.startsWith('Sync is paused') === true,
    );
    await chromiumEdit(chromium, CHROMIUM_LINE);
    await firefoxEdit(firefox, FIREFOX_LINE);
    // While paused, each says its change waits: the page's write reached the background (Dexie's
    // storagemutated, in Firefox's background page too), whose debounced round found sync paused.
    await expect.poll(() => chromiumStatusLine(optionsC)).toBe('Sync is paused · 1 change waits.');
    expect(
      await poll(
        () => firefoxStatusLine(optionsF),
        (t) => t?.includes('change') === true,
      ),
    ).toBe('Sync is paused · 1 change waits.');
    // Neither holds the other's line yet.
    expect((await chromiumNotes(optionsC))[0]?.body).toBe(CHROMIUM_LINE);
    expect((await firefoxNotes(optionsF))[0]?.body).toBe(FIREFOX_LINE);

    // Resume and "Sync now" in turn: Chromium uploads its edit, Firefox merges it with its own and
    // uploads, Chromium takes Firefox's.
    await optionsC.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => optionsC.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await chromiumSyncNow(optionsC);
    await clickButton(optionsF, 'Resume');
    await poll(
      () => texts(optionsF, 'button'),
      (b) => b.includes('Pause'),
    );
    await firefoxSyncNow(optionsF);
    await chromiumSyncNow(optionsC);

    expect((await firefoxNotes(optionsF)).map((n) => [n.id, n.body])).toEqual([[written?.id, MERGED]]);
    expect((await chromiumNotes(optionsC)).map((n) => [n.id, n.body])).toEqual([[written?.id, MERGED]]);
    // The status lines follow the kept status live: each says it synced, with nothing waiting.
    await poll(
      () => firefoxStatusLine(optionsF),
      (t) => /^Last synced [^·]*\.$/.test(t ?? ''),
    );
    await expect.poll(() => chromiumStatusLine(optionsC)).toMatch(/^Last synced [^·]*\.$/);
    expect(await axeViolations(optionsF)).toEqual([]);
  });
});
