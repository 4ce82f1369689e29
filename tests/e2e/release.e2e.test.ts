/**
 * The release path, end to end (issue 9, item 4): the RELEASE build (TALKMARKS_E2E=0, read from
 * TALKMARKS_RELEASE_EXT_DIR) in Chromium, pages served over HTTPS under real host names
 * (release-harness.ts). Unlike the other e2e files, no page here is on a host the test build adds:
 * what runs on a page is what runs for a user.
 *
 * (a) Known hosts (www.youtube.com, speakerdeck.com): the static detector has the capture module
 *     injected with no click; the tab answers `talkmarks:capture` with what the saved page says.
 * (b) Unknown hosts (a self-hosted reveal.js deck, a conference site): nothing of Talkmarks runs in
 *     the page before the user acts; a click on the toolbar button (activeTab) opens the real popup,
 *     which shows the deck and slide, and a note written there is filed under that slide, with the
 *     thumbnail only activeTab allows.
 * (c) "Enable on this site": the popup's request asks for that origin only, and pages of that origin
 *     are then captured with no click, after a reload and in a fresh tab; other sites stay untouched.
 *     Headless Chromium leaves a permission prompt unanswered (it waits for a person), so the origin
 *     is first put on the list of sites the user allowed in Chrome's extension settings (the call
 *     chrome://extensions makes, developerPrivate.addHostPermission). Chrome grants a request for
 *     origins on that list without a prompt and prompts for anything else, so the popup's request
 *     completes only if it asks for nothing beyond that origin. The prompt itself is not clicked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchRelease,
  type Probe,
  type ReleaseSession,
  serveHosts,
  type TlsServer,
  watchWorlds,
} from './release-harness';

const YOUTUBE = 'https://www.youtube.com/watch?v=DIsktwOQZuU&t=42s';
const SPEAKERDECK = 'https://speakerdeck.com/player/1910ac12ec6a4e6eb07b38ad85c09631';
const DECK = 'https://slides.example/demo.html';
const CONFERENCE = 'https://material.is/2018/';
/** Chromium's answer when no script in the tab listens for the message. */
const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
/** The extension's name: Chromium names its isolated world in a page after it. */
const WORLD = 'Talkmarks';

interface Capture {
  kind: string;
  platform: string;
  url: string;
  title?: string;
  deck?: { title: string; slideCount?: number; url: string; author?: string };
  slide?: { index: number; label: string; title?: string };
  talk?: { title: string; speakers: { name: string; url?: string }[]; url?: string };
}

let server: TlsServer;
let session: ReleaseSession | undefined;

beforeAll(async () => {
  server = await serveHosts({
    'www.youtube.com': { files: { '/watch': 'tests/fixtures/sessions/youtube-watch.html' } },
    'speakerdeck.com': {
      files: {
        '/player/1910ac12ec6a4e6eb07b38ad85c09631': 'tests/fixtures/slides/speakerdeck/player-ctdesign.html',
      },
    },
    'slides.example': { root: 'node_modules/reveal.js' },
    'material.is': { files: { '/2018/': 'tests/fixtures/sessions/microdata-conference.html' } },
  });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** A fresh browser and profile for each test: no grant or note carries over. */
async function start(): Promise<ReleaseSession> {
  await session?.close();
  session = await launchRelease(server);
  return session;
}

/** Polls the tab until its capture module answers and `accept` holds; returns that answer. */
async function captureUntil(s: ReleaseSession, tabId: number, accept: (c: Capture) => boolean) {
  let last: Probe | undefined;
  await expect
    .poll(async () => {
      last = await s.ask(tabId);
      return 'answer' in last && last.answer ? accept(last.answer as Capture) : false;
    })
    .toBe(true);
  return (last as { answer: Capture }).answer;
}

/** Opens `url` in the browser's first window, recording the extension worlds created in it from the start. */
async function openWatched(s: ReleaseSession, url: string) {
  const page = await s.context.newPage();
  const worlds = await watchWorlds(s.context, page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, worlds, tabId: await s.tabIdOf(page.url()) };
}

/** Nothing of Talkmarks in the page: no isolated world was ever made in it, and no script answers. */
async function expectUntouched(s: ReleaseSession, page: Page, names: () => string[], tabId: number) {
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => document.readyState)).toBe('complete');
  expect(names()).not.toContain(WORLD);
  expect(await s.ask(tabId)).toEqual({ error: NO_RECEIVER });
}

describe('release build: known hosts are captured with no click', () => {
  it('a YouTube watch page answers with the talk the saved page names', async () => {
    const s = await start();
    const { page, worlds, tabId } = await openWatched(s, YOUTUBE);
    const c = await captureUntil(s, tabId, (c) => c.platform === 'youtube');
    expect(c).toMatchObject({
      kind: 'video',
      platform: 'youtube',
      url: 'https://www.youtube.com/watch?v=DIsktwOQZuU', // the &t=42s is not part of the talk
      talk: {
        title: 'GBAF 2024 – Highlights',
        speakers: [{ name: 'Global Brain', url: 'http://www.youtube.com/@globalbrain6133' }],
      },
    });
    // The injection is visible to the page-side probe used for the unknown hosts below.
    expect(worlds.names()).toContain(WORLD);
    await worlds.detach();
    await page.close();
  });

  it('a Speaker Deck player answers with its deck and one of its slides', async () => {
    const s = await start();
    const { tabId } = await openWatched(s, SPEAKERDECK);
    const c = await captureUntil(s, tabId, (c) => c.platform === 'speakerdeck');
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'speakerdeck',
      deck: {
        title: '1.sam-researching-casework.pdf',
        slideCount: 20,
        url: 'https://speakerdeck.com/ctdesign/1-dot-sam-researching-casework',
        author: 'ctdesign', // the author link is empty; its profile path names the user
      },
    });
    // Which slide: the saved player is unstyled (its CSS was not saved), so the "most visible slide"
    // rule sees all 20 stacked; any of them, numbered as the player numbers them (1-based).
    expect(c.slide?.index).toBeGreaterThanOrEqual(0);
    expect(c.slide?.index).toBeLessThan(20);
    expect(c.slide?.label).toBe(String((c.slide?.index ?? -2) + 1));
  });
});

describe('release build: unknown hosts wait for the user', () => {
  it('a self-hosted reveal.js deck: untouched until the toolbar click, then the popup files a note under its slide', async () => {
    const s = await start();
    const { page: deck, worlds, tabId } = await openWatched(s, `${DECK}#/2/1`);
    await deck.waitForSelector('.reveal.ready');
    await expectUntouched(s, deck, worlds.names, tabId);
    const beforeClick = worlds.names();

    await deck.bringToFront();
    const popup = await s.clickAction(deck.url());
    await expect.poll(() => popup.text('[data-testid="current-slide"]')).toContain('Slide 3.2');
    expect(await popup.text('[data-testid="current-slide"]')).toContain('Basement Level 1');
    expect(await popup.text('main h1')).toContain('reveal.js');
    // The capture module arrived with the click, not before.
    expect(beforeClick).not.toContain(WORLD);
    expect(worlds.names()).toContain(WORLD);
    const c = await captureUntil(s, tabId, (c) => c.slide?.index === 3);
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'reveal',
      deck: { url: DECK },
      slide: { label: '3.2' },
    });

    await popup.click('#note-body');
    await popup.type('Nested slides hold the detail');
    await popup.click('form button[type="submit"]');
    await expect.poll(() => popup.evaluate<string>('document.querySelector("#note-body").value')).toBe('');
    await expect.poll(() => popup.text('[data-testid="page-note-count"]')).toBe('1 note on this page');
    await popup.close();

    // Filed under the deck's slide 3.2, with a thumbnail (tabs.captureVisibleTab: only with activeTab).
    const panel = await s.context.newPage();
    await panel.goto(`chrome-extension://${s.extensionId}/sidepanel.html?tabId=${tabId}`);
    const here = panel.getByRole('list', { name: 'Notes on this slide' });
    await expect.poll(() => here.getByText('Nested slides hold the detail').count()).toBe(1);
    expect(await here.getByTestId('slide-link').textContent()).toBe('Slide 3.2 — Basement Level 1');
    await expect.poll(() => here.getByTestId('slide-thumbnail').count()).toBe(1);
    await worlds.detach();
  });

  it('a conference site: untouched until the toolbar click, then the popup shows the event', async () => {
    const s = await start();
    const { page, worlds, tabId } = await openWatched(s, CONFERENCE);
    await expectUntouched(s, page, worlds.names, tabId);

    await page.bringToFront();
    const popup = await s.clickAction(page.url());
    await expect.poll(() => popup.text('main h1')).toBe('Material 2018');
    const c = await captureUntil(s, tabId, (c) => c.platform === 'microdata');
    expect(c.talk).toMatchObject({ title: 'Material 2018', url: 'https://material.is/2018/' });
    expect(worlds.names()).toContain(WORLD);
    await popup.close();
    await worlds.detach();
  });
});

describe('release build: "Enable on this site"', () => {
  it('asks for that origin only; its pages are then captured with no click, other sites are not', async () => {
    const s = await start();
    const origin = 'https://material.is/*';
    const { page, worlds, tabId } = await openWatched(s, CONFERENCE);
    await expectUntouched(s, page, worlds.names, tabId);
    const granted = () => s.probe.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []);
    const registered = () =>
      s.probe.evaluate(async () =>
        (await chrome.scripting.getRegisteredContentScripts()).map((r) => ({ matches: r.matches })),
      );
    const originsBefore = await granted();
    expect(originsBefore).not.toContain(origin);

    // The user allows the site in Chrome's extension settings. That alone starts nothing.
    const settings = await s.context.newPage();
    await settings.goto('chrome://extensions');
    await settings.evaluate(
      ([id, host]) =>
        (
          chrome as unknown as {
            developerPrivate: { addHostPermission(i: string, h: string): Promise<void> };
          }
        ).developerPrivate.addHostPermission(id, host),
      [s.extensionId, origin] as const,
    );
    await settings.close();
    expect(await granted()).toEqual(originsBefore);
    expect((await registered()).filter((r) => r.matches?.includes(origin))).toEqual([]);
    await page.reload({ waitUntil: 'load' });
    await expectUntouched(s, page, worlds.names, tabId);

    // The user clicks Talkmarks, then "Enable on this site".
    await page.bringToFront();
    const popup = await s.clickAction(page.url());
    // Once the popup shows the page, its layout holds still: the click lands on the button.
    await expect.poll(() => popup.text('main h1')).toBe('Material 2018');
    expect(await popup.text('[data-testid="enable-on-site"] button')).toBe('Enable on this site');
    await popup.click('[data-testid="enable-on-site"] button');
    await expect
      .poll(() => popup.text('[data-testid="enable-on-site"]'))
      .toContain('Talkmarks follows every page on material.is.');
    await popup.close();

    // Exactly that origin was added, and the background registers the capture module for it alone (known hosts
    // keep their detector: Chrome reports docs.google.com/presentation/* as docs.google.com/*, which
    // must not count as a site the user enabled).
    const originsAfter = await granted();
    expect(originsAfter.filter((o) => !originsBefore.includes(o))).toEqual([origin]);
    await expect.poll(async () => (await registered()).map((r) => r.matches)).toEqual([[origin]]);

    // After a reload, and in a tab never clicked: captured with no click.
    await page.reload({ waitUntil: 'load' });
    const reloaded = await captureUntil(s, tabId, (c) => c.platform === 'microdata');
    expect(reloaded.talk).toMatchObject({ title: 'Material 2018' });
    const fresh = await openWatched(s, `${CONFERENCE}?day=2`);
    const again = await captureUntil(s, fresh.tabId, (c) => c.platform === 'microdata');
    expect(again.talk).toMatchObject({ title: 'Material 2018', url: 'https://material.is/2018/' });
    expect(fresh.worlds.names()).toContain(WORLD);

    // Another unknown site is still left alone.
    const other = await openWatched(s, DECK);
    await expectUntouched(s, other.page, other.worlds.names, other.tabId);
    await Promise.all([worlds.detach(), fresh.worlds.detach(), other.worlds.detach()]);
  });
});
