/**
 * A full disk (issue 14, item 8), in Chromium: the profile lives on a small tmpfs (mounted here;
 * the extension has `unlimitedStorage`, so no quota would stop it before the disk does). A file
 * and then an IndexedDB database of the extension fill it until IndexedDB writes fail. A note typed
 * in the popup cannot be saved; it survives closing and reopening the popup (its text is back in
 * the box and the save is tried again), and once space is freed, reopening the popup saves it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension } from './harness';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let mountDir = '';
let session: ExtensionSession | undefined;

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
  mountDir = mkdtempSync(join(tmpdir(), 'talkmarks-quota-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mountDir]);
});

afterAll(async () => {
  await session?.close().catch(() => undefined);
  await server?.close();
  if (mountDir) {
    execFileSync('umount', ['-l', mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  }
});

const free = () => {
  const s = statfsSync(mountDir);
  return s.bavail * s.bsize;
};

/**
 * In an extension page: fills a database of its own until IndexedDB refuses writes — 256 KB images
 * (stored as files) until one fails, then 32 KB values (stored in the database's own files) until
 * one fails. Chromium then closes the origin's IndexedDB connections (its store had an I/O error):
 * the extension's own database is shut as well, as a full disk really does it.
 */
function fillIndexedDb(): Promise<{ written: number; error: string }> {
  return new Promise((resolve) => {
    const open = indexedDB.open('filler', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('junk');
    open.onsuccess = () => {
      const db = open.result;
      const sizes = [-256 * 1024, 32 * 1024];
      let written = 0;
      let error = '';
      const next = () => {
        const size = sizes[0];
        if (size === undefined) {
          db.close();
          resolve({ written, error });
          return;
        }
        const bytes = new Uint8Array(Math.abs(size));
        for (let i = 0; i < bytes.length; i += 64) bytes[i] = (written * 7 + i) & 255;
        const tx = db.transaction('junk', 'readwrite');
        tx.objectStore('junk').put(size < 0 ? new Blob([bytes]) : bytes.buffer, written);
        tx.oncomplete = () => {
          written++;
          next();
        };
        tx.onabort = () => {
          error += `${written}@${size}:${String(tx.error?.name ?? tx.error)} `;
          sizes.shift();
          next();
        };
      };
      next();
    };
    open.onerror = () => resolve({ written: 0, error: String(open.error) });
  });
}

async function notes(s: ExtensionSession): Promise<{ body: string }[]> {
  const page = await s.openPage('popup.html', { tabId: 0 });
  const db = await page.evaluate(readDatabase);
  await page.close();
  return (db.notes ?? []) as { body: string }[];
}

describe('a note typed on a full disk', () => {
  it('survives closing and reopening the popup and is saved once space is freed', async () => {
    session = await launchExtension({ profileDir: join(mountDir, 'profile') });
    const s = session;
    const pageUrl = server.url('/talk.html');
    const tab = await s.context.newPage();
    await tab.goto(pageUrl);
    const tabId = await s.tabIdOf(pageUrl);
    // The database exists before the disk fills (the extension opens it as it starts).
    const first = await s.openPage('popup.html', { tabId });
    await expect
      .poll(() => first.getByTestId('page-note-count').textContent())
      .toBe('No notes on this page yet');
    await first.close();

    // Fill the disk: a file up to the last 4 MB, then IndexedDB until it refuses a write.
    const filler = join(mountDir, 'filler.bin');
    writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 4 * 1024 * 1024)));
    const options = await s.openPage('options.html');
    const filled = await options.evaluate(fillIndexedDb);
    console.log(
      `IndexedDB refused writes after ${filled.written} values: ${filled.error}; ${free()} bytes free`,
    );
    expect(filled.written).toBeGreaterThan(0);

    const text = 'Quorum reads cost a round trip #consensus';
    const openPopup = async (): Promise<Page> => {
      const popup = await s.openPage('popup.html', { tabId });
      await popup.getByRole('heading', { level: 1 }).waitFor();
      return popup;
    };
    let popup = await openPopup();
    const box = () => popup.getByRole('combobox', { name: 'Note' });
    await box().fill(text);
    await box().press('Control+Enter');
    await popup.getByRole('alert').waitFor();
    await popup.getByTestId('draft-kept').waitFor();
    expect(await box().inputValue()).toBe(text);

    // Closed and reopened, still full: the text is back and the save, tried again, fails again.
    await popup.close();
    popup = await openPopup();
    await expect.poll(() => box().inputValue()).toBe(text);
    await popup.getByRole('alert').waitFor();
    await popup.getByTestId('draft-kept').waitFor();
    await popup.close();

    // Space freed: the next popup saves the note by itself, and the box is empty again.
    rmSync(filler);
    await options.evaluate(
      () =>
        new Promise<void>((ok, ko) => {
          const req = indexedDB.deleteDatabase('filler');
          req.onsuccess = () => ok();
          req.onerror = () => ko(req.error);
        }),
    );
    // (A full disk cannot even open IndexedDB to read it: the database is checked once space is back.)
    expect(await notes(s)).toEqual([]);
    popup = await openPopup();
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');
    expect(await box().inputValue()).toBe('');
    expect((await notes(s)).map((n) => n.body)).toEqual([text]);
    // Saved once: a further popup has no draft and saves nothing more.
    await popup.close();
    popup = await openPopup();
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');
    expect(await box().inputValue()).toBe('');
    expect(await notes(s)).toHaveLength(1);
  });
});
