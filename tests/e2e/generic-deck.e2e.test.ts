/**
 * A deck made with an engine no adapter knows, acted out in Chromium: WebSlides' own Keynote demo
 * (webslides@1.5.0 `demos/keynote.html`, a devDependency, run by the package's own
 * `static/js/webslides.js`), served from node_modules on 127.0.0.1. The user opens Talkmarks on it,
 * presses the right arrow key: the capture follows to slide 2 with its title; a note written in the
 * popup there is filed under slide 2.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureOf, type ExtensionSession, launchExtension } from './harness';
import { type FixtureServer, serveFixtures } from './server';

interface Capture {
  kind: string;
  platform: string;
  url: string;
  deck?: { title: string; slideCount?: number; url: string };
  slide?: { index: number; label: string; title?: string; text?: string };
}

// What the deck shows (read from demos/keynote.html: 40 sections in #webslides, slide 2's heading).
const SLIDE_2 = 'Make a Keynote presentation using HTML';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures(['node_modules/webslides']);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  session = await launchExtension();
  // The demo links a web font from another host: nothing leaves this machine.
  await session.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
});
afterEach(async () => {
  await session?.close(true);
});

/** Opens an extension page in a window of its own, so the deck's tab stays the visible one of its window. */
async function openInWindow(path: string, tabId: number): Promise<Page> {
  const opener = await session.openPage('popup.html', { tabId: 0 });
  const [page] = await Promise.all([
    session.context.waitForEvent('page'),
    opener.evaluate(
      (url) =>
        chrome.windows.create({ url: chrome.runtime.getURL(url), type: 'normal', width: 420, height: 900 }),
      `${path}?tabId=${tabId}`,
    ),
  ]);
  await opener.close();
  await page.waitForLoadState();
  return page;
}

async function captureUntil(tabId: number, accept: (c: Capture) => boolean): Promise<Capture> {
  let last: Capture | null = null;
  await expect
    .poll(async () => {
      last = (await captureOf(session, tabId).catch(() => null)) as Capture | null;
      return last ? accept(last) : false;
    })
    .toBe(true);
  return last as unknown as Capture;
}

describe('WebSlides demo deck in Chromium (generic slide reader)', () => {
  it('follows the arrow key to slide 2 and files a popup note under it', async () => {
    const deck = await session.context.newPage();
    await deck.goto(server.url('/demos/keynote.html'), { waitUntil: 'domcontentloaded' });
    await deck.waitForSelector('html.ws-ready #webslides > section.current');
    await expect.poll(() => deck.url()).toContain('#slide=1');
    const tabId = await session.tabIdOf(deck.url());

    // Opening Talkmarks on the tab brings the capture module into it (no detector marker on this page).
    const first = await openInWindow('popup.html', tabId);
    await expect.poll(() => first.getByTestId('current-slide').textContent()).toContain('Slide 1 of 40');
    await first.close();
    const one = await captureUntil(tabId, (c) => c.slide?.index === 0);
    expect(one).toMatchObject({
      kind: 'slides',
      platform: 'generic-deck',
      url: server.url('/demos/keynote.html'),
      deck: { slideCount: 40, title: SLIDE_2 }, // the deck's og:title
      slide: { index: 0, label: '1' },
    });

    await deck.bringToFront();
    await deck.keyboard.press('ArrowRight');
    await expect.poll(() => deck.url()).toContain('#slide=2');
    const two = await captureUntil(tabId, (c) => c.slide?.index === 1);
    expect(two.slide).toMatchObject({ index: 1, label: '2', title: SLIDE_2 });
    expect(two.slide?.text).toContain('WebSlides is an open source framework');

    const popup = await openInWindow('popup.html', tabId);
    await expect
      .poll(() => popup.getByTestId('current-slide').textContent())
      .toBe(`Slide 2 of 40 — ${SLIDE_2}`);
    const box = popup.getByRole('combobox', { name: 'Note' });
    await box.fill('Keynote look in plain HTML #webslides');
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    await popup.close();

    // The side panel lists it under this slide, with the slide's label and title as its anchor.
    const panel = await openInWindow('sidepanel.html', tabId);
    const here = panel.getByRole('list', { name: 'Notes on this slide' });
    await expect.poll(() => here.getByText('Keynote look in plain HTML').count()).toBe(1);
    expect(await here.getByTestId('slide-link').textContent()).toBe(`Slide 2 — ${SLIDE_2}`);
    await deck.close();
  });
});
