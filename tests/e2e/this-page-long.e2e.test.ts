/**
 * "This page" with more notes than fill the panel (issue 17): the panel paints the first ones
 * (components/capture/ThisPageNotes.tsx) and the rest a frame later. The whole list must still be
 * there for the keyboard, in order, and pass axe once filled in.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_NOTES } from '../../components/capture/ThisPageNotes';
import { axeViolations, type ExtensionSession, launchExtension, until } from './harness';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let session: ExtensionSession;

interface Hooks {
  createNote(input: { body: string; url: string }): Promise<{ id: string }>;
}

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(async () => {
  await session?.close(true);
});

const NOTES = FIRST_NOTES * 2 + 3;

describe('This page with a long list', () => {
  it('lists every note of the page and reaches the last one by keyboard', async () => {
    const pageUrl = server.url('/talk.html');
    const page = await session.context.newPage();
    await page.goto(pageUrl);
    const tabId = await session.tabIdOf(pageUrl);
    // The page's capture, as the panel asked the background for it (kept per tab for the session).
    const first = await session.openPage('sidepanel.html', { tabId });
    const capture = await until(
      () =>
        first.evaluate(
          async (id) =>
            (await chrome.storage.session.get(`capture:${id}`))[`capture:${id}`] as { url?: string },
          tabId,
        ),
      (c) => typeof c?.url === 'string',
    );
    await first.close();

    // Notes on the page's captured address, oldest first (the list's order), through the repository.
    const writer = await session.openPage('sidepanel.html', { view: 'trash', tabId: 0 });
    await writer.waitForFunction(
      () => (window as unknown as { __talkmarksLibrary?: unknown }).__talkmarksLibrary,
    );
    await writer.evaluate(
      async ({ url, n }) => {
        const hooks = (window as unknown as { __talkmarksLibrary: Hooks }).__talkmarksLibrary;
        for (let i = 1; i <= n; i++) await hooks.createNote({ body: `Long list note ${i}`, url });
      },
      { url: capture.url!, n: NOTES },
    );
    await writer.close();

    const panel = await session.openPage('sidepanel.html', { tabId });
    const list = panel.getByRole('list', { name: 'Notes on this page' });
    const bodies = () =>
      list
        .locator(':scope > li[data-note-id] > p.note-body')
        .evaluateAll((els) => els.map((e) => e.textContent));
    const expected = Array.from({ length: NOTES }, (_, i) => `Long list note ${i + 1}`);
    expect(await until(bodies, (b) => b.length === NOTES)).toEqual(expected);
    await expect.poll(() => list.getAttribute('aria-busy')).toBeNull();

    // Tab from the note box through every note's buttons until focus is in the last note.
    await panel.getByRole('combobox', { name: 'Note' }).focus();
    const focusedNote = () =>
      panel.evaluate(
        () => document.activeElement?.closest('li[data-note-id]')?.querySelector('p')?.textContent,
      );
    const reached: string[] = [];
    for (let i = 0; i < NOTES * 6 && reached.at(-1) !== expected.at(-1); i++) {
      await panel.keyboard.press('Tab');
      const note = await focusedNote();
      if (note && reached.at(-1) !== note) reached.push(note);
    }
    expect(reached).toEqual(expected);
    // The focused control is on screen (the browser scrolled the last note into view).
    const inView = await panel.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(await axeViolations(panel)).toEqual([]);
  });

  it("preloads the view's modules the panel's HTML lists when it opens on This page, and not on the library", async () => {
    const listed = (p: Page) =>
      p.evaluate(() =>
        (document.querySelector('meta[name="talkmarks:this-page-modules"]')?.getAttribute('content') ?? '')
          .split(' ')
          .filter(Boolean),
      );
    // Preloads asked for by the early script as the HTML was parsed come before the panel's first
    // bundle in the head; the bundle's own (a view's imports) are appended after everything else.
    const beforeBundle = (p: Page) =>
      p.evaluate(() => {
        const bundle = document.querySelector('script[type="module"]');
        return [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')]
          .filter((l) => bundle && l.compareDocumentPosition(bundle) & Node.DOCUMENT_POSITION_FOLLOWING)
          .map((l) => new URL(l.href).pathname);
      });
    const panel = await session.openPage('sidepanel.html', { tabId: 0 });
    const modules = await listed(panel);
    // The chunk that holds the view (components/capture/ThisPage.tsx: its error line is in no other).
    const view = await panel.evaluate(async (hrefs) => {
      for (const href of hrefs)
        if ((await (await fetch(href)).text()).includes('Notes could not be read')) return href;
      return null;
    }, modules);
    expect(view).toMatch(/^\/chunks\/[\w-]+\.js$/);
    expect(await beforeBundle(panel)).toEqual(modules);

    const library = await session.openPage('sidepanel.html', { view: 'library', scope: 'all', tabId: 0 });
    // The end-to-end hooks load once the panel has painted and is idle: its opening is over.
    await library.waitForFunction(() => '__talkmarksLibrary' in window);
    expect(await beforeBundle(library)).toEqual([]);
  });
});
