/**
 * Issue 13 in Chromium: the Red Hat Summit 2012 Wednesday (notes typed by hand, in
 * tests/fixtures/recap/voice) arrives through the options page's backup import; the wide composer
 * composes it with "Day post" equal to the hand-written golden, one slide thumbnail is placed inline
 * after its sentence, the post is copied as Markdown and as rich text and downloaded as a zip. The
 * Markdown parses back (micromark + GFM) to the golden's paragraphs with the picture in its place,
 * rich text embeds the image, and every image path of the zip's Markdown is a file in the zip. Then
 * the post is edited before copying, and regenerating asks before replacing the edits.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as mdText } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { afterEach, describe, expect, it } from 'vitest';
import { type BackupData, serializeBackup } from '../../storage/backup/format';
import { EVENT, INTRO, MOMENTS, NOTES, OUTRO, TALKS } from '../fixtures/recap/voice/red-hat-summit-2012';
import { axeViolations, type ExtensionSession, launchExtension, until } from './harness';

const GOLDEN = readFileSync('tests/fixtures/recap/voice/red-hat-summit-2012-wednesday.md', 'utf8');

/** A 1×1 PNG: the thumbnail of slide 7 of Jeff Darcy's talk, under the unified file and object note. */
const THUMB = {
  id: '01VR000000000000000000B001',
  createdAt: NOTES[5]!.createdAt,
  updatedAt: NOTES[5]!.createdAt,
  mime: 'image/png',
  data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  width: 1,
  height: 1,
};
const PICTURED = NOTES[5]!;
const IMAGE_PATH = `images/${THUMB.id}.png`;
/** The golden with the picture where the user put it: right after its note's sentence. */
const SENTENCE = 'the FUSE client and a Swift-compatible API.';
const withPicture = (src: string) => GOLDEN.replace(SENTENCE, `${SENTENCE} ![Slide 7](${src})`);

async function backupFile() {
  const data = {
    events: [EVENT],
    talks: TALKS,
    decks: [],
    blobs: [THUMB],
    notes: [
      ...NOTES.map((n) =>
        n.id === PICTURED.id
          ? { ...n, thumbnailId: THUMB.id, anchor: { slide: { index: 6, label: '7', title: 'UFO' } } }
          : n,
      ),
      ...MOMENTS,
    ],
    recaps: [],
    templates: [],
  } as unknown as BackupData;
  return {
    name: 'red-hat-voice.json',
    mimeType: 'application/json',
    buffer: Buffer.from(await serializeBackup(data, 'e2e')),
  };
}

const parse = (md: string): Root =>
  fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** The post's top-level blocks as kind and text (an image's alt text counts as its text). */
const blocks = (md: string) => parse(md).children.map((n) => `${n.type}: ${mdText(n)}`);

function imageUrls(md: string): string[] {
  const urls: string[] = [];
  const walk = (n: { type: string; url?: string; children?: unknown[] }) => {
    if (n.type === 'image' && n.url) urls.push(n.url);
    for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
  };
  walk(parse(md));
  return urls;
}

const opened: ExtensionSession[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close(true);
});

/** A new profile holding the Wednesday's notes, imported the way a user imports a backup. */
async function wednesday(): Promise<ExtensionSession> {
  const session = await launchExtension();
  opened.push(session);
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
  const options = await session.openPage('options.html');
  await options.setInputFiles('[data-testid="backup-file"]', await backupFile());
  await options.getByRole('button', { name: /^Import \d+ records$/ }).click();
  await options.getByText(/Import finished/).waitFor();
  await options.close();
  return session;
}

async function composeDayPost(session: ExtensionSession) {
  const composer = await session.openPage('composer.html');
  await composer.getByLabel('Event', { exact: true }).selectOption({ label: 'Red Hat Summit 2012' });
  await composer.getByLabel('Day', { exact: true }).selectOption('2012-06-27');
  await composer.getByLabel('Template', { exact: true }).selectOption({ label: 'Day post' });
  await composer.getByLabel('Intro', { exact: true }).fill(INTRO);
  await composer.getByLabel('Outro', { exact: true }).fill(OUTRO);
  const markdown = composer.getByTestId('recap-markdown');
  expect(
    await until(
      () => markdown.inputValue(),
      (v) => v === GOLDEN,
    ),
  ).toBe(GOLDEN);
  return { composer, markdown };
}

describe('a post in the writer’s voice, end to end in Chromium', () => {
  it('composes the Day post, places a thumbnail inline, copies both ways and downloads the zip', async () => {
    const session = await wednesday();
    const { composer, markdown } = await composeDayPost(session);
    const preview = composer.getByTestId('recap-preview');
    expect(await preview.locator('ul, ol').count()).toBe(0);

    // The user puts slide 7 of Jeff Darcy's talk in the post, after the sentence it illustrates.
    await composer
      .getByRole('list', { name: 'Pictures' })
      .getByRole('checkbox', { name: /^Show in post: Unified file and object/ })
      .check();
    await preview.locator('img[src^="data:image/png;base64,"]').waitFor();
    const shown = await until(
      () => markdown.inputValue(),
      (v) => v.includes('![Slide 7]('),
    );
    const dataUrl = `data:image/png;base64,${THUMB.data}`;
    expect(shown).toBe(withPicture(dataUrl));
    expect(await composer.getByRole('button', { name: 'Download .zip' }).isVisible()).toBe(true);

    await composer.getByRole('button', { name: 'Copy Markdown' }).click();
    await composer.getByText('Markdown copied.').waitFor();
    const copied = await composer.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(withPicture(dataUrl));
    // Parsed back: the golden's paragraphs, the picture in the GlusterFS one, no list.
    expect(blocks(copied)).toEqual(blocks(withPicture(IMAGE_PATH)));
    expect(blocks(copied).filter((b) => b.startsWith('paragraph: ')).length).toBe(10);
    expect(blocks(copied).some((b) => b.startsWith('list'))).toBe(false);
    expect(imageUrls(copied)).toEqual([dataUrl]);

    await composer.getByRole('button', { name: 'Copy rich text' }).click();
    await composer.getByText(/Copied as rich text/).waitFor();
    const html = await until(
      () =>
        composer.evaluate(async () => {
          const [item] = await navigator.clipboard.read();
          return (await item!.getType('text/html')).text();
        }),
      (h) => h.includes('<img'),
    );
    expect(html).toContain(`<img src="${dataUrl}" alt="Slide 7">`);
    expect(html.match(/<p>/g)?.length).toBe(10);
    expect(html).not.toContain('<li>');
    expect(html).toContain(
      '<a href="https://www.redhat.com/summit/2012/sessions/selinux-for-mere-mortals" target="_blank" rel="noopener noreferrer">SELinux for Mere Mortals</a>',
    );

    const [download] = await Promise.all([
      composer.waitForEvent('download'),
      composer.getByRole('button', { name: 'Download .zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('red-hat-summit-2012-wednesday.zip');
    const files = unzipSync(readFileSync((await download.path())!));
    expect(Object.keys(files).sort()).toEqual([IMAGE_PATH, 'red-hat-summit-2012-wednesday.md']);
    const md = strFromU8(files['red-hat-summit-2012-wednesday.md']!);
    expect(md).toBe(withPicture(IMAGE_PATH));
    // Every image the Markdown shows is a file of the zip, with the thumbnail's bytes.
    for (const src of imageUrls(md)) expect(Object.keys(files)).toContain(src);
    expect(Buffer.from(files[IMAGE_PATH]!).toString('base64')).toBe(THUMB.data);
    expect(await axeViolations(composer)).toEqual([]);
    await composer.close();
  });

  it('keeps the user’s edits with the recap and asks before regenerating over them', async () => {
    const session = await wednesday();
    const { composer, markdown } = await composeDayPost(session);
    await composer.getByRole('button', { name: 'Save' }).click();
    await composer.getByText('Recap saved.').waitFor();
    await composer.getByRole('button', { name: 'Edit the post' }).click();
    const edited = GOLDEN.replace('Tomorrow: more storage', 'Tomorrow: even more storage');
    await markdown.fill(edited);
    await until(
      () => composer.getByTestId('recap-preview').textContent(),
      (t) => (t ?? '').includes('even more storage'),
    );
    await composer.getByRole('button', { name: 'Copy Markdown' }).click();
    await composer.getByText('Markdown copied.').waitFor();
    expect(await composer.evaluate(() => navigator.clipboard.readText())).toBe(edited);
    expect(await composer.getByTestId('recap-length').textContent()).toMatch(/^\d+ words · \d+ min read$/);

    // Kept with the recap: a reload of the saved recap shows the edited text.
    await until(
      async () => {
        const again = await session.openPage('composer.html');
        await again.getByLabel('Saved recaps').selectOption({ index: 1 });
        const v = await until(
          () => again.getByTestId('recap-markdown').inputValue(),
          (x) => x !== '',
        );
        await again.close();
        return v;
      },
      (v) => v === edited,
    );

    // Regenerating asks first; keeping the edits changes nothing, replacing them brings the golden back.
    await composer.getByRole('button', { name: 'Regenerate from notes…' }).click();
    await composer.getByRole('button', { name: 'Keep my edits' }).click();
    expect(await markdown.inputValue()).toBe(edited);
    await composer.getByRole('button', { name: 'Regenerate from notes…' }).click();
    await composer.getByRole('button', { name: 'Replace my edits' }).click();
    expect(
      await until(
        () => markdown.inputValue(),
        (v) => v === GOLDEN,
      ),
    ).toBe(GOLDEN);
    await composer.close();
  });
  it('a note about the day goes through the background, filed under the event, and into that day’s post', async () => {
    const session = await wednesday();
    const { composer, markdown } = await composeDayPost(session);
    const text = 'Photos of the day are up: [the album](https://example.org/album)';
    await composer.getByRole('textbox', { name: 'Note about the day' }).fill(text);
    await composer.getByRole('button', { name: 'Add to the day' }).click();
    await composer.getByText('Note about the day added to Red Hat Summit 2012.').waitFor();
    // Filed under the event on no talk, written now: today (at the venue) is a day of the event's notes.
    const now = new Date();
    const wall = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'America/New_York',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(now)
        .map((p) => [p.type, p.value]),
    );
    const today = `${wall.year}-${wall.month}-${wall.day}`;
    const hour = Number(wall.hour);
    const part = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
    await composer.getByLabel('Day', { exact: true }).selectOption(today);
    const post = await until(
      () => markdown.inputValue(),
      (v) => v.includes('the album'),
    );
    expect(post).toContain(`\n\nIn the ${part}: ${text}.\n\n`);
    await composer.close();
  });
});
