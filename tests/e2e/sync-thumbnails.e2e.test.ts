/**
 * Thumbnails sync: browser A holds a note with its slide's thumbnail (imported from a backup, the
 * way a user brings notes in), connects to a folder on a real Apache mod_dav started here; browser
 * B joins and shows the note with the same image — the same bytes in its database, an image in its
 * library. The server holds the image as one sealed file, not the PNG.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BackupData, serializeBackup } from '../../storage/backup/format';
import { EVENT, NOTES, TALKS } from '../fixtures/recap/summit-2012';
import { type DavServer, startApacheDav } from '../support/dav-servers';
import { type ExtensionSession, launchExtension } from './harness';
import { readDatabase } from './in-page';

const PASSPHRASE = 'hallway track 2026';
/** A 1×1 PNG, and its bytes written out by hand (signature, IHDR, IDAT, IEND). */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_BYTES = [
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0xf8, 0xcf, 0x50, 0x0f, 0x00, 0x03, 0x86, 0x01, 0x80,
  0x5a, 0x34, 0x7d, 0x6b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];
const THUMB = {
  id: '01CE0000000000000000000B01',
  createdAt: NOTES[0]!.createdAt,
  updatedAt: NOTES[0]!.createdAt,
  mime: 'image/png',
  data: PNG_BASE64,
  width: 1,
  height: 1,
};
const NOTE = NOTES[0]!; // "Red Hat Storage 2.0 is GlusterFS 3.3 underneath #glusterfs"

let dav: DavServer;
const sessions: ExtensionSession[] = [];
beforeAll(async () => {
  dav = await startApacheDav();
});
afterAll(async () => {
  await dav?.stop();
});
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close(true);
});

async function connect(options: Page, url: string): Promise<void> {
  const form = options.getByRole('form', { name: 'Connect to a sync folder' });
  await form.getByLabel('WebDAV URL').fill(url);
  await form.getByLabel('User name').fill(dav.user);
  await form.getByLabel('Password', { exact: true }).fill(dav.pass);
  await form.getByLabel('Encryption passphrase').fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect.poll(() => options.getByTestId('sync-status').textContent()).toMatch(/^Last synced /);
}

interface StoredBlob {
  id: string;
  mime: string;
  width: number;
  height: number;
  data: string;
}
const blobsOf = async (page: Page) =>
  ((await page.evaluate(readDatabase)) as { blobs?: StoredBlob[] }).blobs ?? [];

describe('thumbnails sync between two browsers through Apache WebDAV', () => {
  it('a note with its slide thumbnail in A shows the same image in B', async () => {
    const folder = dav.newFolder();
    const a = await launchExtension();
    sessions.push(a);
    const optionsA = await a.openPage('options.html');
    const data = {
      events: [EVENT],
      talks: TALKS,
      decks: [],
      blobs: [THUMB],
      notes: [{ ...NOTE, thumbnailId: THUMB.id }],
      recaps: [],
      templates: [],
    } as unknown as BackupData;
    await optionsA.setInputFiles('[data-testid="backup-file"]', {
      name: 'thumb.json',
      mimeType: 'application/json',
      buffer: Buffer.from(await serializeBackup(data, 'e2e')),
    });
    await optionsA.getByRole('button', { name: /^Import \d+ records$/ }).click();
    await optionsA.getByText(/Import finished/).waitFor();
    await connect(optionsA, folder.url);

    const b = await launchExtension();
    sessions.push(b);
    const optionsB = await b.openPage('options.html');
    await connect(optionsB, folder.url);
    await expect.poll(async () => (await blobsOf(optionsB)).length).toBe(1);
    const [blob] = await blobsOf(optionsB);
    expect(blob).toMatchObject({ id: THUMB.id, mime: 'image/png', width: 1, height: 1 });
    expect(blob!.data).toBe(PNG_BYTES.join(','));

    // In B's library, the note shows the image.
    const panel = await b.openPage('sidepanel.html', { view: 'library' });
    await panel.getByRole('option', { name: /All notes/ }).click();
    await panel
      .getByRole('listbox', { name: 'All notes' })
      .getByRole('option', { name: /Red Hat Storage 2\.0 is GlusterFS 3\.3/ })
      .click();
    const img = panel.getByTestId('library-note').getByTestId('slide-thumbnail');
    await expect.poll(() => img.count()).toBe(1);
    await expect
      .poll(() =>
        img.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth),
      )
      .toBe(1);

    // On the server: one sealed blob file, which does not hold the PNG.
    const blobDir = (dir: string): string | undefined => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (!statSync(p).isDirectory()) continue;
        if (name === 'blobs') return p;
        const found = blobDir(p);
        if (found) return found;
      }
      return undefined;
    };
    const dir = blobDir(folder.dir);
    expect(dir).toBeDefined();
    const files = readdirSync(dir!);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dir!, files[0]!)).includes(Buffer.from(PNG_BYTES))).toBe(false);
  });
});
