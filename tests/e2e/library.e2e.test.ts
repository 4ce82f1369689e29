/**
 * The library, acted out in Chromium: 5,000 notes seeded through the side panel page, searched
 * (hostile input too), filtered by two tags and an event, a note opened, two tags merged and the
 * merge undone, a quote taken from a page, a note trashed and restored, and a save from another
 * context showing up live. Keyboard only where a user would use the keyboard.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCorpus } from '../corpus';
import { axeViolations, type ExtensionSession, launchExtension, until } from './harness';
import { type FixtureServer, serveFixtures } from './server';

const SEED = { notes: 5000, events: 5, talksPerEvent: 20, seed: 7 };
const corpus = makeCorpus(SEED);

let server: FixtureServer;
let session: ExtensionSession;
let panel: Page;

interface Hooks {
  seed(o: typeof SEED): Promise<unknown>;
  createNote(input: { body: string; url: string }): Promise<{ id: string }>;
  status(): { state: string; indexed: number };
  warm(): void;
}
const hooks = (p: Page) =>
  p.evaluateHandle(() => (window as unknown as { __talkmarksLibrary: Hooks }).__talkmarksLibrary);

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
});

// Each test gets its own profile with the same 5,000 notes seeded and indexed, so it starts from a
// state it makes itself: a test that merges tags or adds a note leaves nothing to the next one.
beforeEach(async () => {
  session = await launchExtension();
  panel = await session.openPage('sidepanel.html', { view: 'library', tabId: 0 });
  await panel.waitForFunction(
    () => (window as unknown as { __talkmarksLibrary?: unknown }).__talkmarksLibrary,
  );
  const h = await hooks(panel);
  await h.evaluate((x, seed) => x.seed(seed), SEED);
  await panel.reload();
  // The index builds in the worker; wait until it holds every note and talk.
  await panel.waitForFunction(
    () => (window as unknown as { __talkmarksLibrary?: unknown }).__talkmarksLibrary,
  );
  const ready = await until(
    () =>
      panel.evaluate(() => {
        const lib = (window as unknown as { __talkmarksLibrary: Hooks }).__talkmarksLibrary;
        lib.warm();
        return lib.status();
      }),
    (s) => s.state === 'ready' && s.indexed >= SEED.notes,
  );
  expect(ready.state).toBe('ready');
});

afterEach(async () => {
  await session?.close(true);
});

afterAll(async () => {
  await server?.close();
});

const status = () => panel.locator('#library-search-status').textContent();
const count = () => panel.getByTestId('library-count').textContent();
const here = () => panel.locator('[aria-current="page"]').textContent();
const searchBox = () => panel.getByRole('combobox', { name: /Search notes/ });

/** Back to the library's start with an empty search. */
async function home() {
  await panel.getByRole('tab', { name: 'Library' }).click();
  await searchBox().fill('');
  const crumb = panel
    .getByRole('navigation', { name: /Where you are/ })
    .getByRole('button', { name: 'Library' });
  if (await crumb.count()) await crumb.click();
  await expect.poll(here).toBe('Library');
}

describe('library, tags and search in Chromium', () => {
  it('browses events → days → talks → notes with the keyboard', async () => {
    const list = panel.getByRole('listbox');
    await expect.poll(() => list.getByRole('option').first().textContent()).toContain('All notes');
    await expect.poll(() => list.getByRole('option').first().textContent()).toContain('5,000');
    // The newest event comes right after the three views.
    const newest = [...corpus.events].sort((a, b) =>
      (b.startDate ?? '').localeCompare(a.startDate ?? ''),
    )[0]!;
    await list.focus();
    for (let i = 0; i < 3; i++) await panel.keyboard.press('ArrowDown');
    await panel.keyboard.press('Enter');
    await expect.poll(here).toBe(newest.name);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('library-list');
    await panel.keyboard.press('Enter'); // first day
    await expect.poll(here).toMatch(/\d{4}$/);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('library-list');
    await panel.keyboard.press('Enter'); // first talk
    await expect.poll(() => panel.getByRole('region', { name: 'Talk' }).count()).toBe(1);
    await expect.poll(count).toMatch(/^\d+ notes?$/);
    for (const level of ['day', 'event', 'root']) {
      await expect
        .poll(() => panel.evaluate(() => document.activeElement?.id), { message: level })
        .toBe('library-list');
      await panel.keyboard.press('Escape');
    }
    await expect.poll(here).toBe('Library');
    expect(await axeViolations(panel)).toEqual([]);
  });

  it('searches with highlighted, ranked results; hostile input gives results or none, never an error', async () => {
    await home();
    await panel.getByRole('listbox').focus();
    await panel.keyboard.press('/');
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('library-search');
    // A word of the corpus: an exact term, then its prefix as it is typed.
    const word = corpus.vocabulary.find((w) => w === 'replicate') ?? corpus.vocabulary[50]!;
    await panel.keyboard.type(word);
    await expect.poll(status).toMatch(/^[\d,]+ results?( \(best [\d,]+ shown\))?$/);
    await expect.poll(() => panel.locator('[role=option] mark').count()).toBeGreaterThan(0);
    const marks = await panel.locator('[role=option] mark').allTextContents();
    expect(marks.every((m) => m.toLowerCase().startsWith(word.slice(0, 3)))).toBe(true);

    const errors: string[] = [];
    panel.on('pageerror', (e) => errors.push(e.message));
    const box = searchBox();
    for (const q of ['(a+)+$', '[', '"quoted words"', '🚀🚀', '\\', '#', `${'x'.repeat(10_000)}`]) {
      await box.fill(q);
      await expect
        .poll(async () => (await status()) ?? '')
        .toMatch(/^[\d,]+ results?( \(best [\d,]+ shown\))?$|^$/);
      const shown = await panel.locator('main').textContent();
      expect(shown).toMatch(/Nothing matches|result/);
    }
    expect(errors).toEqual([]);
    await box.fill(word);
    await expect.poll(status).toMatch(/^[\d,]+ results?( \(best [\d,]+ shown\))?$/);
    expect(JSON.stringify(await axeViolations(panel))).toBe('[]');
    await box.fill('');
  });

  it('filters by two tags and an event (AND), then opens a note', async () => {
    await home();
    const [t1, t2] = ['glusterfs', 'ceph'];
    const event = corpus.events[2]!;
    const talksOf = new Set(corpus.talks.filter((t) => t.eventId === event.id).map((t) => t.id));
    const expected = corpus.notes.filter(
      (n) => n.tags.includes(t1) && n.tags.includes(t2) && n.talkId && talksOf.has(n.talkId),
    );
    expect(expected.length).toBeGreaterThan(0);

    await panel.getByRole('button', { name: /^Filters/ }).click();
    const tagBox = panel.getByRole('combobox', { name: /Filter by tag/ });
    for (const t of [t1, t2]) {
      await tagBox.fill(t);
      await tagBox.press('Enter');
    }
    await panel.getByRole('combobox', { name: 'Event' }).selectOption(event.id);
    await expect.poll(count).toBe(`${expected.length} ${expected.length === 1 ? 'note' : 'notes'}`);
    expect(await axeViolations(panel)).toEqual([]);

    // Search within the filters narrows further and still respects them.
    const newest = [...expected].sort((a, b) => (a.id < b.id ? 1 : -1))[0]!;
    // The count can settle a render before the rows do: wait for the newest note to head the list.
    await expect
      .poll(() => panel.getByRole('listbox').getByRole('option').first().textContent())
      .toContain(newest.body.slice(0, 20).trim());
    await panel.getByRole('listbox').focus();
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('library-note-body').textContent()).toBe(newest.body);
    expect(await panel.getByRole('list', { name: 'Tags' }).textContent()).toContain(`#${t1}`);
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.getByTestId('library-count').count()).toBe(1);
    await panel.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('merges #k8s into #kubernetes across notes and talks, and undoes it', async () => {
    const has = (tag: string) => corpus.notes.filter((n) => n.tags.includes(tag));
    const both = new Set([...has('k8s'), ...has('kubernetes')].map((n) => n.id)).size;
    await panel.getByRole('tab', { name: 'Tags' }).click();
    const find = panel.getByRole('searchbox', { name: 'Find a tag' });
    await find.fill('k8s');
    await find.press('ArrowDown');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByRole('heading', { name: /#k8s/ }).count()).toBe(1);
    await panel.getByRole('textbox', { name: /Rename to/ }).fill('#kubernetes');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/Merged #k8s into #kubernetes/);
    await expect
      .poll(() => panel.getByRole('heading', { name: /#kubernetes/ }).textContent())
      .toContain(`${both.toLocaleString()} notes`);
    await find.fill('k8s');
    await expect.poll(() => panel.getByRole('listbox', { name: 'Tags' }).getByRole('option').count()).toBe(0);

    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => panel.getByRole('listbox', { name: 'Tags' }).getByRole('option').count()).toBe(1);
    expect(await panel.getByRole('listbox', { name: 'Tags' }).textContent()).toContain(
      has('k8s').length.toLocaleString(),
    );
    expect(await axeViolations(panel)).toEqual([]);

    // The search index followed the merge and the undo (save from the background, index in the worker).
    await home();
    await searchBox().fill('#k8s');
    const k8s = has('k8s').length + corpus.talks.filter((t) => t.tags.includes('k8s')).length;
    await expect.poll(status).toMatch(new RegExp(`^${k8s.toLocaleString()} results?`));
    await searchBox().fill('');
  });

  it('shows a note saved from another context within the open panel, and trashes and restores it', async () => {
    await home();
    await panel.getByRole('listbox').getByRole('option').first().click(); // All notes
    await expect.poll(count).toBe('5,000 notes');
    const other = await session.openPage('sidepanel.html', { view: 'library', tabId: 0 });
    await other.waitForFunction(
      () => (window as unknown as { __talkmarksLibrary?: unknown }).__talkmarksLibrary,
    );
    await (await hooks(other)).evaluate((h) =>
      h.createNote({ body: 'Fresh from another tab #zzfresh', url: 'https://example.org/x' }),
    );
    await other.close();
    const first = panel.getByRole('listbox').getByRole('option').first();
    await expect.poll(() => first.textContent()).toContain('Fresh from another tab');
    await expect.poll(count).toBe('5,001 notes');

    await first.click();
    await panel.getByRole('button', { name: 'Delete' }).click();
    await panel.getByRole('tab', { name: 'Trash' }).click();
    await expect.poll(() => panel.getByTestId('trash-count').textContent()).toBe('1 note in the trash');
    expect(await axeViolations(panel)).toEqual([]);
    await panel.getByRole('listbox', { name: 'Notes in the trash' }).focus();
    await panel.keyboard.press('Enter'); // restores the selected note
    await expect.poll(() => panel.getByText('The trash is empty.').count()).toBe(1);
  });

  it('quotes selected text from a page as a quote note anchored with a TextQuoteSelector', async () => {
    const url = server.url('/talk.html');
    const page = await session.context.newPage();
    await page.goto(url);
    const exact = await page.evaluate(() => {
      const p = [...document.querySelectorAll('p, h1, h2, li')].find(
        (e) => (e.textContent ?? '').trim().split(/\s+/).length >= 6,
      )!;
      const range = document.createRange();
      range.selectNodeContents(p);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      return document.getSelection()!.toString().replace(/\s+/g, ' ').trim();
    });
    const tabId = await session.tabIdOf(url);
    const worker = session.context.serviceWorkers()[0]!;
    const note = await worker.evaluate(
      (id) =>
        (
          globalThis as unknown as { __talkmarksQuote: (t: { id: number }) => Promise<unknown> }
        ).__talkmarksQuote({ id }),
      tabId,
    );
    // The quote is the kind; the body is the quoted text alone, without the "> " it was saved with.
    expect(note).toMatchObject({ kind: 'quote', body: exact, anchor: { quote: { exact } } });
    await page.close();
    await home();
    await searchBox().fill(exact);
    await expect.poll(() => panel.getByRole('option').first().textContent()).toContain(exact.slice(0, 20));
  });
});
