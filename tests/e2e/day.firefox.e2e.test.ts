/**
 * The core of a conference day in Firefox ESR, in a profile of its own (the Chromium day is
 * day.e2e.test.ts): two notes on the reveal.js demo deck from the popup before the deck has a talk,
 * the real pretalx talk page (pretalx's own static export of DemoCon, served at its address
 * http://localhost/democon/talk/8GXXJZ/ through the fixture server as Firefox's proxy) starred and
 * quoted from the popup, the deck attached to the talk from the deck tab's sidebar (its two notes
 * follow it), the talk set to today (Berlin time, the event's zone) in the talk form, a blog post's
 * note and a to-do, both moved to the talk at once from the library; then the day's recap, which holds
 * every note of the day but the private to-do, counted, with no kind prefix in its Markdown.
 * Expected values are written from the fixtures and the notes typed here, never read off the UI first.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  axeViolations,
  clickButton,
  type FirefoxSession,
  launchFirefox,
  poll,
  pressCtrlEnter,
  proxyPrefs,
  setField,
  texts,
  typeInto,
} from './firefox';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';
import { talkSlot } from './talk-slot';

// What the saved pretalx page says (read from the file, not from the extension).
const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';
const BLOG_PATH = '/blog/kubernetes-day/';

let server: FixtureServer;
let ff: FirefoxSession;

/**
 * As Firefox's proxy the server sees absolute URLs and each page's own Host. The fixture server's own
 * host: the blog post, else its files (the deck). localhost: the talk page where pretalx exported it.
 * Any other host (Firefox's background requests, the page's JSON alternate) gets 404, never a fixture.
 */
function pages(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.headers.host === new URL(server.origin).host) {
    if (path !== BLOG_PATH) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html lang="en"><head><title>Notes from the hallway</title></head>' +
        '<body><h1>Notes from the hallway</h1><p>Everyone talked about storage.</p></body></html>',
    );
    return true;
  }
  if (req.headers.host === 'localhost' && path === '/democon/talk/8GXXJZ/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html'));
    return true;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  return true;
}

beforeAll(async () => {
  server = await serveFixtures(['node_modules/reveal.js'], [pages]);
});
afterAll(async () => {
  await server?.close();
});
// A new, empty profile: the day's counts are this test's notes and nothing else.
beforeEach(async () => {
  ff = await launchFirefox({ prefs: proxyPrefs(server.origin) });
});
afterEach(async () => {
  await ff?.close();
});

interface StoredNote {
  id: string;
  body: string;
  kind: string;
  url: string;
  talkId?: string;
}
interface StoredTalk {
  id: string;
  title: string;
  startsAt?: string;
  starredAt?: number;
}
const database = (page: Page) =>
  page.evaluate(readDatabase) as Promise<{ notes?: StoredNote[]; talks?: StoredTalk[] }>;

/** The popup's "Goes to" choice as shown (the selected option's text). */
const goesTo = (popup: Page) =>
  popup.evaluate(
    () =>
      document.querySelector<HTMLSelectElement>('[data-testid="note-destination"] select')?.selectedOptions[0]
        ?.textContent ?? null,
  );

/** The text of the first element matching `selector` (null when there is none). */
const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** How many elements match `selector`. */
const countOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelectorAll(s).length, selector);

/** Types a note into the box, saves it with Ctrl+Enter, and waits until the box is empty (saved). */
async function saveNote(page: Page, body: string): Promise<void> {
  await typeInto(page, '#note-body', body);
  await pressCtrlEnter(page);
  await poll(
    () => page.evaluate(() => document.querySelector<HTMLTextAreaElement>('#note-body')?.value),
    (v) => v === '',
  );
}

/** Chooses the option whose text is `text` in the `select` inside `scope`, as a user's pick does. */
async function choose(page: Page, scope: string, text: string): Promise<void> {
  await poll(
    () =>
      page.evaluate(
        (w, t) => {
          const select = document.querySelector(w)?.querySelector('select');
          const option = [...(select?.options ?? [])].find((o) => o.text === t);
          if (!select || !option) return false;
          select.value = option.value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          return true;
        },
        scope,
        text,
      ),
    Boolean,
  );
}

/** Clicks the button named `label` inside `scope` once it is enabled (a choice enables it). */
async function clickEnabled(page: Page, scope: string, label: string): Promise<void> {
  await poll(
    () =>
      page.evaluate(
        (w, l) => {
          const b = [...(document.querySelector(w)?.querySelectorAll('button') ?? [])].find(
            (x) => x.textContent?.trim() === l,
          );
          if (!b || b.disabled) return false;
          b.click();
          return true;
        },
        scope,
        label,
      ),
    Boolean,
  );
}

describe('a conference day in Firefox', () => {
  it('files deck notes under the talk they get, moves two notes at once, and the day’s recap holds them all', async () => {
    // Today at the venue (DemoCon's zone): the talk is set to it below.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // 1. The deck, before anyone knows its talk: two notes from the popup, typed with kind prefixes.
    const deck = await ff.openTab(server.url('/demo.html#/1'));
    let popup = await ff.openPage('popup.html', { tabId: deck.tabId });
    await poll(
      () => goesTo(popup),
      (t) => t === 'This page only (no talk)',
    );
    await typeInto(popup, '#note-body', '! Profile scheduling latency first #perf');
    await poll(
      () => textOf(popup, '[data-testid="note-destination"] [data-kind]'),
      (t) => t?.includes('as a takeaway') === true,
    );
    await pressCtrlEnter(popup);
    await poll(
      () => textOf(popup, '[data-testid="page-note-count"]'),
      (t) => t === '1 note on this page',
    );
    await saveNote(popup, '? How is the scheduler sharded? #k8s');
    await poll(
      () => textOf(popup, '[data-testid="page-note-count"]'),
      (t) => t === '2 notes on this page',
    );
    await popup.close();

    // 2. The talk page: the popup names the talk as this page's, stars it, files a quote under it.
    const talk = await ff.openTab(TALK_URL);
    popup = await ff.openPage('popup.html', { tabId: talk.tabId });
    await poll(
      () => goesTo(popup),
      (t) => t === `${TALK} (this page’s talk)`,
    );
    const star = '[data-testid="note-destination"] button[aria-pressed]';
    expect(await textOf(popup, star)).toBe('☆ Star');
    await clickButton(popup, '☆ Star');
    await poll(
      () => popup.evaluate((s) => document.querySelector(s)?.getAttribute('aria-pressed') ?? null, star),
      (p) => p === 'true',
    );
    expect(await textOf(popup, star)).toBe('★ Starred');
    await saveNote(popup, '> Most of your pods are idle most of the time #k8s');
    await poll(
      () => textOf(popup, '[data-testid="note-destination"]'),
      (t) => t?.includes('1 note on this talk') === true,
    );
    await popup.close();

    // 3. The deck gets its talk, in the deck tab's sidebar: the two notes written before follow it.
    const deckPanel = await ff.openPage('sidepanel.html', { tabId: deck.tabId });
    const deckTalk = 'section[aria-label="The talk of this deck"]';
    await poll(
      () =>
        deckPanel.evaluate(
          (w) => document.querySelector(w)?.querySelector('label')?.textContent ?? '',
          deckTalk,
        ),
      (t) => t.startsWith('Attach this deck to a talk'),
    );
    await choose(deckPanel, deckTalk, TALK);
    await clickEnabled(deckPanel, deckTalk, 'Attach deck');
    const attached = await poll(
      () => database(deckPanel),
      (d) => (d.notes ?? []).filter((n) => n.talkId).length === 3,
    );
    expect(attached.talks?.map((t) => t.title)).toEqual([TALK]);
    const talkId = attached.talks?.[0]?.id;
    expect(talkId).toBeTruthy();
    expect(attached.talks?.[0]?.starredAt).toBeGreaterThan(0);
    expect(
      attached.notes
        ?.map((n) => [n.body, n.kind, n.talkId === talkId])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['How is the scheduler sharded? #k8s', 'question', true],
      ['Most of your pods are idle most of the time #k8s', 'quote', true],
      ['Profile scheduling latency first #perf', 'takeaway', true],
    ]);
    // The talk's card, in the talk tab's sidebar, lists the three.
    const panel = await ff.openPage('sidepanel.html', { tabId: talk.tabId });
    const talkNotes = `ul[aria-label="Notes on “${TALK}”"] [data-note-id]`;
    await poll(
      () => countOf(panel, talkNotes),
      (n) => n === 3,
    );
    const listed = await texts(panel, talkNotes);
    for (const text of [
      'Profile scheduling latency first',
      'How is the scheduler sharded?',
      'Most of your pods',
    ])
      expect(listed.filter((t) => t.includes(text))).toHaveLength(1);

    // 4. The page prints "09-08, 14:00" without a year: the user sets the talk to today, 14:00–14:45
    // (18:00–18:45 when the test runs near 14:00 Berlin time: tests/e2e/talk-slot.ts), with the form's
    // day and time pickers (in the event's zone), as a picker sets them.
    const slot = talkSlot();
    const card = '[data-testid="talk-card"]';
    expect(await countOf(panel, `${card} [data-testid="talk-time"]`)).toBe(0);
    await clickButton(panel, 'Edit talk');
    const edit = 'form[aria-label="Edit talk"]';
    const labels = await poll(
      () =>
        panel.evaluate(
          (form) => [...document.querySelectorAll(`${form} label`)].map((l) => l.textContent?.trim() ?? ''),
          edit,
        ),
      (l) => l.length > 0,
    );
    for (const label of ['Start day', 'Start time', 'End day', 'End time'])
      expect(labels.some((l) => l.startsWith(label))).toBe(true);
    await poll(
      () =>
        panel.evaluate(
          ({ form, day, slot }) => {
            const field = (name: string) =>
              document.querySelector<HTMLInputElement>(`${form} [name="${name}"]`);
            if (field('zone')?.value !== 'Europe/Berlin') return false;
            for (const [name, value] of [
              ['startDate', day],
              ['startTime', slot.start],
              ['endDate', day],
              ['endTime', slot.end],
            ]) {
              const el = field(name!);
              if (!el) return false;
              el.value = value!;
              el.dispatchEvent(new Event('input', { bubbles: true }));
            }
            return true;
          },
          { form: edit, day: today, slot },
        ),
      Boolean,
    );
    await clickButton(panel, 'Save talk');
    await poll(
      () => countOf(panel, `${card} [data-testid="talk-time"]`),
      (n) => n === 1,
    );
    const timed = await poll(
      () => database(panel),
      (d) => Boolean(d.talks?.[0]?.startsAt),
    );
    // The slot in Berlin is +01:00 or +02:00 depending on the season: the instant's day and hour there.
    const startsAt = new Date(timed.talks?.[0]?.startsAt ?? '');
    const berlin = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    expect(berlin.format(startsAt)).toBe(`${today}, ${slot.start}`);

    // 5. A blog post read between talks: a note on the page alone, and a to-do.
    const blog = await ff.openTab(server.url(BLOG_PATH));
    popup = await ff.openPage('popup.html', { tabId: blog.tabId });
    await poll(
      () => goesTo(popup),
      (t) => t === 'This page only (no talk)',
    );
    await saveNote(popup, 'Hallway: the storage folks are hiring');
    await saveNote(popup, '[ ] read the replication paper');
    await poll(
      () => textOf(popup, '[data-testid="page-note-count"]'),
      (t) => t === '2 notes on this page',
    );
    await popup.close();

    // 6. The library's All notes: Ctrl+click the blog post's two notes and move them to the talk at once.
    const library = await ff.openPage('sidepanel.html', { view: 'library', tabId: 0 });
    await poll(
      () =>
        library.evaluate(() => {
          const all = [...document.querySelectorAll<HTMLElement>('[role=option]')].find((o) =>
            o.textContent?.includes('All notes'),
          );
          all?.click();
          return Boolean(all);
        }),
      Boolean,
    );
    const rows = '[role=listbox][aria-label="All notes"] [role=option]';
    await poll(
      () => countOf(library, rows),
      (n) => n === 5,
    );
    for (const text of ['storage folks are hiring', 'read the replication paper']) {
      // The list knows how many rows it has before each row's note is read: wait for the text.
      const index = await poll(
        () =>
          library.evaluate(
            (s, t) => [...document.querySelectorAll(s)].findIndex((r) => r.textContent?.includes(t)),
            rows,
            text,
          ),
        (i) => i >= 0,
      );
      const row = (await library.$$(rows))[index];
      await library.keyboard.down('Control');
      await row?.click();
      await library.keyboard.up('Control');
    }
    await poll(
      () => textOf(library, '[data-testid="picked-count"]'),
      (t) => t === '2 notes picked',
    );
    const picked = await library.evaluate(
      (s) =>
        [...document.querySelectorAll(s)].filter((r) => r.getAttribute('aria-selected') === 'true').length,
      rows,
    );
    expect(picked).toBe(2);
    await clickEnabled(library, 'section[aria-label="Picked notes"]', 'Move…');
    const moveForm = 'form[aria-label="Move 2 notes"]';
    await poll(
      () => textOf(library, `${moveForm} label`),
      (t) => t?.startsWith('Move 2 notes to') === true,
    );
    await choose(library, moveForm, TALK);
    await clickEnabled(library, moveForm, 'Move');
    const toast = await poll(
      () => texts(library, '[role=status]'),
      (t) => t.some((s) => s.includes('2 notes moved')),
    );
    expect(toast).toContainEqual(expect.stringContaining(`2 notes moved to “${TALK}”`));
    expect(
      await library.evaluate(() =>
        [...document.querySelectorAll('[role=status] button')].map((b) => b.textContent?.trim()),
      ),
    ).toContain('Undo');

    // The database agrees: all five notes under the talk, each kind set and no prefix kept in a body.
    const moved = await poll(
      () => database(library),
      (d) => (d.notes ?? []).filter((n) => n.talkId === talkId).length === 5,
    );
    expect(
      moved.notes
        ?.map((n) => [n.body, n.kind, n.talkId === talkId])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['Hallway: the storage folks are hiring', 'note', true],
      ['How is the scheduler sharded? #k8s', 'question', true],
      ['Most of your pods are idle most of the time #k8s', 'quote', true],
      ['Profile scheduling latency first #perf', 'takeaway', true],
      ['read the replication paper', 'todo', true],
    ]);
    await poll(
      () => countOf(panel, talkNotes),
      (n) => n === 5,
    );

    // 7. The day's recap: DemoCon, today. Every note of the day is in but the private to-do, and it says so.
    const composer = await ff.openPage('composer.html');
    await setField(composer, 'Event', 'DemoCon', true);
    await poll(
      () =>
        composer.evaluate(
          (day) =>
            [...(document.querySelector<HTMLSelectElement>('[aria-label="Day"]')?.options ?? [])].some(
              (o) => o.value === day,
            ),
          today,
        ),
      Boolean,
    );
    await setField(composer, 'Day', today);
    const coverage = await poll(
      () => textOf(composer, '[data-testid="recap-coverage"] [role="status"]'),
      (t) => t === 'In the post: 4 of 5 notes of the day.',
    );
    expect(coverage).toBe('In the post: 4 of 5 notes of the day.');
    // The list of what is left out renders beside the count, not necessarily in the same frame.
    const leftOut = await poll(
      () => texts(composer, '[data-testid="recap-coverage"] summary'),
      (t) => t.length > 0,
    );
    expect(leftOut).toEqual(['1 to-do left out: private']);

    const markdown = await poll(
      () =>
        composer.evaluate(
          () => document.querySelector<HTMLTextAreaElement>('[data-testid="recap-markdown"]')?.value ?? '',
        ),
      (v) => v.includes('storage folks'),
    );
    const inPost = [
      'Profile scheduling latency first',
      'How is the scheduler sharded?',
      'Most of your pods are idle most of the time',
      'Hallway: the storage folks are hiring',
    ];
    // The post is the default Day post: each note once, in the talk's paragraph, which opens with the
    // talk's linked title (the blog post's note was moved there).
    expect(markdown).toContain(`[${TALK}](${TALK_URL})`);
    const afterTalk = markdown.slice(markdown.indexOf(`[${TALK}](`));
    for (const text of inPost) expect(afterTalk.split(text)).toHaveLength(2);
    expect(markdown).not.toContain('replication paper');
    // No kind prefix, typed or escaped, right before any note's text.
    for (const text of [...inPost, 'read the replication paper']) {
      const start = /^\w+/.exec(text)?.[0];
      expect(markdown).not.toMatch(new RegExp(`(\\\\?[?!>]|\\\\?\\[ ?\\\\?\\])\\s*${start}\\b`));
    }
    const html = await composer.evaluate(
      () => document.querySelector('[data-testid="recap-preview"]')?.innerHTML ?? '',
    );
    expect(html).toContain('Most of your pods are idle most of the time');
    expect(html).not.toMatch(/(\\?[?!]|&gt;|\\?\[ ?\\?\])\s*(Profile|How is|Most of|Hallway)/);

    expect(await axeViolations(composer)).toEqual([]);
    expect(await axeViolations(library)).toEqual([]);
  });

  it('a talk the page gives no time: the composer opens on the date its notes were written, with the talk', async () => {
    // The DemoCon page prints "09-08, 14:00" without a year: its talk has no time, so no day of its
    // own, and the notes written on it now belong to today in the event's zone (Europe/Berlin).
    const talk = await ff.openTab(TALK_URL);
    const popup = await ff.openPage('popup.html', { tabId: talk.tabId });
    await poll(
      () => goesTo(popup),
      (t) => t === `${TALK} (this page’s talk)`,
    );
    await saveNote(popup, 'The editor snaps sessions to rooms #pretalx');
    await saveNote(popup, '! Publish the schedule before the CfP closes');
    await popup.close();
    const reader = await ff.openPage('options.html');
    const stored = await poll(
      () => database(reader),
      (d) => (d.notes ?? []).length === 2,
    );
    expect(stored.talks?.map((t) => [t.title, t.startsAt])).toEqual([[TALK, undefined]]);
    const createdAt = (stored.notes as unknown as { createdAt: number }[])[0]!.createdAt;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(createdAt);

    const composer = await ff.openPage('composer.html');
    await poll(
      () =>
        composer.evaluate(() => ({
          mode: document.querySelector<HTMLInputElement>('input[name="recap-mode"]:checked')?.parentElement
            ?.textContent,
          date: document.querySelector<HTMLInputElement>('input[aria-label="Date"]')?.value,
        })),
      (v) => v.mode?.trim() === 'A date' && v.date === day,
    );
    const markdown = await poll(
      () =>
        composer.evaluate(
          () => document.querySelector<HTMLTextAreaElement>('[data-testid="recap-markdown"]')?.value ?? '',
        ),
      (v) => v.includes('snaps sessions to rooms'),
    );
    expect(markdown).toContain('Publish the schedule before the CfP closes');
    expect(markdown).toContain(`[${TALK}](${TALK_URL})`);
    await poll(
      () => textOf(composer, '[data-testid="recap-coverage"] [role="status"]'),
      (t) => t?.startsWith('In the post: all 2 notes') === true,
    );
  });
});
