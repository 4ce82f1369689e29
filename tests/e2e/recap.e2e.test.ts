/**
 * The recap, acted out in Chromium: the Red Hat Summit 2012 notes arrive through the options page's
 * backup import (summary, then write); the wide composer picks the event and its Wednesday,
 * renders "Day recap" equal to the golden file, copies it (Markdown and rich text) and downloads it;
 * a day with moments (notes on no talk) shows them in the Markdown and counts the day's notes in
 * and out; the side panel has the Recap view; a damaged backup changes nothing and says why.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BackupData, serializeBackup } from '../../storage/backup/format';
import { EVENT, GLUSTER, NETWORK, NOTES, RECAP_INTRO, SELINUX, TALKS } from '../fixtures/recap/summit-2012';
import { MOMENT_NOTES, OTHER_EVENT } from '../fixtures/recap/summit-2012-moments';
import { axeViolations, type ExtensionSession, launchExtension, until } from './harness';
import { readDatabase } from './in-page';

const GOLDEN = readFileSync('tests/fixtures/recap/red-hat-summit-2012-wednesday.md', 'utf8');
/** The same Wednesday with its moments: written by hand (see tests/unit/recap/day-recap.test.ts). */
const WHOLE_DAY = readFileSync('tests/fixtures/recap/red-hat-summit-2012-wednesday-whole-day.md', 'utf8');
const cspErrors: string[] = [];

/** A 1×1 PNG: the thumbnail of the GlusterFS talk's slide 4. */
const THUMB = {
  id: '01CE0000000000000000000B01',
  createdAt: NOTES[0]!.createdAt,
  updatedAt: NOTES[0]!.createdAt,
  mime: 'image/png',
  data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  width: 1,
  height: 1,
};

/** A saved recap and a user template, for the export test (every table holds something). */
const SAVED_RECAP = {
  id: '01CE0000000000000000000R01',
  createdAt: NOTES[0]!.createdAt,
  updatedAt: NOTES[0]!.createdAt,
  title: 'Red Hat Summit 2012: Wednesday',
  eventId: EVENT.id,
  day: '2012-06-27',
  talkIds: [GLUSTER.id, SELINUX.id, NETWORK.id],
  templateId: 'builtin:day-recap',
  intro: RECAP_INTRO,
  outro: 'See you on Thursday.',
};
const USER_TEMPLATE = {
  id: '01CE0000000000000000000M01',
  createdAt: NOTES[0]!.createdAt,
  updatedAt: NOTES[0]!.createdAt,
  name: 'Just titles',
  source: '# {{ recap.title }}\n{% for t in recap.talks %}\n- {{ t.title }}{% endfor %}\n',
  builtin: false,
};

/** A backup file as the user would pick it (held in memory: the test writes no files). */
interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

async function backupFile(
  extra: { recaps?: object[]; templates?: object[]; moments?: true } = {},
): Promise<PickedFile> {
  const data: BackupData = {
    events: extra.moments ? [EVENT, OTHER_EVENT] : [EVENT],
    talks: TALKS,
    decks: [],
    blobs: [THUMB],
    notes: [
      ...NOTES.map((n, i) => (i === 0 ? { ...n, thumbnailId: THUMB.id } : n)),
      ...(extra.moments ? MOMENT_NOTES : []),
    ],
    recaps: extra.recaps ?? [],
    templates: extra.templates ?? [],
  } as unknown as BackupData;
  const name = `summit-${Object.keys(extra).join('-') || 'notes'}.json`;
  return { name, mimeType: 'application/json', buffer: Buffer.from(await serializeBackup(data, 'e2e')) };
}

/** Every test gets its own browser profile; `afterEach` closes the ones it opened. */
const opened: ExtensionSession[] = [];
async function emptyProfile(): Promise<ExtensionSession> {
  const session = await launchExtension();
  opened.push(session);
  // Extension pages may use the clipboard; reading it back needs the permission granted here.
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
  return session;
}

/** A new profile holding the summit's notes, imported the way a user imports a backup. */
async function summitProfile(extra?: Parameters<typeof backupFile>[0]): Promise<ExtensionSession> {
  const session = await emptyProfile();
  const options = await session.openPage('options.html');
  await options.setInputFiles('[data-testid="backup-file"]', await backupFile(extra));
  await options.getByRole('button', { name: /^Import \d+ records$/ }).click();
  await options.getByText(/Import finished/).waitFor();
  await options.close();
  return session;
}

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close(true);
});

const watchCsp = (page: Page) =>
  page.on('console', (m) => {
    if (/Content Security Policy|unsafe-eval/i.test(m.text())) cspErrors.push(m.text());
  });

/** Every record of every table of the extension's database, read raw from IndexedDB. */
const dumpDatabase = (page: Page) => page.evaluate(readDatabase);

describe('recap composer end to end', () => {
  it('rejects a damaged backup and changes nothing', async () => {
    const session = await emptyProfile();
    const options = await session.openPage('options.html');
    const whole = (await backupFile()).buffer;
    const cut = {
      name: 'cut.json',
      mimeType: 'application/json',
      buffer: whole.subarray(0, whole.length >> 1),
    };
    await options.setInputFiles('[data-testid="backup-file"]', cut);
    await options.getByRole('alert').filter({ hasText: 'Nothing was imported' }).waitFor();
    expect(await options.getByRole('alert').textContent()).toMatch(/cut short/);
    // Whole and valid JSON, but a note's text changed after export: the checksum (computed in the
    // backup worker's own checksum worker) no longer matches.
    const text = whole.toString('utf8');
    const body = (NOTES[1] as { body: string }).body;
    const changed = {
      name: 'changed.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text.replace(JSON.stringify(body), JSON.stringify(`${body}!`)), 'utf8'),
    };
    expect(changed.buffer.length).toBe(whole.length + 1);
    await options.setInputFiles('[data-testid="backup-file"]', changed);
    await options.getByRole('alert').filter({ hasText: 'do not match its checksum' }).waitFor();
    expect(await options.getByRole('alert').textContent()).toMatch(/Nothing was imported/);
    await options.close();
  });

  it('imports the backup after showing what will change', async () => {
    const session = await emptyProfile();
    const options = await session.openPage('options.html');
    watchCsp(options);
    await options.setInputFiles('[data-testid="backup-file"]', await backupFile());
    const table = options.getByRole('table', { name: 'What the import changes' });
    await table.waitFor();
    expect(await table.locator('tr[data-table="notes"] td').allTextContents()).toEqual([
      'Notes',
      String(NOTES.length),
      '0',
      '0',
    ]);
    await options.getByRole('button', { name: /^Import \d+ records$/ }).click();
    await options.getByText(/Import finished/).waitFor();
    // The same file again: nothing new.
    await options.setInputFiles('[data-testid="backup-file"]', await backupFile());
    await options.getByRole('button', { name: 'Nothing to import' }).waitFor();
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });

  it('exports notes as Web Annotations and as a Markdown archive', async () => {
    const session = await summitProfile();
    const options = await session.openPage('options.html');
    const [annotations] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: /Web Annotations/ }).click(),
    ]);
    const doc = JSON.parse(readFileSync((await annotations.path())!, 'utf8'));
    expect(doc).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', total: NOTES.length });
    const [archive] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: /All notes as Markdown/ }).click(),
    ]);
    const files = Object.keys(unzipSync(readFileSync((await archive.path())!))).sort();
    expect(files).toEqual([
      'red-hat-summit-2012/2012-06-27-glusterfs-and-red-hat-storage-the-roadmap.md',
      'red-hat-summit-2012/2012-06-27-selinux-for-mere-mortals.md',
      'red-hat-summit-2012/2012-06-27-tuning-rhel-6-for-40-gb-s-networks.md',
      'red-hat-summit-2012/2012-06-28-keynote-open-source-clouds.md',
    ]);
    await options.close();
  });

  it('composes the Wednesday recap equal to the golden file, copies and downloads it', async () => {
    const session = await summitProfile();
    const composer = await session.openPage('composer.html');
    watchCsp(composer);
    // A new recap opens on the day of the talk noted last (the Thursday keynote here).
    const suggested = await until(
      () => composer.getByLabel('Day', { exact: true }).inputValue(),
      (v) => v !== '',
    );
    expect(suggested).toBe('2012-06-28');
    await composer.getByLabel('Event', { exact: true }).selectOption({ label: 'Red Hat Summit 2012' });
    await composer
      .getByLabel('Day', { exact: true })
      .selectOption({ label: 'Wednesday, June 27, 2012 (3 talks)' });
    // A new recap starts on the prose "Day post"; the golden file is the bullet template's.
    const template = composer.getByLabel('Template', { exact: true });
    expect(await template.locator('option:checked').textContent()).toBe('Day post');
    await template.selectOption({ label: 'Talk notes (bullets)' });
    await composer.getByLabel('Intro', { exact: true }).fill(RECAP_INTRO);
    const markdown = composer.getByTestId('recap-markdown');
    const value = await until(
      () => markdown.inputValue(),
      (v) => v === GOLDEN,
    );
    expect(value).toBe(GOLDEN);
    expect(await composer.getByLabel('Title', { exact: true }).getAttribute('placeholder')).toBe(
      'Red Hat Summit 2012: Wednesday',
    );
    const preview = composer.getByTestId('recap-preview');
    expect(await preview.locator('h1').textContent()).toBe('Red Hat Summit 2012: Wednesday');
    expect(await preview.locator('h2').allTextContents()).toHaveLength(3);

    await composer.getByRole('button', { name: 'Copy Markdown' }).click();
    await composer.getByText('Markdown copied.').waitFor();
    expect(await composer.evaluate(() => navigator.clipboard.readText())).toBe(GOLDEN);

    await composer.getByRole('button', { name: 'Copy rich text' }).click();
    await composer.getByText(/Copied as rich text/).waitFor();
    const html = await composer.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return (await item!.getType('text/html')).text();
    });
    expect(html).toContain('<h1>Red Hat Summit 2012: Wednesday</h1>');
    expect(html).toContain(
      'href="https://www.redhat.com/summit/2012/presentations/selinux-for-mere-mortals.pdf"',
    );

    const [download] = await Promise.all([
      composer.waitForEvent('download'),
      composer.getByRole('button', { name: 'Download .md' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('red-hat-summit-2012-wednesday.md');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(GOLDEN);

    // Reorder by keyboard: the network talk's handle, arrow up twice, goes first.
    const handle = composer.getByRole('button', { name: /Tuning RHEL 6 for 40 Gb\/s networks/ }).first();
    await handle.focus();
    await composer.keyboard.press('ArrowUp');
    await until(
      () => preview.locator('h2').allTextContents(),
      (h) => h[1] === 'Tuning RHEL 6 for 40 Gb/s networks',
    );
    // Focus follows the moved talk, so the next arrow moves it again.
    await until(
      () => composer.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''),
      (label) => label.startsWith('2 of 3: Tuning'),
    );
    await composer.keyboard.press('ArrowUp');
    const reordered = await until(
      () => preview.locator('h2').allTextContents(),
      (h) => h[0] === 'Tuning RHEL 6 for 40 Gb/s networks',
    );
    expect(reordered[0]).toBe('Tuning RHEL 6 for 40 Gb/s networks');
    expect(await axeViolations(composer)).toEqual([]);
    await composer.close();
  });

  it('a day with moments: the Markdown shows them, and the composer counts the day’s notes in and out', async () => {
    const session = await summitProfile({ moments: true });
    const composer = await session.openPage('composer.html');
    watchCsp(composer);
    await composer.getByLabel('Event', { exact: true }).selectOption({ label: 'Red Hat Summit 2012' });
    await composer
      .getByLabel('Day', { exact: true })
      .selectOption({ label: 'Wednesday, June 27, 2012 (3 talks, 4 moments)' });
    await composer.getByLabel('Template', { exact: true }).selectOption({ label: 'Talk notes (bullets)' });
    await composer.getByLabel('Intro', { exact: true }).fill(RECAP_INTRO);
    const markdown = composer.getByTestId('recap-markdown');
    const value = await until(
      () => markdown.inputValue(),
      (v) => v === WHOLE_DAY,
    );
    expect(value).toBe(WHOLE_DAY);
    const preview = composer.getByTestId('recap-preview');
    expect(await preview.locator('h2').allTextContents()).toEqual([
      'GlusterFS and Red Hat Storage: the roadmap',
      'SELinux for Mere Mortals',
      'Tuning RHEL 6 for 40 Gb/s networks',
      'Also today',
    ]);
    const coverage = composer.getByTestId('recap-coverage');
    expect(await coverage.getByRole('status').textContent()).toBe('In the post: 24 of 26 notes of the day.');
    expect(await coverage.locator('summary').allTextContents()).toEqual(['2 to-dos left out: private']);

    // Untick the party's question: out of the post, counted, and listed with its reason.
    await composer
      .getByRole('list', { name: 'Moments of the day' })
      .getByRole('checkbox', { name: /Who is speaking on Ceph tomorrow/ })
      .uncheck();
    await until(
      () => coverage.getByRole('status').textContent(),
      (t) => t === 'In the post: 23 of 26 notes of the day.',
    );
    expect(await coverage.locator('summary').allTextContents()).toEqual([
      '2 to-dos left out: private',
      '1 moment unticked',
    ]);
    await coverage.getByText('1 moment unticked').click();
    await coverage.getByText('Question: Who is speaking on Ceph tomorrow? — Red Hat Summit 2012').waitFor();
    const without = await until(
      () => markdown.inputValue(),
      (v) => !v.includes('Ceph'),
    );
    expect(without).toBe(WHOLE_DAY.replace('- Open question: Who is speaking on Ceph tomorrow?\n', ''));
    expect(await axeViolations(composer)).toEqual([]);
    expect(cspErrors).toEqual([]);
    await composer.close();
  });

  it('downloads the slides digest as a zip with its images', async () => {
    const session = await summitProfile();
    const composer = await session.openPage('composer.html');
    await composer.getByLabel('Event', { exact: true }).selectOption({ label: 'Red Hat Summit 2012' });
    await composer
      .getByLabel('Day', { exact: true })
      .selectOption({ label: 'Wednesday, June 27, 2012 (3 talks)' });
    await composer.getByLabel('Template', { exact: true }).selectOption({ label: 'Slides digest' });
    await composer.getByRole('checkbox', { name: 'Slide thumbnails' }).first().check();
    const preview = composer.getByTestId('recap-preview');
    await preview.locator('img[src^="data:image/png;base64,"]').waitFor();
    const [download] = await Promise.all([
      composer.waitForEvent('download'),
      composer.getByRole('button', { name: 'Download .zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('red-hat-summit-2012-wednesday.zip');
    const files = unzipSync(readFileSync((await download.path())!));
    expect(Object.keys(files).sort()).toEqual([`images/${THUMB.id}.png`, 'red-hat-summit-2012-wednesday.md']);
    const md = strFromU8(files['red-hat-summit-2012-wednesday.md']!);
    expect(md).toContain(`### Slide 4\n\n![Slide 4](images/${THUMB.id}.png)`);
    expect(Buffer.from(files[`images/${THUMB.id}.png`]!).toString('base64')).toBe(THUMB.data);
    await composer.close();
  });

  it('shows a template error with its line and keeps the last good post', async () => {
    const session = await summitProfile();
    const composer = await session.openPage('composer.html');
    await composer.getByLabel('Event', { exact: true }).selectOption({ label: 'Red Hat Summit 2012' });
    await composer
      .getByLabel('Day', { exact: true })
      .selectOption({ label: 'Wednesday, June 27, 2012 (3 talks)' });
    await until(
      () => composer.getByTestId('recap-markdown').inputValue(),
      (v) => v.startsWith('# Red Hat Summit 2012: Wednesday'),
    );
    await composer.getByText('Templates', { exact: true }).click();
    await composer.getByLabel('Name', { exact: true }).fill('Broken');
    await composer
      .getByLabel('Liquid source', { exact: true })
      .fill('# {{ recap.title }}\n{% for t in recap.talks %}\n');
    await composer.getByRole('alert').filter({ hasText: 'Line 2' }).waitFor();
    await composer
      .getByLabel('Liquid source', { exact: true })
      .fill('# {{ recap.title }}\n\n{{ recap.titel }}\n');
    await composer.getByRole('button', { name: 'Save as my template' }).click();
    await composer.getByText('Template saved.').waitFor();
    await composer.getByLabel('Template', { exact: true }).selectOption({ label: 'Broken (mine)' });
    await composer.getByRole('alert').filter({ hasText: 'Template error on line 3' }).waitFor();
    expect(await composer.getByTestId('recap-markdown').inputValue()).toMatch(
      /^# Red Hat Summit 2012: Wednesday/,
    );
    await composer.close();
  });

  it('has a Recap view in the side panel', async () => {
    const session = await summitProfile();
    const panel = await session.openPage('sidepanel.html', { tabId: 0 });
    await panel.getByRole('tab', { name: 'Recap' }).click();
    await panel.getByLabel('Event', { exact: true }).selectOption({ label: 'Red Hat Summit 2012' });
    await panel
      .getByLabel('Day', { exact: true })
      .selectOption({ label: 'Wednesday, June 27, 2012 (3 talks)' });
    await panel.getByLabel('Template', { exact: true }).selectOption({ label: 'Talk notes (bullets)' });
    await panel.getByLabel('Intro', { exact: true }).fill(RECAP_INTRO);
    await panel.getByRole('button', { name: 'Markdown', exact: true }).click();
    const value = await until(
      () => panel.getByTestId('recap-markdown').inputValue(),
      (v) => v === GOLDEN,
    );
    expect(value).toBe(GOLDEN);
    // Saved and reopened in the wide view, in its own tab.
    const [wide] = await Promise.all([
      session.context.waitForEvent('page'),
      panel.getByRole('button', { name: 'Open wide view' }).click(),
    ]);
    await wide.waitForURL(/composer\.html\?recap=/);
    const reopened = await until(
      () => wide.getByTestId('recap-markdown').inputValue(),
      (v) => v === GOLDEN,
    );
    expect(reopened).toBe(GOLDEN);
    expect(await wide.getByLabel('Saved recaps', { exact: true }).inputValue()).toMatch(/^[0-9A-Z]{26}$/);
    // Edits to a saved recap are kept without pressing Save.
    await wide.getByLabel('Outro', { exact: true }).fill('See you on Thursday.');
    const again = await session.openPage(new URL(wide.url()).pathname.slice(1) + new URL(wide.url()).search);
    // Reopened from scratch (a reload reads the database again) until the debounced save landed.
    const kept = await until(
      async () => {
        await again.reload();
        const md = again.getByTestId('recap-markdown');
        await until(
          () => md.inputValue(),
          (v) => v.startsWith('# Red Hat Summit 2012: Wednesday'),
        );
        return md.inputValue();
      },
      (v) => v.includes('See you on Thursday.'),
    );
    expect(kept).toContain('See you on Thursday.\n\nTagged:');
    await again.close();
    expect(cspErrors).toEqual([]);
    await wide.close();
    await panel.close();
  });
  it('exports everything and imports it into an empty profile with identical data', async () => {
    const session = await summitProfile({ recaps: [SAVED_RECAP], templates: [USER_TEMPLATE] });
    const options = await session.openPage('options.html');
    const before = await dumpDatabase(options);
    expect(before.recaps!.map((r) => (r as { id: string }).id)).toEqual([SAVED_RECAP.id]);
    expect(before.templates!.map((t) => (t as { id: string }).id)).toContain(USER_TEMPLATE.id);
    expect(before.blobs!.map((b) => (b as { id: string }).id)).toEqual([THUMB.id]);
    expect(before.notes).toHaveLength(NOTES.length);
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export backup (.json)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^talkmarks-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = (await download.path())!; // the browser's own download: the import reads it back

    const empty = await emptyProfile();
    const target = await empty.openPage('options.html');
    await target.setInputFiles('[data-testid="backup-file"]', file);
    await target.getByRole('button', { name: /^Import \d+ records$/ }).click();
    await target.getByText(/Import finished/).waitFor();
    expect(await dumpDatabase(target)).toEqual(before);
    await options.close();
  });
});
