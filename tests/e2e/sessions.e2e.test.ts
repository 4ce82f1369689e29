/**
 * Session capture acted out in Chromium: a pretalx talk page (rendered from pretalx's own templates,
 * tests/fixtures/sessions/e2e) and the reveal.js demo deck it links as its slides, both served from
 * 127.0.0.1. Star the talk, note it, open the deck on slide 2 and note that; the talk card lists
 * both notes, deck and talk are linked, and the Events view shows the talk on its day and time.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, captureOf, type ExtensionSession, launchExtension, until } from './harness';
import { type FixtureServer, serveFixtures } from './server';

const TALK = 'Keeping schemas honest';
let server: FixtureServer;
let session: ExtensionSession;
let apiHits = 0;

/** pretalx's JSON alternate for the talk: it adds the recording the HTML does not show. */
function api(req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.url?.startsWith('/api/events/democon2025/talks/QRS789')) return false;
  apiHits++;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      code: 'QRS789',
      title: TALK,
      speakers: [{ code: 'AAA111', name: 'Mei Chen' }],
      slot: {
        start: '2025-10-14T14:30:00+01:00',
        end: '2025-10-14T15:15:00+01:00',
        room: { en: 'Auditorium 2' },
      },
      track: { en: 'Data Engineering' },
      resources: [{ resource: 'https://media.ccc.de/v/democon2025-qrs789', description: 'Recording' }],
    }),
  );
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
  server = await serveFixtures(
    ['tests/fixtures/sessions/e2e', 'node_modules/reveal.js'],
    [api, hostile, live],
  );
});
afterAll(async () => {
  await server?.close();
});

// Each test starts on a new, empty profile: what one test saved is never another's starting point.
beforeEach(async () => {
  apiHits = 0;
  session = await launchExtension();
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
  it('stars a talk, notes it and its deck’s slide 2, links both, and shows it in the event view', async () => {
    const talkUrl = server.url('/democon2025/talk/QRS789/');
    const { tabId } = await openTab(talkUrl);

    // The public capture answer: the talk, its event, times with offset and zone, filled from the JSON alternate.
    const capture = (await until(
      () => captureOf(session, tabId) as Promise<{ talk?: { videoUrl?: string } } | null>,
      (c) => !!c?.talk?.videoUrl,
    )) as Record<string, unknown> & { talk: Record<string, unknown>; event: Record<string, unknown> };
    expect(capture.platform).toBe('pretalx');
    expect(capture.talk).toMatchObject({
      title: TALK,
      startsAt: '2025-10-14T14:30:00+01:00',
      endsAt: '2025-10-14T15:15:00+01:00',
      timezone: 'Europe/Lisbon',
      room: 'Auditorium 2',
      track: 'Data Engineering',
      slidesUrl: server.url('/demo.html'),
      videoUrl: 'https://media.ccc.de/v/democon2025-qrs789',
      url: talkUrl,
    });
    expect(capture.event).toMatchObject({ name: 'DemoCon 2025', timezone: 'Europe/Lisbon' });
    expect(apiHits).toBeGreaterThan(0);

    // Star it from the side panel before any note: the talk card shows the event's time and the user's.
    const panel = await session.openPage('sidepanel.html', { tabId });
    const card = panel.getByTestId('talk-card');
    await expect.poll(() => card.getByRole('heading', { name: TALK }).count()).toBe(1);
    await expect.poll(() => card.getByTestId('talk-time').textContent()).toContain('Europe/Lisbon');
    // The user's own time is shown when it reads differently (this machine is not on Lisbon time).
    const here = new Intl.DateTimeFormat('en', {
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date('2025-10-14T13:30:00Z'))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (here !== 'GMT+01:00')
      expect(await card.getByTestId('talk-time-user').textContent()).toContain('Your time');
    await card.getByRole('button', { name: `Star “${TALK}”` }).click();
    await expect.poll(() => panel.getByRole('button', { name: `Unstar “${TALK}”` }).count()).toBe(1);

    // A note on the talk page, from the panel's composer.
    const box = panel.getByRole('combobox', { name: 'Note' });
    await box.fill('Contract tests belong in the producer’s CI #schemas');
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');

    // The deck the page links, on slide 2, noted from the popup.
    const deckUrl = server.url('/demo.html#/1');
    const deck = await openTab(deckUrl);
    const popup = await session.openPage('popup.html', { tabId: deck.tabId });
    await expect.poll(() => popup.getByTestId('current-slide').textContent()).toContain('Slide 2');
    const popupBox = popup.getByRole('combobox', { name: 'Note' });
    await popupBox.fill('Slide 2: the compatibility matrix');
    await popupBox.press('Control+Enter');
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');

    // The talk card lists both notes; the deck's note keeps its slide.
    const notes = panel.getByRole('list', { name: `Notes on “${TALK}”` });
    await expect.poll(() => notes.locator('[data-note-id]').count()).toBe(2);
    expect(await notes.textContent()).toContain('Contract tests belong');
    const deckNote = notes.locator('[data-note-id]').filter({ hasText: 'compatibility matrix' });
    expect(await deckNote.getByTestId('note-slide').textContent()).toContain('Slide 2');

    // The talk card names the deck it is linked to.
    await expect.poll(() => card.getByTestId('talk-decks').textContent()).toContain('reveal.js');
    // Deck and talk are linked: the deck's panel names its talk.
    const deckPanel = await session.openPage('sidepanel.html', { tabId: deck.tabId });
    await expect
      .poll(() =>
        deckPanel
          .getByRole('region', { name: 'The talk of this deck' })
          .getByRole('heading', { name: TALK })
          .count(),
      )
      .toBe(1);
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

    // The event view: DemoCon 2025, the talk on Tuesday 14 October 2025 at 14:30 (Lisbon time).
    await panel.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => panel.getByTestId('event-name').textContent()).toBe('DemoCon 2025');
    const day = panel.getByRole('region', { name: /October 14, 2025|14 October 2025/ });
    const row = day.locator('[data-talk-id]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(TALK);
    expect(await row.getByTestId('event-talk-time').textContent()).toMatch(/0?2:30|14:30/);
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
    await form.getByRole('textbox', { name: 'Name' }).fill('DemoCon ’25');
    expect(await axeViolations(panel)).toEqual([]);
    await form.getByRole('button', { name: 'Save event' }).click();
    await expect.poll(() => panel.getByTestId('event-name').textContent()).toBe('DemoCon ’25');

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
