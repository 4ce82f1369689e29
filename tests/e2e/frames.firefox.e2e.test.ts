/**
 * An embedded deck in Firefox ESR (issue 14, item 1): the frame's capture module reports to the
 * background, never to the page; the top frame finds the frame's element by the frame id Firefox
 * tells it (`runtime.getFrameId`) and answers for the tab with the embedded slide. The page on
 * 127.0.0.1 embeds the real reveal.js demo deck from localhost (two origins, as with a real embed;
 * both are known hosts in the E2E build; the iframe's src redirects, so its address does not name
 * the frame) and records every `message` event it receives.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxSession, launchFirefox, poll } from './firefox';
import { type FixtureServer, serveFixtures } from './server';

interface Capture {
  kind?: string;
  platform?: string;
  url?: string;
  slide?: { index: number; label: string; title?: string };
  slideRect?: { x: number; width: number };
}

let server: FixtureServer;
let ff: FirefoxSession;

beforeAll(async () => {
  const embed = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/go-deck') {
      // The iframe's src redirects: the frame's address is not its src, so only the frame id finds it.
      res.writeHead(302, { location: `${server.origin.replace('127.0.0.1', 'localhost')}/demo.html#/2/1` });
      res.end();
      return true;
    }
    if (!req.url?.startsWith('/embed.html')) return false;
    const deck = `${server.origin.replace('127.0.0.1', 'localhost')}/go-deck`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><title>Conference talk page</title>
<script>window.__heard = []; addEventListener('message', (e) => window.__heard.push(String(e.origin)), true);</script>
<h1>Replication talk</h1><iframe src="${deck}" width="800" height="450" style="margin-left:100px"></iframe></html>`,
    );
    return true;
  };
  server = await serveFixtures(['node_modules/reveal.js'], [embed]);
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

describe('an embedded deck in Firefox', () => {
  it('reports through the background and the tab answers with its slide; the page hears nothing', async () => {
    const url = server.url('/embed.html');
    const { page, tabId } = await ff.openTab(url);

    // The deck's frame reported to the background, under its own frame id.
    const reports = await poll(
      () =>
        ff.inExtension(async (b, id) => {
          const all = await b.storage.session.get(null);
          return Object.entries(all)
            .filter(([key]) => key.startsWith(`frames:${id}:`))
            .map(([, value]) => value as { frameId: number; url: string; capture: Capture });
        }, tabId),
      (list) => list.some((r) => r.capture.slide?.label === '3.2'),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]?.frameId).toBeGreaterThan(0);
    expect(reports[0]?.url).toContain('/demo.html');

    // The capture module comes to the page itself (as the side panel's request brings it).
    await ff.inExtension(
      (b, id) => b.scripting.executeScript({ target: { tabId: id }, files: ['/content-scripts/capture.js'] }),
      tabId,
    );
    const capture = (await poll(
      () => ff.captureOf(tabId),
      (c) => (c as Capture | null)?.slide?.label === '3.2',
    )) as Capture;
    expect(capture).toMatchObject({
      kind: 'slides',
      platform: 'reveal',
      url,
      slide: { index: 3, label: '3.2', title: 'Basement Level 1' },
    });
    // The slide sits inside the iframe, which starts 100 px from the page's left edge.
    expect(capture.slideRect?.x).toBeGreaterThan(0.05);

    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
  });
});
