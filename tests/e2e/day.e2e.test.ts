/**
 * A conference day as a user lives it, in Chromium: notes on a reveal.js deck before anyone knows its
 * talk, a real pretalx talk page (pretalx's own static export of DemoCon, served at its address
 * http://localhost/democon/talk/8GXXJZ/) starred from the popup, the deck attached to that talk (its
 * notes follow), three notes on a PDF deck in Talkmarks' viewer read by the side panel and moved to the
 * talk at once from the library, a blog post's note, a to-do; then the day's recap, which holds every
 * note of the day but the private to-do, counted, with no kind prefix in its Markdown or its HTML.
 *
 * The talk is set to today (Berlin time, the event's zone) by hand in the talk form, as a user does
 * when the page prints no year: so "today" is the recap's day, and the notes written now are its notes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, type ExtensionSession, launchExtension, settled, until } from './harness';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';
import { talkSlot } from './talk-slot';

const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';

let server: FixtureServer;
let session: ExtensionSession;

function pages(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host === 'localhost') {
    if (req.url === '/democon/talk/8GXXJZ/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html'));
    } else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return true;
  }
  if (req.url === '/blog/kubernetes-day/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html lang="en"><head><title>Notes from the hallway</title></head>' +
        '<body><h1>Notes from the hallway</h1><p>Everyone talked about storage.</p></body></html>',
    );
    return true;
  }
  return false;
}

beforeAll(async () => {
  server = await serveFixtures(['node_modules/reveal.js', 'tests/fixtures/slides/pdf'], [pages]);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  session = await launchExtension({
    args: [`--host-resolver-rules=MAP localhost ${new URL(server.origin).host}`],
  });
});
afterEach(async () => {
  await session?.close(true);
});

async function openTab(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(url);
  return { page, tabId: await session.tabIdOf(page.url()) };
}

/** The popup's "Goes to" choice as shown (the selected option's text). */
const goesTo = (popup: Page) =>
  popup
    .getByRole('combobox', { name: 'Goes to' })
    .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent);

/** Saves a note from the popup of a tab; waits until the box is empty again (saved). */
async function notePopup(popup: Page, body: string): Promise<void> {
  const box = popup.getByRole('combobox', { name: 'Note' });
  await box.fill(body);
  await box.press('Control+Enter');
  await expect.poll(() => box.inputValue()).toBe('');
}

interface StoredNote {
  id: string;
  body: string;
  kind: string;
  talkId?: string;
  deckId?: string;
}

describe('a conference day', () => {
  it('files every note where it belongs, moves three at once, and the day’s recap holds them all', async () => {
    // Today at the venue (DemoCon's zone): the talk is set to it below.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

    // 1. The deck, before anyone knows its talk: two notes from the popup, typed with kind prefixes.
    const deck = await openTab(server.url('/demo.html#/1'));
    let popup = await session.openPage('popup.html', { tabId: deck.tabId });
    const goes = popup.getByRole('combobox', { name: 'Goes to' });
    await expect
      .poll(() => goes.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe('This page only (no talk)');
    await popup.getByRole('combobox', { name: 'Note' }).fill('! Profile scheduling latency first #perf');
    await expect.poll(() => popup.getByTestId('note-destination').textContent()).toContain('as a takeaway');
    await popup.getByRole('combobox', { name: 'Note' }).press('Control+Enter');
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');
    await notePopup(popup, '? How is the scheduler sharded? #k8s');
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('2 notes on this page');
    await popup.close();

    // 2. The talk page: the popup says where the note goes, stars the talk, files a quote.
    const talk = await openTab(TALK_URL);
    popup = await session.openPage('popup.html', { tabId: talk.tabId });
    await expect.poll(() => goesTo(popup)).toBe(`${TALK} (this page’s talk)`);
    await popup.getByRole('button', { name: 'Star' }).click();
    await expect.poll(() => popup.getByRole('button', { name: 'Starred' }).count()).toBe(1);
    await notePopup(popup, '> Most of your pods are idle most of the time #k8s');
    await expect
      .poll(() => popup.getByTestId('note-destination').textContent())
      .toContain('1 note on this talk');
    await popup.close();

    // The page prints "09-08, 14:00" without a year: the user sets the talk to today, 14:00–14:45
    // (18:00–18:45 when the test runs near 14:00 Berlin time: tests/e2e/talk-slot.ts).
    const slot = talkSlot();
    const panel = await session.openPage('sidepanel.html', { tabId: talk.tabId });
    const card = panel.getByTestId('talk-card');
    await expect.poll(() => card.getByRole('heading', { name: TALK }).count()).toBe(1);
    await card.getByRole('button', { name: 'Edit talk' }).click();
    const edit = panel.getByRole('form', { name: 'Edit talk' });
    await edit.getByLabel('Start day').fill(today);
    await edit.getByLabel('Start time').fill(slot.start);
    await edit.getByLabel('End day').fill(today);
    await edit.getByLabel('End time').fill(slot.end);
    await edit.getByRole('button', { name: 'Save talk' }).click();
    await expect.poll(() => card.getByTestId('talk-time').count()).toBe(1);
    // The talk's page lists its note once: in the card, not again below the note box.
    await expect.poll(() => panel.locator('[data-note-id]').count()).toBe(1);

    // 3. The deck gets its talk: the two notes written before follow it.
    const deckPanel = await session.openPage('sidepanel.html', { tabId: deck.tabId });
    const deckTalk = deckPanel.getByRole('region', { name: 'The talk of this deck' });
    const choose = deckTalk.getByRole('combobox', { name: 'Attach this deck to a talk' });
    await expect.poll(() => choose.locator('option', { hasText: TALK }).count()).toBe(1);
    await choose.selectOption({ label: TALK });
    await deckTalk.getByRole('button', { name: 'Attach deck' }).click();
    const talkNotes = panel.getByRole('list', { name: `Notes on “${TALK}”` });
    await expect.poll(() => talkNotes.locator('[data-note-id]').count()).toBe(3);
    // The deck's own list shows them in slide order; the card beside it lists only other pages' notes.
    await expect.poll(() => deckPanel.getByTestId('deck-section').locator('[data-note-id]').count()).toBe(2);
    await expect.poll(() => deckTalk.locator('[data-note-id]').count()).toBe(1);

    // 4. The PDF deck in Talkmarks' viewer: the side panel reads the tab and notes its slides.
    const pdf = await session.context.newPage();
    await pdf.goto(
      `chrome-extension://${session.extensionId}/pdf.html?file=${encodeURIComponent(server.url('/deck.pdf'))}#page=2`,
    );
    const pdfPanel = await session.openPage('sidepanel.html', { tabId: await session.tabIdOf(pdf.url()) });
    await expect
      .poll(() => pdfPanel.getByTestId('current-slide').textContent())
      .toBe('Slide 2 of 3 — Why replicate?');
    const pdfBox = pdfPanel.getByRole('combobox', { name: 'Note' });
    for (const body of [
      'Quorum writes cost a round trip #storage',
      '[ ] read the replication paper',
      'Self-heal is granular now #storage',
    ]) {
      await pdfBox.fill(body);
      await pdfBox.press('Control+Enter');
      await expect.poll(() => pdfBox.inputValue()).toBe('');
    }
    await expect.poll(() => pdfPanel.getByTestId('deck-section').locator('[data-note-id]').count()).toBe(3);

    // 5. A blog post read between talks: a note on the page alone.
    const blog = await openTab(server.url('/blog/kubernetes-day/'));
    popup = await session.openPage('popup.html', { tabId: blog.tabId });
    await notePopup(popup, 'Hallway: the storage folks are hiring');
    await popup.close();

    // 6. The library: pick the three PDF notes (Ctrl+click) and move them to the talk at once; Undo is offered.
    const library = await session.openPage('sidepanel.html', { view: 'library' });
    await library.getByRole('option', { name: /All notes/ }).click();
    const list = library.getByRole('listbox', { name: 'All notes' });
    await expect.poll(() => list.getByRole('option').count()).toBe(7);
    for (const text of ['Quorum writes cost', 'read the replication paper', 'Self-heal is granular']) {
      await list
        .getByRole('option')
        .filter({ hasText: text })
        .click({ modifiers: ['Control'] });
    }
    await expect.poll(() => library.getByTestId('picked-count').textContent()).toBe('3 notes picked');
    await library
      .getByRole('region', { name: 'Picked notes' })
      .getByRole('button', { name: 'Move…' })
      .click();
    await library.getByRole('combobox', { name: 'Move 3 notes to' }).selectOption({ label: TALK });
    await library.getByRole('button', { name: 'Move', exact: true }).click();
    await expect.poll(() => library.getByRole('status').filter({ hasText: '3 notes moved' }).count()).toBe(1);
    expect(await library.getByRole('button', { name: 'Undo' }).count()).toBe(1);
    await expect.poll(() => talkNotes.locator('[data-note-id]').count()).toBe(6);

    const db = (await library.evaluate(readDatabase)) as { notes: StoredNote[]; talks: { id: string }[] };
    expect(db.talks).toHaveLength(1);
    const talkId = db.talks[0]!.id;
    // Every note but the blog post's is under the talk; no body kept its prefix, each kind is set.
    expect(
      db.notes
        .map((n) => [n.body, n.kind, n.talkId === talkId])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['Hallway: the storage folks are hiring', 'note', false],
      ['How is the scheduler sharded? #k8s', 'question', true],
      ['Most of your pods are idle most of the time #k8s', 'quote', true],
      ['Profile scheduling latency first #perf', 'takeaway', true],
      ['Quorum writes cost a round trip #storage', 'note', true],
      ['read the replication paper', 'todo', true],
      ['Self-heal is granular now #storage', 'note', true],
    ]);

    // 7. The day's recap: DemoCon, today. Every note of the day is in but the private to-do, and it says so.
    const composer = await session.openPage('composer.html');
    await composer.getByLabel('Event', { exact: true }).selectOption({ label: 'DemoCon' });
    const dayOption = await until(
      () =>
        composer
          .getByLabel('Day', { exact: true })
          .locator('option')
          .evaluateAll(
            (os: HTMLOptionElement[], day: string) => os.find((o) => o.value === day)?.value ?? '',
            today,
          ),
      (v) => v === today,
    );
    await composer.getByLabel('Day', { exact: true }).selectOption(dayOption);
    const coverage = composer.getByTestId('recap-coverage');
    await expect
      .poll(() => coverage.getByRole('status').textContent())
      .toBe('In the post: 6 of 7 notes of the day.');
    expect(await coverage.locator('summary').allTextContents()).toEqual(['1 to-do left out: private']);

    const markdown = await until(
      () => composer.getByTestId('recap-markdown').inputValue(),
      (v) => v.includes('storage folks'),
    );
    for (const text of [
      'Profile scheduling latency first',
      'How is the scheduler sharded?',
      'Most of your pods are idle most of the time',
      'Quorum writes cost a round trip',
      'Self-heal is granular now',
      'Hallway: the storage folks are hiring',
    ]) {
      expect(markdown).toContain(text);
    }
    expect(markdown).not.toContain('replication paper');
    // No kind prefix, typed or escaped, reaches the post.
    expect(markdown).not.toMatch(/(^|\s)(\\?[?!>]|\\?\[ ?\\?\])\s+(Profile|How|Most|Quorum|Self|read)/m);
    const html = await composer.getByTestId('recap-preview').innerHTML();
    expect(html).not.toMatch(/[?!>]\s+(Profile|How is|Most of)/);
    expect(html).toContain('Most of your pods are idle most of the time');

    expect(await axeViolations(composer)).toEqual([]);
    expect(await axeViolations(library)).toEqual([]);

    // 8. The day, as the README shows it: the popup and every side-panel view, light and dark, at the
    // side panel's default width (about 360 px), each view's tabs on one row. Written to
    // docs/screenshots by `npm run screenshots`; an ordinary run writes them to a temporary folder.
    const shots =
      process.env.TALKMARKS_SCREENSHOTS === '1' ? 'docs/screenshots' : mkdtempSync(join(tmpdir(), 'shots-'));
    for (const colorScheme of ['light', 'dark'] as const) {
      popup = await session.openPage('popup.html', { tabId: deck.tabId });
      await popup.emulateMedia({ colorScheme });
      await popup.getByRole('combobox', { name: 'Note' }).fill('! Shard by namespace, not by node #k8s');
      await expect.poll(() => popup.getByTestId('note-destination').textContent()).toContain('as a takeaway');
      await settled(popup);
      await popup.locator('main').screenshot({ path: join(shots, `popup-${colorScheme}.png`) });
      await popup.close();
      for (const view of VIEWS) {
        const shown = await session.openPage('sidepanel.html', { tabId: talk.tabId, view });
        await shown.setViewportSize({ width: 360, height: 720 });
        await shown.emulateMedia({ colorScheme });
        await expect.poll(() => shown.getByRole('tab', { selected: true }).count()).toBe(1);
        await expect.poll(() => shown.getByText(/^Loading…$|^Reading the page…$/).count()).toBe(0);
        await settled(shown);
        // One row: every tab at the same height, and nothing cut off at the panel's edge.
        const row = await shown.getByRole('tablist').evaluate((list) => {
          const tabs = Array.from(list.querySelectorAll('[role=tab]')).map((t) => t.getBoundingClientRect());
          return {
            rows: tabs.map((b) => Math.round((b.top + b.bottom) / 2)),
            overflow: list.scrollWidth - list.clientWidth,
            right: Math.max(...tabs.map((b) => b.right)),
          };
        });
        expect(new Set(row.rows).size, `${view}: tabs on one row`).toBe(1);
        expect(row.overflow, `${view}: tabs fit`).toBeLessThanOrEqual(0);
        expect(row.right, `${view}: tabs inside the panel`).toBeLessThanOrEqual(360);
        await shown.screenshot({ path: join(shots, `sidepanel-${view}-${colorScheme}.png`) });
        await shown.close();
      }
    }
  });

  it('a talk the page gives no time: the composer opens on the date its notes were written, with the talk', async () => {
    // The DemoCon page prints "09-08, 14:00" without a year, so its talk has no time, and so no day of
    // its own: the notes written on it now belong to today, in the event's zone (Europe/Berlin).
    const talk = await openTab(TALK_URL);
    const popup = await session.openPage('popup.html', { tabId: talk.tabId });
    await expect.poll(() => goesTo(popup)).toBe(`${TALK} (this page’s talk)`);
    await notePopup(popup, 'The editor snaps sessions to rooms #pretalx');
    await notePopup(popup, '! Publish the schedule before the CfP closes');
    await popup.close();
    const reader = await session.openPage('options.html');
    const stored = await until(
      async () => (await reader.evaluate(readDatabase)) as Record<string, unknown[]>,
      (db) => (db.notes?.length ?? 0) === 2,
    );
    const talks = stored.talks as { title: string; startsAt?: string }[];
    expect(talks.map((t) => [t.title, t.startsAt])).toEqual([[TALK, undefined]]);
    const createdAt = (stored.notes as { createdAt: number }[])[0]!.createdAt;
    // The day the first note was written on in Berlin (both were written within seconds).
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(createdAt);

    const composer = await session.openPage('composer.html');
    await expect.poll(() => composer.getByRole('radio', { name: 'A date' }).isChecked()).toBe(true);
    await expect.poll(() => composer.getByLabel('Date', { exact: true }).inputValue()).toBe(day);
    const markdown = await until(
      () => composer.getByTestId('recap-markdown').inputValue(),
      (v) => v.includes('snaps sessions to rooms'),
    );
    expect(markdown).toContain('Publish the schedule before the CfP closes');
    expect(markdown).toContain(TALK);
    await expect
      .poll(() => composer.getByTestId('recap-coverage').getByRole('status').textContent())
      .toMatch(/^In the post: all 2 notes/);
  });
});

const VIEWS = ['page', 'now', 'events', 'recap', 'library', 'tags', 'trash'] as const;
