/**
 * The composer loads nothing from other sites (issue 14, "Must show"): a talk whose quotes carry
 * images from another host — as Markdown images and as raw `<img>` page text — is previewed, copied
 * as Markdown and as rich text in Chromium while every request of the browser context is recorded
 * and a route fails any host that is not the extension. Nothing reaches that host until the user
 * ticks "Show images from other sites" for the post; then exactly those images are fetched (no
 * cookies, no referrer) and shown from local copies. The extension pages' CSP stops an `<img>`
 * that would reach another host anyway. The exported Markdown carries no `javascript:` link.
 */
import type { Request } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BackupData, serializeBackup } from '../../storage/backup/format';
import type { NoteRecord } from '../../storage/types';
import { EVENT, GLUSTER } from '../fixtures/recap/summit-2012';
import { type ExtensionSession, launchExtension, until } from './harness';

const FOREIGN = 'images.tracker.example';
const ROADMAP = `https://${FOREIGN}/roadmap.png`;
const BANNER = `https://${FOREIGN}/banner.png`;
const PIXEL = `https://${FOREIGN}/pixel.gif`;
/** A 1×1 PNG, what the foreign host serves once the user allows its images. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const at = (iso: string) => Date.parse(iso);
const quote = (id: string, when: string, body: string, exact: string): NoteRecord => ({
  id,
  createdAt: at(when),
  updatedAt: at(when),
  talkId: GLUSTER.id,
  url: GLUSTER.url!,
  pageTitle: GLUSTER.title,
  body,
  tags: [],
  kind: 'quote',
  anchor: { quote: { exact } },
});

/** Quotes taken from a page that embeds images from another host, one with a `javascript:` link. */
const NOTES: NoteRecord[] = [
  quote(
    '01CE0000000000000000000Q01',
    '2012-06-27T14:50:00Z',
    `The roadmap in one picture ![the roadmap](${ROADMAP})`,
    'The roadmap in one picture',
  ),
  quote(
    '01CE0000000000000000000Q02',
    '2012-06-27T14:55:00Z',
    `Tracked <img src="${PIXEL}"> and [the docs](javascript:alert(1))`,
    `<img src="${PIXEL}">`,
  ),
];

const opened: ExtensionSession[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close(true);
});

describe('the composer and images from other sites', () => {
  it('previews and copies a post with remote images without one request to their host, until allowed', async () => {
    const session = await launchExtension();
    opened.push(session);
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);

    // Every request the browser makes; any host but the extension's fails, unless the images are allowed.
    const requests: Request[] = [];
    let serveImages = false;
    session.context.on('request', (r) => requests.push(r));
    await session.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const url = route.request().url();
        if (serveImages && (url === ROADMAP || url === BANNER)) {
          return route.fulfill({
            status: 200,
            body: PNG,
            headers: { 'content-type': 'image/png', 'access-control-allow-origin': '*' },
          });
        }
        return route.abort('blockedbyclient');
      },
    );
    const foreign = () => requests.filter((r) => new URL(r.url()).host === FOREIGN).map((r) => r.url());

    // The talk and its quotes arrive as a backup, the way a user brings notes from another browser.
    const data = {
      events: [EVENT],
      talks: [GLUSTER],
      decks: [],
      blobs: [],
      notes: NOTES,
      recaps: [],
      templates: [],
    } as unknown as BackupData;
    const options = await session.openPage('options.html');
    await options.setInputFiles('[data-testid="backup-file"]', {
      name: 'quotes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(await serializeBackup(data, 'e2e')),
    });
    await options.getByRole('button', { name: /^Import \d+ records$/ }).click();
    await options.getByText(/Import finished/).waitFor();
    await options.close();

    const composer = await session.openPage('composer.html');
    /**
     * The images and links of the rich text on the clipboard; null while a copy is being written
     * (Chromium throws "Clipboard data has changed" when a write lands between read and getType).
     */
    const richText = () =>
      composer.evaluate(async () => {
        try {
          const [item] = await navigator.clipboard.read();
          const html = await (await item!.getType('text/html')).text();
          const doc = new DOMParser().parseFromString(html, 'text/html');
          return {
            images: [...doc.images].map((i) => i.getAttribute('src')),
            links: [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href')),
          };
        } catch {
          return null;
        }
      });
    await composer.getByLabel('Event', { exact: true }).selectOption({ label: 'Red Hat Summit 2012' });
    await composer
      .getByLabel('Day', { exact: true })
      .selectOption({ label: 'Wednesday, June 27, 2012 (1 talk)' });
    await composer.getByLabel('Intro', { exact: true }).fill(`Banner ![banner](${BANNER})`);

    // The Markdown keeps the images (it is text) and has no javascript: link; the preview shows links.
    const markdown = await until(
      () => composer.getByTestId('recap-markdown').inputValue(),
      (v) => v.includes('Banner') && v.includes('roadmap'),
    );
    expect(markdown).toContain(`![the roadmap](${ROADMAP})`);
    expect(markdown).toContain('[the docs](javascript%3Aalert(1))');
    expect(markdown).toContain(`&lt;img src="${PIXEL}">`);
    const preview = composer.getByTestId('recap-preview');
    await preview.getByText(`Image from ${FOREIGN}: the roadmap (not loaded)`).waitFor();
    await preview.getByText(`Image from ${FOREIGN}: banner (not loaded)`).waitFor();
    expect(await preview.locator('img').count()).toBe(0);
    expect(await preview.getByText(`<img src="${PIXEL}">`).count()).toBe(1);
    const toggle = composer.getByRole('checkbox', { name: 'Show images from other sites in this post (2)' });
    expect(await toggle.isChecked()).toBe(false);

    // Copy Markdown and Copy rich text: still nothing fetched, and the rich text has links, not images.
    await composer.getByRole('button', { name: 'Copy Markdown' }).click();
    await composer.getByText('Markdown copied.').waitFor();
    expect(await composer.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
    await composer.getByRole('button', { name: 'Copy rich text' }).click();
    await composer.getByText(/Copied as rich text/).waitFor();
    const rich = await until(richText, (r) => r !== null);
    if (!rich) throw new Error('no rich text on the clipboard');
    expect(rich.images).toEqual([]);
    expect(rich.links).toEqual(expect.arrayContaining([ROADMAP, BANNER]));
    expect(rich.links.filter((h) => h && /^\s*javascript:/i.test(h))).toEqual([]);

    // Until here, not one request to that host (Chromium reports even a CSP-blocked load as one).
    expect(foreign()).toEqual([]);

    // The CSP: an <img> to another host, put into the page by hand, is refused by the browser.
    const probe = `https://${FOREIGN}/csp-probe.png`;
    const loaded = await composer.evaluate(
      (src) =>
        new Promise<string>((done) => {
          const img = new Image();
          img.onload = () => done('load');
          img.onerror = () => done('error');
          img.src = src;
          document.body.append(img);
        }),
      probe,
    );
    expect(loaded).toBe('error');
    expect(foreign()).toEqual([probe]);
    expect(requests.find((r) => r.url() === probe)?.failure()?.errorText).toBe('csp');

    // The user allows this post's images: exactly those two are fetched, without cookies or
    // referrer, and shown from local copies (blob:), which the CSP allows.
    serveImages = true;
    await toggle.check();
    const shown = await until(
      () =>
        preview
          .locator('img')
          .evaluateAll((imgs) =>
            imgs.map((i) => ({ src: (i as HTMLImageElement).src, w: (i as HTMLImageElement).naturalWidth })),
          ),
      (list) => list.length === 2 && list.every((i) => i.w === 1),
    );
    expect(shown.every((i) => i.src.startsWith('blob:chrome-extension://'))).toBe(true);
    expect(
      foreign()
        .filter((u) => u !== probe)
        .sort(),
    ).toEqual([BANNER, ROADMAP]);
    for (const r of requests.filter((q) => q.url() === BANNER || q.url() === ROADMAP)) {
      const headers = await r.allHeaders();
      expect(headers.cookie).toBeUndefined();
      expect(headers.referer).toBeUndefined();
    }
    // Rich text now carries the images by their address (the blog loads them, not Talkmarks).
    await composer.getByRole('button', { name: 'Copy rich text' }).click();
    const allowed = await until(richText, (r) => r?.images.length === 2);
    expect(allowed?.images.sort()).toEqual([BANNER, ROADMAP]);
    // Copying fetched nothing more.
    expect(foreign().length).toBe(3);
    await composer.close();
  });
});
