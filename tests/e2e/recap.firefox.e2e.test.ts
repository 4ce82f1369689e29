/**
 * The recap in Firefox ESR: the Red Hat Summit 2012 backup imported through the options page (its
 * worker and Dexie in Firefox), then the wide composer renders "Day recap" equal to the golden file,
 * copies it as Markdown and as rich text (pasted back to check) and downloads it; a day with
 * moments (notes on no talk) shows them and counts the day's notes; a full backup is exported and
 * imported into a fresh profile with identical data.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackupData, serializeBackup } from '../../storage/backup/format';
import { EVENT, NOTES, RECAP_INTRO, TALKS } from '../fixtures/recap/summit-2012';
import { MOMENT_NOTES, OTHER_EVENT } from '../fixtures/recap/summit-2012-moments';
import { clickButton, type FirefoxSession, launchFirefox, poll, setField } from './firefox';
import { readDatabase } from './in-page';

const GOLDEN = readFileSync('tests/fixtures/recap/red-hat-summit-2012-wednesday.md', 'utf8');
const WHOLE_DAY = readFileSync('tests/fixtures/recap/red-hat-summit-2012-wednesday-whole-day.md', 'utf8');
const downloads = mkdtempSync(join(tmpdir(), 'talkmarks-ff-dl-'));
let ff: FirefoxSession;

beforeAll(async () => {
  ff = await launchFirefox({ downloadDir: downloads });
});
afterAll(async () => {
  await ff?.close();
  rmSync(downloads, { recursive: true, force: true });
});

const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);

const summitBackup = (moments = false) =>
  serializeBackup(
    {
      events: moments ? [EVENT, OTHER_EVENT] : [EVENT],
      talks: TALKS,
      decks: [],
      blobs: [],
      notes: moments ? [...NOTES, ...MOMENT_NOTES] : NOTES,
      recaps: [],
      templates: [],
    } as unknown as BackupData,
    'e2e',
  );

/** Chooses a backup file on the options page (as the file picker does). */
async function chooseBackup(options: Page, name: string, text: string) {
  await poll(
    () =>
      options.evaluate(
        (n, t) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="backup-file"]');
          if (!input) return false;
          const dt = new DataTransfer();
          dt.items.add(new File([t], n, { type: 'application/json' }));
          input.files = dt.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
          return true;
        },
        name,
        text,
      ),
    (ok) => ok,
  );
}

/** Imports a backup through the options page, or confirms there is nothing new in it. */
async function importBackup(f: FirefoxSession, text: string) {
  const options = await f.openPage('options.html');
  await chooseBackup(options, 'backup.json', text);
  // The status line comes along, so a wait that runs out says where the import stood.
  const { label } = await poll(
    () =>
      options.evaluate(() => ({
        label:
          [...document.querySelectorAll('button')]
            .map((b) => b.textContent?.trim() ?? '')
            .find((t) => /^Import \d+ records$|^Nothing to import$/.test(t)) ?? '',
        status: document.querySelector('[data-testid="backup-status"]')?.textContent ?? '',
      })),
    (v) => v.label !== '',
    20_000,
  );
  if (label === 'Nothing to import') {
    await clickButton(options, 'Cancel');
  } else {
    await clickButton(options, /^Import \d+ records$/);
    await poll(
      () => textOf(options, '[data-testid="backup-status"]'),
      (s) => s.includes('Import finished'),
      20_000,
    );
  }
  await options.close();
}

/**
 * A file the browser saved into the download folder, once it is complete: Firefox first creates
 * an empty placeholder under the final name, writes into `<name>.part`, then moves that over it.
 */
function downloaded(match: RegExp): Promise<string> {
  return poll(
    async () => readdirSync(downloads).find((f) => match.test(f)) ?? '',
    (name) =>
      name !== '' && !existsSync(join(downloads, `${name}.part`)) && statSync(join(downloads, name)).size > 0,
    20_000,
  );
}

/** Pastes the clipboard into a fresh field of the page (Ctrl+V, as a user does); returns what arrived. */
async function paste(page: Page, rich: boolean): Promise<string> {
  await page.evaluate((r) => {
    document.getElementById('paste-target')?.remove();
    const el = document.createElement(r ? 'div' : 'textarea');
    el.id = 'paste-target';
    if (r) el.contentEditable = 'true';
    document.body.append(el);
    el.focus();
  }, rich);
  await page.keyboard.down('Control');
  await page.keyboard.press('v');
  await page.keyboard.up('Control');
  return poll(
    () =>
      page.evaluate((r) => {
        const el = document.getElementById('paste-target');
        return (r ? el?.innerHTML : (el as HTMLTextAreaElement | null)?.value) ?? '';
      }, rich),
    (v) => v !== '',
  );
}

/** Every record of every table of the extension's database, read raw from IndexedDB. */
const dumpDatabase = (page: Page) => page.evaluate(readDatabase);

describe('recap in Firefox ESR', () => {
  it('imports a backup, composes the golden Day recap, copies it both ways and downloads it', async () => {
    await importBackup(ff, await summitBackup());

    const composer = await ff.openPage('composer.html');
    await setField(composer, 'Event', 'Red Hat Summit 2012', true);
    await setField(composer, 'Day', 'Wednesday, June 27, 2012 (3 talks)', true);
    // A new recap starts on the prose Day post; the golden file is the bullet template's.
    await setField(composer, 'Template', 'Talk notes (bullets)', true);
    await setField(composer, 'Intro', RECAP_INTRO);
    const markdown = await poll(
      () =>
        composer.evaluate(
          () => document.querySelector<HTMLTextAreaElement>('[aria-label="Markdown"]')?.value,
        ),
      (v) => v === GOLDEN,
      20_000,
    );
    expect(markdown).toBe(GOLDEN);
    expect(await textOf(composer, '[data-testid="recap-preview"] h1')).toBe('Red Hat Summit 2012: Wednesday');

    await clickButton(composer, 'Copy Markdown');
    await poll(
      () => composer.evaluate(() => document.body.textContent ?? ''),
      (t) => t.includes('Markdown copied.'),
    );
    expect(await paste(composer, false)).toBe(GOLDEN);

    await clickButton(composer, 'Copy rich text');
    await poll(
      () => composer.evaluate(() => document.body.textContent ?? ''),
      (t) => t.includes('Copied as rich text'),
    );
    const html = await paste(composer, true);
    expect(html).toContain('<h1>Red Hat Summit 2012: Wednesday</h1>');
    expect(html).toContain(
      'href="https://www.redhat.com/summit/2012/presentations/selinux-for-mere-mortals.pdf"',
    );

    await clickButton(composer, 'Download .md');
    const name = await downloaded(/^red-hat-summit-2012-wednesday.*\.md$/);
    expect(name).toBe('red-hat-summit-2012-wednesday.md');
    expect(readFileSync(join(downloads, name), 'utf8')).toBe(GOLDEN);
    await composer.close();
  });

  it('a day with moments shows them in the Markdown and counts the day’s notes', async () => {
    const own = await launchFirefox(); // a profile of its own: the other tests count the notes
    try {
      await importBackup(own, await summitBackup(true));
      const composer = await own.openPage('composer.html');
      await setField(composer, 'Event', 'Red Hat Summit 2012', true);
      await setField(composer, 'Day', 'Wednesday, June 27, 2012 (3 talks, 4 moments)', true);
      // A new recap starts on the prose Day post; the golden file is the bullet template's.
      await setField(composer, 'Template', 'Talk notes (bullets)', true);
      await setField(composer, 'Intro', RECAP_INTRO);
      const markdown = await poll(
        () =>
          composer.evaluate(
            () => document.querySelector<HTMLTextAreaElement>('[aria-label="Markdown"]')?.value,
          ),
        (v) => v === WHOLE_DAY,
        20_000,
      );
      expect(markdown).toBe(WHOLE_DAY);
      expect(await textOf(composer, '[data-testid="recap-coverage"] [role="status"]')).toBe(
        'In the post: 24 of 26 notes of the day.',
      );
      expect(await textOf(composer, '[data-testid="recap-coverage"] summary')).toBe(
        '2 to-dos left out: private',
      );
      await composer.close();
    } finally {
      await own.close();
    }
  });

  it('exports everything and imports it into a fresh profile with identical data', async () => {
    await importBackup(ff, await summitBackup()); // this test's own data (nothing new if already there)
    // A recap of its own, saved from the sidebar's composer, so recaps travel too.
    const panel = await ff.openPage('sidepanel.html', { tabId: 0, view: 'recap' });
    await setField(panel, 'Event', 'Red Hat Summit 2012', true);
    await setField(panel, 'Day', '2012-06-28');
    await setField(panel, 'Intro', 'Thursday, briefly.');
    await clickButton(panel, 'Markdown'); // the narrow composer shows the preview first
    await poll(
      () =>
        panel.evaluate(
          () => document.querySelector<HTMLTextAreaElement>('[aria-label="Markdown"]')?.value ?? '',
        ),
      (v) => v.includes('Thursday, briefly.'),
    );
    await clickButton(panel, 'Save');
    await poll(
      () => panel.evaluate(() => document.body.textContent ?? ''),
      (t) => t.includes('Recap saved.'),
    );
    await panel.close();

    const options = await ff.openPage('options.html');
    const before = await poll(
      () => dumpDatabase(options),
      (d) => (d.recaps?.length ?? 0) > 0,
    );
    expect(before.notes).toHaveLength(NOTES.length);
    await clickButton(options, 'Export backup (.json)');
    const name = await downloaded(/^talkmarks-backup-\d{4}-\d{2}-\d{2}.*\.json$/);
    expect(name).toMatch(/^talkmarks-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = readFileSync(join(downloads, name), 'utf8');

    const empty = await launchFirefox();
    try {
      const fresh = await empty.openPage('options.html');
      expect(Object.values(await dumpDatabase(fresh)).flat()).toEqual([]);
      await importBackup(empty, exported);
      expect(await dumpDatabase(fresh)).toEqual(before);
    } finally {
      await empty.close();
    }
  });
});
