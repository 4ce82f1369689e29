/**
 * The side panel's kept first page (issue 17): "All notes" paints it at once on the next open and
 * swaps in the live list; a note saved from another context in between makes it stale, and then it
 * is never painted, not even for a frame.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, until } from './harness';

let session: ExtensionSession;

interface Hooks {
  createNote(input: { body: string; url: string }): Promise<{ id: string }>;
}

beforeEach(async () => {
  session = await launchExtension();
  // In every page from its first line: whether a kept first page was ever in the DOM, and its text.
  await session.context.addInitScript(() => {
    const w = window as unknown as { __firstPageSeen?: string[] };
    w.__firstPageSeen = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="first-page"]');
      if (el && !w.__firstPageSeen!.includes(el.textContent ?? ''))
        w.__firstPageSeen!.push(el.textContent ?? '');
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
});
