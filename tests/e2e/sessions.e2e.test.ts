/**
 * Session capture acted out in Chromium on a real pretalx talk page: pretalx's own static export of its
 * DemoCon demo event (tests/fixtures/sessions/pretalx-democon2022-talk.html, saved from
 * datafund/web_devconagenda), served unchanged at its own address, http://localhost/democon/talk/8GXXJZ/
 * (Chromium maps localhost to the fixture server), and the reveal.js demo deck from 127.0.0.1. The page
 * links no slides and prints its time without a year, so the user attaches the deck by hand and types
 * the time the page shows. Star the talk, note it, attach the deck and note its slide 2; the talk card
 * lists both notes, deck and talk are linked, and the Events view shows the talk on its day and time.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, captureOf, type ExtensionSession, launchExtension, until } from './harness';
import { type FixtureServer, serveFixtures } from './server';

// What the saved page says (read from the file, not from the extension).
const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';
let server: FixtureServer;
let session: ExtensionSession;
let apiHits = 0;

/**
 * The talk page where pretalx exported it, and what that static site answers for the JSON alternate the
 * page links (http://localhost/api/events/democon/talks/8GXXJZ): a static export has no API, so 404.
 */
function pretalx(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host !== 'localhost') return false;
  if (req.url === '/democon/talk/8GXXJZ/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html'));
    return true;
  }
  if (req.url?.startsWith('/api/events/democon/talks/8GXXJZ')) apiHits++;
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  return true;
}

/** A schedule page that fights back: malformed JSON-LD, 500 events, markup and script in names. */
function hostile(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== '/hostile/schedule/') return false;
  const events = Array.from({ length: 500 }, (_, i) => ({
    '@type': 'Event',
    name: i === 0 ? '<script>window.__pwned = 1</script><b>Bold</b> claims' : `Talk ${i}`,
    url: `/hostile/talk/${i}/`,
    startDate: '2026-09-10T10:00', // no offset, and the page declares no zone
    performer: {
      '@type': 'Person',
      name: '<img src=x onerror="window.__pwned = 2">Eve &amp; <i>Mallory</i>',
    },
  }));
  const block = JSON.stringify({ '@context': 'https://schema.org', '@graph': events }).replace(
    /<\//g,
    '<\\/',
  );
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><head><title>Hostile schedule</title>` +
      `<script type="application/ld+json">{"@type": "Event", "name": </script>` +
      `<script type="application/ld+json">${block}</script></head><body><h1>Schedule</h1></body></html>`,
  );
  return true;
}

/** A talk running right now (started 10 minutes ago, 30 minutes long), and a plain page to note from. */
function live(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url === '/live/blog/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html lang="en"><head><title>A blog post</title></head><body><p>Read me.</p></body></html>',
    );
    return true;
  }
  if (req.url !== '/live/talk/') return false;
  const start = new Date(Date.now() - 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const end = new Date(Date.now() + 20 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'EducationEvent',
    name: 'Live talk',
    url: '/live/talk/',
    startDate: start,
    endDate: end,
  };
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><head><title>Live talk</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><h1>Live talk</h1></body></html>`,
  );
  return true;
}

beforeAll(async () => {
  server = await serveFixtures(['node_modules/reveal.js'], [pretalx, hostile, live]);
});
afterAll(async () => {
  await server?.close();
});

// Each test starts on a new, empty profile: what one test saved is never another's starting point.
beforeEach(async () => {
  apiHits = 0;
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
  return { page, tabId: await session.tabIdOf(url) };
}

describe('session pages in Chromium', () => {
  it('stars a real pretalx talk, notes it, attaches a deck and notes its slide 2, and shows it in the event view', async () => {
    const { page: talkPage, tabId } = await openTab(TALK_URL);
    expect(await talkPage.locator('h3.talk-title').textContent()).toContain(TALK); // the saved page is served

    // The public capture answer: what the page shows. "09-08, 14:00–14:30 (Europe/Berlin)" has no year,
    // so no time; the zone is the event's.
    const capture = (await until(
      () => captureOf(session, tabId) as Promise<{ talk?: unknown } | null>,
      (c) => !!c?.talk,
    )) as Record<string, unknown> & { talk: Record<string, unknown>; event: Record<string, unknown> };
    expect(capture.platform).toBe('pretalx');
    expect(capture.talk).toMatchObject({
      title: TALK,
      speakers: [{ name: 'Tommy Baker', url: 'http://localhost/democon/speaker/P9KCWL/' }],
      room: 'Pale Golden Rod Room',
      url: TALK_URL,
    });
    expect(capture.talk.abstract).toMatch(/^Implement vertical portals!\n\nMany before no student/);
    expect(capture.talk.startsAt).toBeUndefined();
    expect(capture.talk.slidesUrl).toBeUndefined();
    expect(capture.event).toMatchObject({
      name: 'DemoCon',
      url: 'http://localhost/democon/',
      timezone: 'Europe/Berlin',
    });
    // The page's JSON alternate is on its own origin, so the extension asks for it; the static site answers
    // 404 and the page's values stand.
    await expect.poll(() => apiHits).toBeGreaterThan(0);

    // Star it from the side panel before any note.
    const panel = await session.openPage('sidepanel.html', { tabId });
    const card = panel.getByTestId('talk-card');
    await expect.poll(() => card.getByRole('heading', { name: TALK }).count()).toBe(1);
    expect(await card.getByTestId('talk-speakers').textContent()).toBe('Tommy Baker');
    expect(await card.getByTestId('talk-time').count()).toBe(0);
    await card.getByRole('button', { name: `Star “${TALK}”` }).click();
    await expect.poll(() => panel.getByRole('button', { name: `Unstar “${TALK}”` }).count()).toBe(1);

    // The user types the time the page shows: 09-08, 14:00–14:30 Europe/Berlin (+02:00 in September) of
    // 2022, the year in the page's keywords and export stamp.
    await card.getByRole('button', { name: 'Edit talk' }).click();
    const edit = panel.getByRole('form', { name: 'Edit talk' });
    // Day and time pickers, in the event's zone (the form says which).
    expect(await edit.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    await edit.getByLabel('Start day').fill('2022-09-08');
    await edit.getByLabel('Start time').fill('14:00');
    await edit.getByLabel('End day').fill('2022-09-08');
    await edit.getByLabel('End time').fill('14:30');
    await edit.getByRole('button', { name: 'Save talk' }).click();
    await expect.poll(() => card.getByTestId('talk-time').count()).toBe(1);
    expect(await card.getByTestId('talk-time').textContent()).toContain('UTC+02:00');
    // The user's own time is shown when it reads differently (this machine need not be on +02:00).
    const here = new Intl.DateTimeFormat('en', {
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date('2022-09-08T12:00:00Z'))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (here !== 'GMT+02:00')
      expect(await card.getByTestId('talk-time-user').textContent()).toContain('Your time');

    // A note on the talk page, from the panel's composer.
    const box = panel.getByRole('combobox', { name: 'Note' });
    await box.fill('Vertical portals, explained with one diagram #ui');
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');

    // The deck, on slide 2. The talk page links none, so the user attaches it from the deck's panel.
    const deckUrl = server.url('/demo.html#/1');
    const deck = await openTab(deckUrl);
    const deckPanel = await session.openPage('sidepanel.html', { tabId: deck.tabId });
    const deckTalk = deckPanel.getByRole('region', { name: 'The talk of this deck' });
    const choose = deckTalk.getByRole('combobox', { name: 'Attach this deck to a talk' });
    await expect.poll(() => choose.locator('option', { hasText: TALK }).count()).toBe(1);
    await choose.selectOption({ label: TALK });
    await deckTalk.getByRole('button', { name: 'Attach deck' }).click();
    await expect.poll(() => deckTalk.getByRole('heading', { name: TALK }).count()).toBe(1);
    expect(await deckTalk.getByRole('combobox', { name: 'This deck belongs to' }).count()).toBe(1);

    // Slide 2 noted from the popup: the note goes under the deck's talk.
    const popup = await session.openPage('popup.html', { tabId: deck.tabId });
    await expect.poll(() => popup.getByTestId('current-slide').textContent()).toContain('Slide 2');
    const popupBox = popup.getByRole('combobox', { name: 'Note' });
    await popupBox.fill('Slide 2: the compatibility matrix');
    await popupBox.press('Control+Enter');
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');

    // The talk card lists both notes; the deck's note keeps its slide.
    const notes = panel.getByRole('list', { name: `Notes on “${TALK}”` });
    await expect.poll(() => notes.locator('[data-note-id]').count()).toBe(2);
    expect(await notes.textContent()).toContain('Vertical portals, explained');
    const deckNote = notes.locator('[data-note-id]').filter({ hasText: 'compatibility matrix' });
    expect(await deckNote.getByTestId('note-slide').textContent()).toContain('Slide 2');

    // The talk card names the deck it is linked to, and the store links them.
    await expect.poll(() => card.getByTestId('talk-decks').textContent()).toContain('reveal.js');
    const linked = await deckPanel.evaluate(async () => {
      const open = indexedDB.open('talkmarks');
      const db: IDBDatabase = await new Promise((ok, ko) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => ko(open.error);
      });
      const all = <T>(store: string): Promise<T[]> =>
        new Promise((ok) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result as T[]);
        });
      const decks = await all<{ url: string; talkId?: string }>('decks');
      const talks = await all<{ id: string; title: string }>('talks');
      db.close();
      return { decks, talks };
    });
    expect(linked.talks).toHaveLength(1);
    expect(linked.decks).toEqual([expect.objectContaining({ talkId: linked.talks[0]?.id })]);

    // The event view: DemoCon, the talk on Thursday 8 September 2022 at 14:00 (Berlin time).
    await panel.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => panel.getByTestId('event-name').textContent()).toBe('DemoCon');
    const day = panel.getByRole('region', { name: /September 8, 2022|8 September 2022/ });
    const row = day.locator('[data-talk-id]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(TALK);
    expect(await row.getByTestId('event-talk-time').textContent()).toMatch(/0?2:00|14:00/);
    expect(await row.getByRole('button', { name: `Unstar “${TALK}”` }).count()).toBe(1);
    // Opening it shows the talk card with both notes.
    await row.getByRole('button', { name: new RegExp(`^${TALK}`) }).click();
    await expect
      .poll(() =>
        row
          .getByRole('list', { name: `Notes on “${TALK}”` })
          .locator('[data-note-id]')
          .count(),
      )
      .toBe(2);

    // The event can be renamed by hand; the rename sticks.
    await panel.getByRole('button', { name: 'Edit event' }).click();
    const form = panel.getByRole('form', { name: 'Edit event' });
    await form.getByRole('textbox', { name: 'Name' }).fill('DemoCon 2022');
    expect(await axeViolations(panel)).toEqual([]);
    await form.getByRole('button', { name: 'Save event' }).click();
    await expect.poll(() => panel.getByTestId('event-name').textContent()).toBe('DemoCon 2022');

    // Both surfaces pass axe in their populated state.
    expect(await axeViolations(panel)).toEqual([]);
    expect(await axeViolations(deckPanel)).toEqual([]);
  });

  it('reads a hostile 500-event schedule without running or rendering its markup, and stars from it', async () => {
    const url = server.url('/hostile/schedule/');
    const { page, tabId } = await openTab(url);
    const capture = (await until(
      () => captureOf(session, tabId) as Promise<{ schedule?: unknown[] } | null>,
      (c) => (c?.schedule?.length ?? 0) > 0,
    )) as { schedule: { title: string; speakers: { name: string }[]; startsAt?: string }[] };
    expect(capture.schedule).toHaveLength(500);
    expect(capture.schedule[0]).toEqual({
      title: 'window.__pwned = 1 Bold claims',
      speakers: [{ name: 'Eve & Mallory' }],
      url: server.url('/hostile/talk/0/'),
    });
    expect(capture.schedule.some((t) => t.startsAt)).toBe(false); // no zone anywhere: no time invented

    const panel = await session.openPage('sidepanel.html', { tabId });
    const list = panel.getByRole('region', { name: 'Talks on this page' });
    await expect.poll(() => list.getByRole('heading', { name: '500 talks on this page' }).count()).toBe(1);
    await list.getByRole('button', { name: 'Star “Talk 1”' }).click();
    await expect.poll(() => list.getByRole('button', { name: 'Unstar “Talk 1”' }).count()).toBe(1);
    expect(await list.locator('img, script, b, i').count()).toBe(0);
    expect(await panel.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await axeViolations(panel)).toEqual([]);
  });

  it('files a quick note from another tab under the starred talk running now, with one click out', async () => {
    const talk = await openTab(server.url('/live/talk/'));
    const panel = await session.openPage('sidepanel.html', { tabId: talk.tabId });
    await expect.poll(() => panel.getByRole('button', { name: 'Star “Live talk”' }).count()).toBe(1);
    await panel.getByRole('button', { name: 'Star “Live talk”' }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Unstar “Live talk”' }).count()).toBe(1);

    const blog = await openTab(server.url('/live/blog/'));
    const popup = await session.openPage('popup.html', { tabId: blog.tabId });
    await expect.poll(() => popup.getByRole('heading', { level: 1 }).textContent()).toBe('A blog post');
    const box = popup.getByRole('combobox', { name: 'Note' });
    await box.fill('The speaker just cited this post');
    await box.press('Control+Enter');
    await expect
      .poll(() => popup.getByRole('status').textContent())
      .toContain('Saved under “Live talk” (running now)');

    // The Now view shows the running talk with that note under it.
    await panel.getByRole('tab', { name: 'Now' }).click();
    const running = panel.getByRole('region', { name: 'Running now' });
    await expect.poll(() => running.getByRole('heading', { name: 'Live talk' }).count()).toBe(1);
    const notes = running.getByRole('list', { name: 'Notes on “Live talk”' });
    await expect.poll(() => notes.locator('[data-note-id]').count()).toBe(1);

    // One click takes it back out; it stays on its own page.
    await popup.getByRole('button', { name: 'Not this talk' }).click();
    await expect.poll(() => notes.locator('[data-note-id]').count()).toBe(0);
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');
    expect(await axeViolations(panel)).toEqual([]);
  });
});
