/**
 * The side panel's kept first pages (issue 17): "All notes" paints its kept page at once on the next
 * open and swaps in the live list, and "This page" its kept first notes of the tab's page; a note
 * saved from another context in between makes them stale, and then they are never painted, not even
 * for a frame; a deleted note never appears. A list shorter than a page keeps every row and its
 * count as a note saved elsewhere comes in.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, until } from './harness';
import { type FixtureServer, serveFixtures } from './server';

let session: ExtensionSession;
let server: FixtureServer;

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
});
afterAll(async () => {
  await server?.close();
});

interface Hooks {
  createNote(input: { body: string; url: string }): Promise<{ id: string }>;
}

beforeEach(async () => {
  session = await launchExtension();
  // In every page from its first line: whether a kept first page (the library's, or "This page"'s
  // kept notes) was ever in the DOM, and its text; and every note "This page" ever listed.
  await session.context.addInitScript(() => {
    const w = window as unknown as { __firstPageSeen?: string[]; __notesSeen?: string[] };
    w.__firstPageSeen = [];
    w.__notesSeen = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="first-page"], [data-testid="this-page-first"]');
      if (el && !w.__firstPageSeen!.includes(el.textContent ?? ''))
        w.__firstPageSeen!.push(el.textContent ?? '');
      for (const p of document.querySelectorAll(
        '[aria-label="Notes on this page"] [data-note-id] .note-body',
      ))
        if (!w.__notesSeen!.includes(p.textContent ?? '')) w.__notesSeen!.push(p.textContent ?? '');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
});

afterEach(async () => {
  await session?.close(true);
});

const save = async (page: Page, body: string) =>
  page.evaluate(
    (b) =>
      (window as unknown as { __talkmarksLibrary: Hooks }).__talkmarksLibrary.createNote({
        body: b,
        url: 'https://example.org/talk',
      }),
    body,
  );
const kept = (page: Page) =>
  page.evaluate(async () => {
    const got = await chrome.storage.local.get('firstPage');
    return (got.firstPage as { rows: { body: string }[] } | undefined)?.rows.map((r) => r.body) ?? [];
  });
const seen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __firstPageSeen: string[] }).__firstPageSeen);
const liveRows = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#library-list [data-note-id]')].map((e) => e.textContent ?? ''),
  );

describe('side panel first page', () => {
  it('paints the kept rows on the next open, never after a write from elsewhere', async () => {
    const writer = await session.openPage('sidepanel.html', { view: 'trash', tabId: 0 });
    await writer.waitForFunction(
      () => (window as unknown as { __talkmarksLibrary?: unknown }).__talkmarksLibrary,
    );
    await save(writer, 'Alpha note about storage');
    await save(writer, 'Beta note about kernels');

    // First open: nothing kept yet; the live list keeps its first screen once it is up.
    const first = await session.openPage('sidepanel.html', { view: 'library', scope: 'all', tabId: 0 });
    await until(
      () => liveRows(first),
      (rows) => rows.some((r) => r.includes('Beta note')),
    );
    expect(await seen(first)).toEqual([]);
    const rows = await until(
      () => kept(first),
      (r) => r.length === 2,
    );
    expect(rows).toEqual(['Beta note about kernels', 'Alpha note about storage']);
    await first.close();

    // Next open: the kept rows first, then the live list in their place.
    const second = await session.openPage('sidepanel.html', { view: 'library', scope: 'all', tabId: 0 });
    await until(
      () => liveRows(second),
      (r) => r.some((x) => x.includes('Beta note')),
    );
    const shown = await seen(second);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]).toContain('Beta note about kernels');
    await until(
      () => second.evaluate(() => document.querySelector('[data-testid="first-page"]') === null),
      (gone) => gone,
    );
    await second.close();

    // A note saved from another page while no panel is open: the kept page is stale, never painted.
    await save(writer, 'Gamma note saved elsewhere');
    const third = await session.openPage('sidepanel.html', { view: 'library', scope: 'all', tabId: 0 });
    const live = await until(
      () => liveRows(third),
      (r) => r.some((x) => x.includes('Gamma note')),
    );
    expect(live[0]).toContain('Gamma note saved elsewhere');
    expect(await seen(third)).toEqual([]);
  });

  it('a short list keeps every row and its count as a note saved elsewhere comes in', async () => {
    const writer = await session.openPage('sidepanel.html', { view: 'trash', tabId: 0 });
    await writer.waitForFunction(
      () => (window as unknown as { __talkmarksLibrary?: unknown }).__talkmarksLibrary,
    );
    const panel = await session.openPage('sidepanel.html', { view: 'library', scope: 'all', tabId: 0 });
    // An empty library says how to begin, not that filters match nothing; then fills in live.
    await until(
      () => panel.evaluate(() => document.body.textContent ?? ''),
      (text) => text.includes('No notes yet. Write one on any page'),
    );
    for (const body of ['First of three', 'Second of three', 'Third of three']) await save(writer, body);
    await until(
      () => liveRows(panel),
      (r) => r.length === 3,
    );
    // Every state of the list from the moment the new note is in it: its count line and its rows (the
    // first 14 characters of each, where a row's text starts with its note's body).
    await panel.evaluate(() => {
      const w = window as unknown as { __withNew: string[][] };
      w.__withNew = [];
      new MutationObserver(() => {
        const rows = [...document.querySelectorAll('#library-list [data-note-id]')].map(
          (e) => e.textContent ?? '',
        );
        if (!rows.some((r) => r.includes('Fourth, from elsewhere'))) return;
        const count = document.querySelector('[data-testid="library-count"]')?.textContent ?? '';
        w.__withNew.push([count, ...rows.map((r) => r.slice(0, 14))]);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await save(writer, 'Fourth, from elsewhere');
    const states = await until(
      () => panel.evaluate(() => (window as unknown as { __withNew: string[][] }).__withNew),
      (s) => s.length > 0,
    );
    // From its first frame on: four rows, the oldest still there, and the count saying so.
    for (const state of states)
      expect(state).toEqual([
        '4 notes',
        'Fourth, from e',
        'Third of three',
        'Second of thre',
        'First of three',
      ]);
  });
});

describe('"This page" kept first notes', () => {
  const notesSeen = (page: Page) =>
    page.evaluate(() => (window as unknown as { __notesSeen: string[] }).__notesSeen);
  /** The live list's notes (not the kept ones), once it is on screen. */
  const liveNotes = (page: Page) =>
    page.evaluate(() =>
      document.querySelector('[data-testid="this-page-first"]')
        ? []
        : [
            ...document.querySelectorAll(
              '[aria-label="Notes on this page"]:not([data-kept]) [data-note-id] .note-body',
            ),
          ].map((e) => e.textContent ?? ''),
    );
  const keptNotes = (page: Page) =>
    page.evaluate(async () => {
      const got = await chrome.storage.local.get('thisPageFirst');
      return (got.thisPageFirst as { rows: { text: string }[] } | undefined)?.rows.map((r) => r.text) ?? [];
    });

  it("paints the page's kept notes on the next open, then the live ones; never a deleted or stale one", async () => {
    const pageUrl = server.url('/talk.html');
    const tab = await session.context.newPage();
    await tab.goto(pageUrl);
    const tabId = await session.tabIdOf(pageUrl);
    // The page's capture, as the panel asked the background for it (kept per tab for the session).
    const probe = await session.openPage('sidepanel.html', { tabId });
    const capture = await until(
      () =>
        probe.evaluate(
          async (id) =>
            (await chrome.storage.session.get(`capture:${id}`))[`capture:${id}`] as { url?: string },
          tabId,
        ),
      (c) => typeof c?.url === 'string',
    );
    await probe.close();
    const writer = await session.openPage('sidepanel.html', { view: 'trash', tabId: 0 });
    await writer.waitForFunction(
      () => (window as unknown as { __talkmarksLibrary?: unknown }).__talkmarksLibrary,
    );
    const saveOnPage = (body: string) =>
      writer.evaluate(
        ({ b, url }) =>
          (window as unknown as { __talkmarksLibrary: Hooks }).__talkmarksLibrary.createNote({
            body: b,
            url,
          }),
        { b: body, url: capture.url! },
      );
    await saveOnPage('Alpha note on the page');
    await saveOnPage('Beta note on the page');

    // First open: nothing kept yet; the live view keeps the page's first notes once it is up.
    const first = await session.openPage('sidepanel.html', { tabId });
    await until(
      () => liveNotes(first),
      (n) => n.length === 2,
    );
    expect(await seen(first)).toEqual([]);
    expect(
      await until(
        () => keptNotes(first),
        (r) => r.length === 2,
      ),
    ).toEqual(['Alpha note on the page', 'Beta note on the page']);
    await first.close();

    // Next open: the kept notes first, then the live ones in their place.
    const second = await session.openPage('sidepanel.html', { tabId });
    expect(
      await until(
        () => liveNotes(second),
        (n) => n.length === 2,
      ),
    ).toEqual(['Alpha note on the page', 'Beta note on the page']);
    const shown = await seen(second);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('Alpha note on the page');
    expect(shown[0]).toContain('Beta note on the page');
    // Deleted from the live list: gone from it, and from every later open.
    const alpha = second.locator('li[data-note-id]', { hasText: 'Alpha note on the page' });
    await alpha.getByRole('button', { name: 'Delete' }).click();
    await until(
      () => liveNotes(second),
      (n) => n.length === 1,
    );
    await second.close();

    const third = await session.openPage('sidepanel.html', { tabId });
    expect(
      await until(
        () => liveNotes(third),
        (n) => n.length === 1,
      ),
    ).toEqual(['Beta note on the page']);
    expect(await notesSeen(third)).toEqual(['Beta note on the page']);
    await third.close();

    // A note saved from another page while no panel is open: the kept notes are stale, never painted.
    await saveOnPage('Gamma note saved elsewhere');
    const fourth = await session.openPage('sidepanel.html', { tabId });
    expect(
      await until(
        () => liveNotes(fourth),
        (n) => n.length === 2,
      ),
    ).toEqual(['Beta note on the page', 'Gamma note saved elsewhere']);
    expect(await seen(fourth)).toEqual([]);
    expect(await notesSeen(fourth)).toEqual(['Beta note on the page', 'Gamma note saved elsewhere']);
  });
});
