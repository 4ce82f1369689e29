/**
 * Slide capture in Firefox ESR (E2E build: 127.0.0.1 is a known host there, as YouTube or Speaker
 * Deck are in a release build). On known hosts the static detector decides and has the capture
 * module injected; nothing registers the module for them. Then every engine with a saved deck: the
 * real reveal.js demo deck run live (with flips), and the runtime snapshots of impress.js, Marp,
 * Shower, remark and Slidev (tests/fixtures/slides/*), each answering `talkmarks:capture`.
 * A popup note on a slide gets its thumbnail once the user clicked the toolbar button (Firefox's
 * captureVisibleTab wants activeTab), and the sidebar follows flips and jumps back. Then the PDF
 * viewer, and "Open in Talkmarks" from a tab showing Firefox's own PDF viewer.
 * Expected values are read off the fixtures (titles, ids, counts), as the fixture tests do.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  clickButton,
  type FirefoxSession,
  launchFirefox,
  poll,
  pressCtrlEnter,
  texts,
  typeInto,
} from './firefox';
import { type FixtureServer, serveFixtures } from './server';

interface Capture {
  kind?: string;
  platform?: string;
  url?: string;
  title?: string;
  deck?: { title?: string; url?: string; author?: string; slideCount?: number };
  slide?: { index: number; label: string; title?: string; text?: string };
}

let server: FixtureServer;
let ff: FirefoxSession;
const readFixture = (path: string) => readFileSync(`tests/fixtures/slides/${path}`, 'utf8');

/** A page with no deck, talk or schedule: the detector must leave it alone. */
function plain(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== '/plain/') return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><html lang="en"><title>A blog post</title><p id="body">Nothing to see.</p></html>');
  return true;
}

/** Slidev's history routing: every slide path serves the app (as Slidev's hosting docs ask). */
function slidev(req: IncomingMessage, res: ServerResponse): boolean {
  const file = req.url === '/slidev/2' ? 'history-2.html' : req.url === '/slidev-hash/' ? 'hash-3.html' : '';
  if (!file) return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(readFixture(`slidev/${file}`));
  return true;
}

beforeAll(async () => {
  server = await serveFixtures(
    ['node_modules/reveal.js', 'tests/fixtures/slides', 'tests/fixtures/slides/pdf'],
    [plain, slidev],
  );
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

/** Waits for the tab's capture answer to satisfy `accept`; returns it. */
const captureWhen = (tabId: number, accept: (c: Capture) => boolean, timeoutMs?: number) =>
  poll(
    () => ff.captureOf(tabId) as Promise<Capture | null>,
    (c) => c !== null && accept(c),
    timeoutMs,
  ) as Promise<Capture>;

/** Is the capture module running in the tab's top frame (its flag, seen from the content-script world)? */
const captureModuleIn = (tabId: number) =>
  ff.inContentScript(
    tabId,
    () => (window as unknown as { __talkmarksCapture?: boolean }).__talkmarksCapture === true,
    null,
  );

describe('known hosts in Firefox: the detector decides', () => {
  it('registers no capture script for them, leaves a plain page alone, and injects once a deck appears', async () => {
    // Firefox reports the manifest's hosts as granted origins, 127.0.0.1 among them…
    const origins = await ff.inExtension(async (b) => (await b.permissions.getAll()).origins ?? [], null);
    expect(origins).toContain('http://127.0.0.1/*');
    // …and none of them is mistaken for a site the user enabled.
    const registered = await ff.inExtension(
      async (b) => (await b.scripting.getRegisteredContentScripts()).map((s) => s.id),
      null,
    );
    expect(registered.filter((id) => id.startsWith('talkmarks-site:'))).toEqual([]);

    const { page, tabId } = await openAndSettle(server.url('/plain/'));
    expect(await captureModuleIn(tabId)).toBe(false);
    expect(await ff.captureOf(tabId)).toBeNull();

    // The page renders a deck later (as single-page decks do): the detector's watch sees it.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<div class="reveal"><div class="slides"><section class="present"><h2>Late deck</h2></section></div></div>',
      );
    });
    const capture = await captureWhen(tabId, (c) => c.platform === 'reveal');
    expect(capture).toMatchObject({
      kind: 'slides',
      platform: 'reveal',
      slide: { index: 0, title: 'Late deck' },
    });
    expect(await captureModuleIn(tabId)).toBe(true);
    await page.close();
  });
});

/**
 * Opens a page and waits until it is loaded and content scripts reach it: our probe runs at
 * document_idle, the detector's time, so the detector has had its turn on the page as it loaded.
 */
async function openAndSettle(url: string) {
  const opened = await ff.openTab(url);
  const state = await poll(
    () => ff.inContentScript(opened.tabId, () => document.readyState, null),
    (s) => s === 'complete',
  );
  expect(state).toBe('complete');
  return opened;
}

describe('every slide engine in Firefox', () => {
  it('reveal.js (the live demo deck): a vertical sub-slide, then a flip', async () => {
    const { page, tabId } = await ff.openTab(server.url('/demo.html#/2/1'));
    const first = await captureWhen(tabId, (c) => c.slide?.index === 3);
    expect(first).toMatchObject({
      kind: 'slides',
      platform: 'reveal',
      url: server.url('/demo.html'),
      deck: { title: 'reveal.js – The HTML Presentation Framework', url: server.url('/demo.html') },
      slide: { index: 3, label: '3.2', title: 'Basement Level 1' },
    });
    expect(first.slide?.text).toContain('Nested slides are useful for adding additional detail');
    await page.evaluate(() => {
      location.hash = '#/3';
    });
    const next = await captureWhen(tabId, (c) => c.slide?.index === 5);
    expect(next.slide).toMatchObject({ label: '4', title: 'Slides' });
    expect(next.deck?.url).toBe(first.deck?.url); // one deck, whichever slide
    await page.close();
  });

  it('impress.js (its demo, at the "big" step)', async () => {
    const { page, tabId } = await ff.openTab(server.url('/impress/index-big.html#/big'));
    const c = await captureWhen(tabId, (x) => x.platform === 'impress');
    // The fixture's 13 `.step`s: bored, step-2, step-3, title, its, big, …
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'impress',
      deck: { slideCount: 13 },
      slide: { index: 5, label: 'big' },
    });
    expect(c.slide?.text).toContain('big thoughts');
    await page.close();
  });

  it('Marp (a deck rendered by marp-cli, its bespoke runtime running), then a flip', async () => {
    const { page, tabId } = await ff.openTab(server.url('/marp/deck.html#3'));
    const c = await captureWhen(tabId, (x) => x.slide?.label === '3');
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'marp',
      url: server.url('/marp/deck.html'),
      deck: { title: 'Replication in practice', author: 'Talkmarks fixture', slideCount: 4 },
      slide: { index: 2, label: '3', title: 'Quorums' },
    });
    expect(c.slide?.text).toContain('Write to W nodes');
    await page.evaluate(() => {
      location.hash = '#2';
    });
    const back = await captureWhen(tabId, (x) => x.slide?.label === '2');
    expect(back.slide).toMatchObject({ index: 1, title: 'Why replicate?' });
    expect(back.slide?.text).not.toContain('Speaker note');
    await page.close();
  });

  it('Shower (its template deck, full mode on slide 3)', async () => {
    const { page, tabId } = await ff.openTab(server.url('/shower/runtime-3.html?full#3'));
    const c = await captureWhen(tabId, (x) => x.platform === 'shower');
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'shower',
      deck: { title: 'Shower Presentation Engine', slideCount: 12 },
      slide: { index: 2, label: '3', title: 'Plain text on your slides' },
    });
    await page.close();
  });

  it('remark (its boilerplate deck on slide 2)', async () => {
    const { page, tabId } = await ff.openTab(server.url('/remark/boilerplate-2.html#2'));
    const c = await captureWhen(tabId, (x) => x.platform === 'remark');
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'remark',
      deck: {
        title: 'My Awesome Presentation',
        url: server.url('/remark/boilerplate-2.html'),
        slideCount: 3,
      },
      slide: { index: 1, label: '2', title: 'Agenda' },
    });
    expect(c.slide?.text).toMatch(/^Agenda Introduction Deep-dive \.\.\./);
    await page.close();
  });

  it('Slidev (a built deck, history and hash routing)', async () => {
    const history = await ff.openTab(server.url('/slidev/2'));
    const c = await captureWhen(history.tabId, (x) => x.platform === 'slidev');
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'slidev',
      deck: {
        title: 'Replication in practice',
        author: 'Talkmarks fixture',
        url: server.url('/slidev/'),
        slideCount: 4,
      },
      slide: { index: 1, label: '2', title: 'Why replicate?' },
    });
    await history.page.close();

    const hash = await ff.openTab(server.url('/slidev-hash/#/3'));
    const h = await captureWhen(hash.tabId, (x) => x.platform === 'slidev');
    expect(h).toMatchObject({
      deck: { url: server.url('/slidev-hash/'), slideCount: 4 },
      slide: { index: 2, label: '3', title: 'Quorums' },
    });
    expect(h.slide?.text).toBe('Quorums Write to W nodes, read from R nodes, and keep R + W > N.');
    await hash.page.close();
  });
});

describe('a note on a slide in Firefox', () => {
  it('gets a thumbnail once the user clicked Talkmarks on the tab; the sidebar follows flips and jumps back', async () => {
    const deckUrl = server.url('/demo.html#/2/1');
    const { page: deck, tabId } = await ff.openTab(deckUrl);
    await captureWhen(tabId, (c) => c.slide?.index === 3);

    // Popup and sidebar in a window of their own: the deck stays the visible tab of its window.
    const side = await ff.browser.newPage({ type: 'window' });
    const saveFromPopup = async (body: string, count: string) => {
      await ff.navigate(side, `${ff.base}/popup.html?tabId=${tabId}`);
      await poll(
        () => texts(side, '[data-testid="current-slide"]'),
        (t) => t[0]?.includes('Slide 3.2') === true,
      );
      await typeInto(side, '#note-body', body);
      await pressCtrlEnter(side);
      await poll(
        () => texts(side, '[data-testid="page-note-count"]'),
        (t) => t[0] === count,
      );
    };
    // Before any click, Firefox refuses tabs.captureVisibleTab (it wants <all_urls> or activeTab;
    // the host permission for 127.0.0.1 is not enough): the note is saved without a thumbnail.
    await saveFromPopup('Before the click #reveal', '1 note on this page');
    // The user clicks Talkmarks' toolbar button on the deck: activeTab is granted.
    await deck.bringToFront();
    await ff.clickAction(deckUrl);
    await saveFromPopup('Nested slides hold the detail #reveal', '2 notes on this page');

    await ff.navigate(side, `${ff.base}/sidepanel.html?tabId=${tabId}`);
    const here = 'ul[aria-label="Notes on this slide"]';
    const rows = await poll(
      () =>
        side.evaluate((l) => {
          return [...document.querySelectorAll(`${l} [data-note-id]`)].map((r) => {
            const img = r.querySelector<HTMLImageElement>('[data-testid="slide-thumbnail"]');
            return {
              body: r.querySelector('.note-body')?.textContent ?? '',
              thumb: img ? { w: img.naturalWidth, h: img.naturalHeight } : null,
              link: r.querySelector('[data-testid="slide-link"]')?.textContent ?? '',
            };
          });
        }, here),
      (r) => r.length === 2 && r.some((x) => (x.thumb?.w ?? 0) > 0),
    );
    const before = rows.find((r) => r.body.includes('Before the click'));
    const after = rows.find((r) => r.body.includes('Nested slides hold the detail'));
    expect(before?.thumb).toBeNull();
    expect(after?.thumb?.w).toBeGreaterThan(50);
    expect(after?.thumb?.w).toBeLessThanOrEqual(480);
    expect(after?.link).toBe('Slide 3.2 — Basement Level 1');

    // Flip: the sidebar follows without a reload; the notes move to "Other notes on this deck".
    const loaded = await side.evaluate(() => performance.timeOrigin);
    await deck.evaluate(() => {
      location.hash = '#/3';
    });
    await poll(
      () => texts(side, '[data-testid="current-slide"]'),
      (t) => t[0]?.includes('Slide 4') === true,
    );
    const rest = 'ul[aria-label="Other notes on this deck"]';
    await poll(
      () => side.evaluate((l) => document.querySelectorAll(`${l} [data-note-id]`).length, rest),
      (n) => n === 2,
    );
    expect(await side.evaluate(() => performance.timeOrigin)).toBe(loaded);

    // A note's slide link brings the deck back to slide 3.2.
    await side.evaluate((l) => {
      const row = [...document.querySelectorAll(`${l} [data-note-id]`)].find((r) =>
        r.textContent?.includes('Nested slides hold the detail'),
      );
      row?.querySelector<HTMLElement>('[data-testid="slide-link"]')?.click();
    }, rest);
    await poll(
      () => deck.evaluate(() => location.hash),
      (h) => h === '#/2/1',
    );
    await poll(
      () => texts(side, '[data-testid="current-slide"]'),
      (t) => t[0]?.includes('Slide 3.2') === true,
    );
    expect(await axeViolations(side)).toEqual([]);
    await side.close();
    await deck.close();
  });
});

describe('PDF decks in Firefox', () => {
  it('the viewer is captured page by page, follows flips and goes back to a page', async () => {
    const pdfUrl = server.url('/deck.pdf');
    const viewer = `${ff.base}/pdf.html?file=${encodeURIComponent(pdfUrl)}#page=2`;
    const { page, tabId } = await ff.openTab(viewer);
    // The page's text (its title) is read once PDF.js has rendered it.
    const second = await captureWhen(tabId, (c) => c.slide?.label === '2' && !!c.slide.title, 20_000);
    expect(second).toMatchObject({
      platform: 'pdf',
      url: pdfUrl,
      deck: { title: 'Replication in practice', url: pdfUrl, slideCount: 3 },
      slide: { index: 1, label: '2', title: 'Why replicate?' },
    });

    await page.focus('body');
    await page.keyboard.press('ArrowRight');
    const third = await captureWhen(tabId, (c) => c.slide?.label === '3' && !!c.slide.title);
    expect(third.slide?.title).toContain('Quorums');

    const moved = await ff.inExtension(
      (b, id) =>
        b.tabs.sendMessage(id, { type: 'talkmarks:goto', target: { slide: { index: 0, label: '1' } } }),
      tabId,
    );
    expect(moved).toBe(true);
    await captureWhen(tabId, (c) => c.slide?.label === '1');
    expect(await page.evaluate(() => location.hash)).toBe('#page=1');
    await page.close();
  });

  it('the popup offers "Open in Talkmarks" on a PDF tab, which moves it into the viewer', async () => {
    const pdfUrl = server.url('/deck.pdf');
    const { page, tabId } = await ff.openTab(pdfUrl); // Firefox's own PDF viewer
    const popup = await ff.openPage('popup.html', { tabId });
    await clickButton(popup, 'Open in Talkmarks');
    const url = await poll(
      () => ff.inExtension(async (b, id) => (await b.tabs.get(id)).url ?? '', tabId),
      (u) => u.includes('/pdf.html?file='),
    );
    expect(url).toBe(`${ff.base}/pdf.html?file=${encodeURIComponent(pdfUrl)}`);
    const c = await captureWhen(tabId, (x) => x.platform === 'pdf', 20_000);
    expect(c.slide).toMatchObject({ index: 0, label: '1' });
    await page.close();
  });
});
