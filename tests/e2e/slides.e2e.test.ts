/**
 * Slide capture, acted out in Chromium on the real reveal.js demo deck (reveal.js@6.0.2 `demo.html`,
 * served from node_modules on 127.0.0.1, which the TALKMARKS_E2E build captures like a known host):
 * the public `talkmarks:capture` answer on slide 3 and a vertical sub-slide, a note written in the
 * popup filed under its slide with a thumbnail, the side panel following slide flips without reload,
 * and the note's slide link bringing the deck back.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, captureOf, type ExtensionSession, launchExtension } from './harness';
import { type FixtureServer, serveFixtures } from './server';

interface Capture {
  kind: string;
  platform: string;
  url: string;
  deck?: { title: string; slideCount?: number; url: string };
  slide?: { index: number; label: string; title?: string; text?: string };
  slideRect?: { x: number; y: number; width: number; height: number };
}

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures(['node_modules/reveal.js']);
});
afterAll(async () => {
  await server?.close();
});

// Each test starts on a new, empty profile: what one test saved is never another's starting point.
beforeEach(async () => {
  // Lets the test click the toolbar button (CDP Extensions.triggerAction), which grants activeTab
  // as a user's click does: tabs.captureVisibleTab (the thumbnail) needs that grant.
  session = await launchExtension({ args: ['--enable-unsafe-extension-debugging'] });
});
afterEach(async () => {
  await session?.close(true);
});

/** Opens an extension page in a window of its own, so the deck's tab stays the visible one of its window. */
async function openInWindow(path: string, query: Record<string, string | number>): Promise<Page> {
  const opener = await session.openPage('popup.html', { tabId: 0 });
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const [page] = await Promise.all([
    session.context.waitForEvent('page'),
    opener.evaluate(
      (url) =>
        chrome.windows.create({ url: chrome.runtime.getURL(url), type: 'normal', width: 420, height: 900 }),
      `${path}?${qs}`,
    ),
  ]);
  await opener.close();
  await page.waitForLoadState();
  return page;
}

/** Clicks the extension's toolbar button on the tab showing `url`, as a user would (opens the real popup). */
async function clickAction(url: string): Promise<void> {
  const browser = session.context.browser();
  if (!browser) throw new Error('no browser handle');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
      targetInfos: { type: string; url: string; targetId: string }[];
    };
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === url);
    if (!tab) throw new Error(`no tab target for ${url}`);
    await cdp.send(
      'Extensions.triggerAction' as never,
      { id: session.extensionId, targetId: tab.targetId } as never,
    );
  } finally {
    await cdp.detach();
  }
}

async function captureUntil(tabId: number, accept: (c: Capture) => boolean): Promise<Capture> {
  let last: Capture | null = null;
  await expect
    .poll(async () => {
      last = (await captureOf(session, tabId)) as Capture;
      return last ? accept(last) : false;
    })
    .toBe(true);
  return last as unknown as Capture;
}

describe('reveal.js demo deck in Chromium', () => {
  it('answers talkmarks:capture with index, label and title on slide 3 and on a vertical sub-slide', async () => {
    const deck = await session.context.newPage();
    await deck.goto(server.url('/demo.html#/2'));
    await deck.waitForSelector('.reveal.ready');
    const tabId = await session.tabIdOf(deck.url());

    const third = await captureUntil(tabId, (c) => c.slide?.index === 2);
    expect(third).toMatchObject({
      kind: 'slides',
      platform: 'reveal',
      url: server.url('/demo.html'),
      slide: { index: 2, label: '3.1', title: 'Vertical Slides' },
      deck: { url: server.url('/demo.html') },
    });
    expect(third.deck?.title).toContain('reveal.js');
    expect(third.deck?.slideCount).toBeGreaterThan(20);
    expect(third.slide?.text).toContain('Slides can be nested inside of each other.');

    await deck.keyboard.press('ArrowDown'); // → #/2/1
    await expect.poll(() => deck.url()).toContain('#/2/1');
    const sub = await captureUntil(tabId, (c) => c.slide?.index === 3);
    expect(sub.slide).toMatchObject({ index: 3, label: '3.2', title: 'Basement Level 1' });
    expect(sub.slideRect?.width).toBeGreaterThan(0.2);
    await deck.close();
  });

  it('files a popup note under its slide with a thumbnail, follows flips live, and jumps back', async () => {
    const deck = await session.context.newPage();
    await deck.goto(server.url('/demo.html#/2/1'));
    await deck.waitForSelector('.reveal.ready');
    await deck.bringToFront();
    const tabId = await session.tabIdOf(deck.url());
    await captureUntil(tabId, (c) => c.slide?.index === 3);

    await clickAction(deck.url()); // the user opens Talkmarks on this tab: activeTab is granted
    const panel = await openInWindow('sidepanel.html', { tabId });
    await expect.poll(() => panel.getByTestId('current-slide').textContent()).toContain('Basement Level 1');

    const popup = await openInWindow('popup.html', { tabId });
    await expect.poll(() => popup.getByTestId('current-slide').textContent()).toContain('Slide 3.2');
    const box = popup.getByRole('combobox', { name: 'Note' });
    await box.fill('Nested slides hold the detail #reveal');
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    await popup.close();

    // Under this slide in the side panel, with its thumbnail.
    const here = panel.getByRole('list', { name: 'Notes on this slide' });
    await expect.poll(() => here.getByText('Nested slides hold the detail').count()).toBe(1);
    await expect.poll(() => here.getByTestId('slide-thumbnail').count()).toBe(1);
    const size = await here.getByTestId('slide-thumbnail').evaluate((img) => ({
      w: (img as HTMLImageElement).naturalWidth,
      h: (img as HTMLImageElement).naturalHeight,
    }));
    expect(size.w).toBeGreaterThan(50);
    expect(size.w).toBeLessThanOrEqual(480);
    expect(await here.getByTestId('slide-link').textContent()).toBe('Slide 3.2 — Basement Level 1');

    // Flip: the panel follows without a reload; the note moves to "Rest of the deck".
    const panelLoads: string[] = [];
    panel.on('load', () => panelLoads.push('load'));
    await deck.bringToFront();
    await deck.keyboard.press('ArrowRight'); // → slide 4 "Slides"
    await expect.poll(() => panel.getByTestId('current-slide').textContent()).toContain('Slide 4');
    const rest = panel.getByRole('list', { name: 'Other notes on this deck' });
    await expect.poll(() => rest.getByText('Nested slides hold the detail').count()).toBe(1);
    await expect.poll(() => panel.getByText('No notes on this slide yet.').count()).toBe(1);
    expect(panelLoads).toEqual([]);

    // The note's slide link brings the deck back to slide 3.2.
    await rest.getByTestId('slide-link').click();
    await expect.poll(() => deck.url()).toContain('#/2/1');
    await expect
      .poll(() => deck.locator('.slides > section.present > section.present h2').textContent())
      .toBe('Basement Level 1');
    await expect.poll(() => panel.getByTestId('current-slide').textContent()).toContain('Slide 3.2');
    expect(await axeViolations(panel)).toEqual([]);
  });
});
