/**
 * Session capture acted out in Firefox ESR on a real pretalx talk page: pretalx's own static export of
 * its DemoCon demo event (tests/fixtures/sessions/pretalx-democon2022-talk.html, saved from
 * datafund/web_devconagenda), served unchanged at its own address, http://localhost/democon/talk/8GXXJZ/
 * (the fixture server is Firefox's HTTP proxy, so it gets that address; Firefox has no host-resolver
 * switch), and the reveal.js demo deck from 127.0.0.1. The page links no slides and prints its time
 * without a year, so the user attaches the deck by hand and types the time the page shows. Star the
 * talk, note it, attach the deck and note its slide 2; the talk card lists both notes, deck and talk
 * are linked, the Events view shows the talk on its day and time, and the sidebars pass axe-core.
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
  texts,
  typeInto,
} from './firefox';
import { type FixtureServer, serveFixtures } from './server';

// What the saved page says (read from the file, not from the extension).
const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';
let server: FixtureServer;
let ff: FirefoxSession;
let apiHits = 0;

/**
 * As a proxy the server sees absolute URLs and the page's own Host. The talk page where pretalx
 * exported it, and what that static site answers for the JSON alternate the page links
 * (http://localhost/api/events/democon/talks/8GXXJZ): a static export has no API, so 404. Hosts other
 * than localhost and the server's own (Firefox's background requests) get 404, never a fixture.
 */
function pretalx(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host === new URL(server.origin).host) return false;
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.headers.host === 'localhost' && path === '/democon/talk/8GXXJZ/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html'));
    return true;
  }
  if (req.headers.host === 'localhost' && path.startsWith('/api/events/democon/talks/8GXXJZ')) apiHits++;
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  return true;
}

beforeAll(async () => {
  server = await serveFixtures(['node_modules/reveal.js'], [pretalx]);
});
afterAll(async () => {
  await server?.close();
});

// Each test starts on a new, empty profile: what one test saved is never another's starting point.
beforeEach(async () => {
  apiHits = 0;
  ff = await launchFirefox({ prefs: proxyPrefs(server.origin) });
});
afterEach(async () => {
  await ff?.close();
});

/** Text of the first element matching `selector` inside the element matching `within` (or the page). */
const textIn = (page: Page, within: string, selector: string) =>
  page.evaluate(
    (w, s) => {
      const scope = w ? document.querySelector(w) : document;
      return scope?.querySelector(s)?.textContent ?? null;
    },
    within,
    selector,
  );

/** How many `selector` there are inside the element matching `within`. */
const countIn = (page: Page, within: string, selector: string) =>
  page.evaluate((w, s) => document.querySelector(w)?.querySelectorAll(s).length ?? -1, within, selector);

describe('session pages in Firefox', () => {
  it('stars a real pretalx talk, notes it, attaches a deck and notes its slide 2, and shows it in the event view', async () => {
    const { page: talkPage, tabId } = await ff.openTab(TALK_URL);
    // The saved page is served, at its own address.
    expect(await textIn(talkPage, '', 'h3.talk-title')).toContain(TALK);
    expect(await talkPage.evaluate(() => location.href)).toBe(TALK_URL);

    // The public capture answer: what the page shows. "09-08, 14:00–14:30 (Europe/Berlin)" has no year,
    // so no time; the zone is the event's.
    const capture = (await poll(
      () => ff.captureOf(tabId) as Promise<{ talk?: unknown } | null>,
      (c) => !!c?.talk,
    )) as Record<string, unknown> & { talk: Record<string, unknown>; event: Record<string, unknown> };
    expect(capture.platform).toBe('pretalx');
    expect(capture.url).toBe(TALK_URL);
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
    await poll(
      async () => apiHits,
      (n) => n > 0,
    );

    // Star it from the sidebar before any note.
    const panel = await ff.openPage('sidepanel.html', { tabId });
    const card = '[data-testid="talk-card"]';
    await poll(
      () => texts(panel, `${card} h2, ${card} h3`),
      (t) => t.includes(TALK),
    );
    expect(await textIn(panel, card, '[data-testid="talk-speakers"]')).toBe('Tommy Baker');
    expect(await countIn(panel, card, '[data-testid="talk-time"]')).toBe(0);
    await clickButton(panel, `Star “${TALK}”`);
    await poll(
      () => panel.evaluate((l) => !!document.querySelector(`button[aria-label="${l}"]`), `Unstar “${TALK}”`),
      Boolean,
    );

    // The user types the time the page shows: 09-08, 14:00–14:30 Europe/Berlin (+02:00 in September) of
    // 2022, the year in the page's keywords and export stamp.
    await clickButton(panel, 'Edit talk');
    const edit = 'form[aria-label="Edit talk"]';
    // Day and time pickers, in the event's zone: set as a picker sets them (value, then input).
    await poll(
      () =>
        panel.evaluate((form) => {
          const field = (name: string) =>
            document.querySelector<HTMLInputElement>(`${form} [name="${name}"]`);
          if (field('zone')?.value !== 'Europe/Berlin') return false;
          for (const [name, value] of [
            ['startDate', '2022-09-08'],
            ['startTime', '14:00'],
            ['endDate', '2022-09-08'],
            ['endTime', '14:30'],
          ]) {
            const el = field(name!);
            if (!el) return false;
            el.value = value!;
            el.dispatchEvent(new Event('input', { bubbles: true }));
          }
          return true;
        }, edit),
      Boolean,
    );
    await clickButton(panel, 'Save talk');
    const time = await poll(
      () => textIn(panel, card, '[data-testid="talk-time"]'),
      (t) => t !== null,
    );
    expect(time).toContain('UTC+02:00');
    // The user's own time is shown when it reads differently (this machine need not be on +02:00).
    const here = new Intl.DateTimeFormat('en', {
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date('2022-09-08T12:00:00Z'))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (here !== 'GMT+02:00')
      expect(await textIn(panel, card, '[data-testid="talk-time-user"]')).toContain('Your time');

    // A note on the talk page, from the sidebar's note box.
    await typeInto(panel, '#note-body', 'Vertical portals, explained with one diagram #ui');
    await pressCtrlEnter(panel);
    await poll(
      () => panel.evaluate(() => document.querySelector<HTMLTextAreaElement>('#note-body')?.value),
      (v) => v === '',
    );

    // The deck, on slide 2. The talk page links none, so the user attaches it from the deck's sidebar.
    const deck = await ff.openTab(server.url('/demo.html#/1'));
    const deckPanel = await ff.openPage('sidepanel.html', { tabId: deck.tabId });
    const deckTalk = 'section[aria-label="The talk of this deck"]';
    const chosen = await poll(
      () =>
        deckPanel.evaluate(
          (w, title) => {
            const select = document.querySelector(w)?.querySelector('select');
            const label = select?.closest('label')?.textContent ?? '';
            const option = [...(select?.options ?? [])].find((o) => o.text === title);
            if (!select || !option || !label.startsWith('Attach this deck to a talk')) return false;
            select.value = option.value;
            select.dispatchEvent(new Event('change', { bubbles: true }));
            return true;
          },
          deckTalk,
          TALK,
        ),
      Boolean,
    );
    expect(chosen).toBe(true);
    await clickButton(deckPanel, 'Attach deck');
    await poll(
      () => texts(deckPanel, `${deckTalk} h2, ${deckTalk} h3`),
      (t) => t.includes(TALK),
    );
    expect(
      await deckPanel.evaluate(
        (w) => [...document.querySelectorAll(`${w} label`)].map((l) => l.textContent ?? ''),
        deckTalk,
      ),
    ).toContainEqual(expect.stringMatching(/^This deck belongs to/));

    // Slide 2 noted from the popup: the note goes under the deck's talk.
    const popup = await ff.openPage('popup.html', { tabId: deck.tabId });
    await poll(
      () => textIn(popup, '', '[data-testid="current-slide"]'),
      (t) => t?.includes('Slide 2') === true,
    );
    await typeInto(popup, '#note-body', 'Slide 2: the compatibility matrix');
    await pressCtrlEnter(popup);
    await poll(
      () => textIn(popup, '', '[data-testid="page-note-count"]'),
      (t) => t === '1 note on this page',
    );

    // The talk card lists both notes; the deck's note keeps its slide.
    const notes = `ul[aria-label="Notes on “${TALK}”"]`;
    await poll(
      () => countIn(panel, notes, '[data-note-id]'),
      (n) => n === 2,
    );
    const listed = await texts(panel, `${notes} [data-note-id]`);
    expect(listed.some((t) => t.includes('Vertical portals, explained'))).toBe(true);
    const deckNote = await panel.evaluate((l) => {
      const row = [...document.querySelectorAll(`${l} [data-note-id]`)].find((r) =>
        r.textContent?.includes('compatibility matrix'),
      );
      return row?.querySelector('[data-testid="note-slide"]')?.textContent ?? null;
    }, notes);
    expect(deckNote).toContain('Slide 2');

    // The talk card names the deck it is linked to, and the store links them.
    await poll(
      () => textIn(panel, card, '[data-testid="talk-decks"]'),
      (t) => t?.includes('reveal.js') === true,
    );
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
      return { decks: decks.map((d) => d.talkId ?? null), talks: talks.map((t) => t.id) };
    });
    expect(linked.talks).toHaveLength(1);
    expect(linked.decks).toEqual([linked.talks[0]]);

    // The event view: DemoCon, the talk on Thursday 8 September 2022 at 14:00 (Berlin time), starred.
    await clickButton(panel, 'Events');
    await poll(
      () => textIn(panel, '', '[data-testid="event-name"]'),
      (t) => t === 'DemoCon',
    );
    const dayRows = () =>
      panel.evaluate(() => {
        const day = [...document.querySelectorAll('section[aria-label]')].find((s) =>
          /September 8, 2022|8 September 2022/.test(s.getAttribute('aria-label') ?? ''),
        );
        return [...(day?.querySelectorAll('[data-talk-id]') ?? [])].map((r) => ({
          text: r.textContent ?? '',
          time: r.querySelector('[data-testid="event-talk-time"]')?.textContent ?? '',
          starred: r.querySelectorAll('button[aria-label^="Unstar"]').length,
          notes: r.querySelectorAll('ul[aria-label^="Notes on"] [data-note-id]').length,
        }));
      });
    const rows = await poll(dayRows, (r) => r.length === 1);
    expect(rows[0]?.text).toContain(TALK);
    expect(rows[0]?.time).toMatch(/0?2:00|14:00/);
    expect(rows[0]?.starred).toBe(1);
    // Opening it shows the talk card with both notes.
    await clickButton(panel, new RegExp(`^${TALK}`));
    await poll(dayRows, (r) => r[0]?.notes === 2);

    // The event can be renamed by hand; the rename sticks.
    await clickButton(panel, 'Edit event');
    await typeInto(panel, 'form[aria-label="Edit event"] input[name="name"]', 'DemoCon 2022');
    expect(await axeViolations(panel)).toEqual([]);
    await clickButton(panel, 'Save event');
    await poll(
      () => textIn(panel, '', '[data-testid="event-name"]'),
      (t) => t === 'DemoCon 2022',
    );

    // Both sidebars pass axe in their populated state.
    expect(await axeViolations(panel)).toEqual([]);
    expect(await axeViolations(deckPanel)).toEqual([]);
  });
});
