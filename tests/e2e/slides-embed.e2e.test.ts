/**
 * An embedded deck: a page on one origin shows the real reveal.js demo deck in an iframe from
 * another origin (as conference pages embed Speaker Deck or Google Slides players). The frame's
 * capture module reports to the page; the tab's answer carries the embedded deck's slide, with the
 * slide's rectangle moved into the page's viewport, and follows flips made inside the frame.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOf, type ExtensionSession, launchExtension } from './harness';
import { type FixtureServer, serveFixtures } from './server';

interface Capture {
  kind: string;
  platform: string;
  url: string;
  slide?: { index: number; label: string; title?: string };
  slideRect?: { x: number; y: number; width: number; height: number };
}

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  const embed = (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/embed.html')) return false;
    // The deck comes from localhost, the page from 127.0.0.1: two origins, as with a real embed.
    const deck = `${server.origin.replace('127.0.0.1', 'localhost')}/demo.html#/2/1`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Conference talk page</title><h1>Replication talk</h1><p>Slides below.</p><iframe src="${deck}" width="800" height="450" style="margin-left:100px"></iframe>`,
    );
    return true;
  };
  server = await serveFixtures(['node_modules/reveal.js'], [embed]);
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close(true);
  await server?.close();
});

describe('an embedded deck', () => {
  it('reports its slide to the embedding page, and follows flips inside the frame', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/embed.html'));
    const frame = page.frameLocator('iframe');
    await frame.locator('.reveal.ready').waitFor();
    const tabId = await session.tabIdOf(page.url());

    // The page itself has no deck: the side panel's request injects the capture module there.
    const panel = await session.openPage('sidepanel.html', { tabId });
    await expect.poll(() => panel.getByTestId('current-slide').textContent()).toContain('Basement Level 1');

    const capture = (await captureOf(session, tabId)) as Capture;
    expect(capture).toMatchObject({
      kind: 'slides',
      platform: 'reveal',
      url: server.url('/embed.html'),
      slide: { index: 3, label: '3.2', title: 'Basement Level 1' },
    });
    // The slide sits inside the iframe, which starts 100 px (of 1280) from the left.
    expect(capture.slideRect?.x).toBeGreaterThan(100 / 1280 - 0.01);
    expect(capture.slideRect?.width).toBeLessThan(800 / 1280 + 0.01);

    const deckFrame = page.frames().find((f) => f.url().includes('/demo.html'));
    await deckFrame?.evaluate(() => {
      location.hash = '#/3'; // the deck flips (as its own controls would)
    });
    await expect.poll(() => deckFrame?.url()).toContain('#/3');
    await expect.poll(async () => ((await captureOf(session, tabId)) as Capture).slide?.label).toBe('4');
    await expect.poll(() => panel.getByTestId('current-slide').textContent()).toContain('Slide 4');
  });
});
