/**
 * Session capture in Firefox ESR: the pretalx talk page (tests/fixtures/sessions/e2e, rendered from
 * pretalx's own templates) and the reveal.js demo deck it links, both from 127.0.0.1. The talk is
 * captured with its JSON alternate's recording, starred on its talk card, noted; the deck is noted
 * on slide 2; the card lists both notes and names the deck; the Events view shows the talk on its
 * day; the populated sidebar passes axe-core.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  clickButton,
  type FirefoxSession,
  launchFirefox,
  poll,
  pressCtrlEnter,
  texts,
  typeInto,
} from './firefox';
import { type FixtureServer, serveFixtures } from './server';

const TALK = 'Keeping schemas honest';
let server: FixtureServer;
let ff: FirefoxSession;
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

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/sessions/e2e', 'node_modules/reveal.js'], [api]);
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
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
  it('captures a pretalx talk, stars and notes it and its deck’s slide 2, and links both', async () => {
    const talkUrl = server.url('/democon2025/talk/QRS789/');
    const { tabId } = await ff.openTab(talkUrl);

    const capture = (await poll(
      () => ff.captureOf(tabId) as Promise<{ talk?: { videoUrl?: string } } | null>,
      (c) => !!c?.talk?.videoUrl,
    )) as Record<string, unknown> & { talk: Record<string, unknown>; event: Record<string, unknown> };
    expect(capture.platform).toBe('pretalx');
    expect(capture.url).toBe(talkUrl);
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

    // The talk card, starred before any note.
    const panel = await ff.openPage('sidepanel.html', { tabId });
    const card = '[data-testid="talk-card"]';
    await poll(
      () => texts(panel, `${card} h2, ${card} h3`),
      (t) => t.includes(TALK),
    );
    const time = await poll(
      () => textIn(panel, card, '[data-testid="talk-time"]'),
      (t) => t?.includes('Europe/Lisbon') === true,
    );
    expect(time).toContain('Europe/Lisbon');
    await clickButton(panel, `Star “${TALK}”`);
    await poll(
      () => panel.evaluate((l) => !!document.querySelector(`button[aria-label="${l}"]`), `Unstar “${TALK}”`),
      Boolean,
    );

    // A note on the talk page, from the sidebar's note box.
    await typeInto(panel, '#note-body', 'Contract tests belong in the producer’s CI #schemas');
    await pressCtrlEnter(panel);
    await poll(
      () => panel.evaluate(() => document.querySelector<HTMLTextAreaElement>('#note-body')?.value),
      (v) => v === '',
    );

    // The deck the page links, on slide 2, noted from the popup.
    const deck = await ff.openTab(server.url('/demo.html#/1'));
    const popup = await ff.openPage('popup.html', { tabId: deck.tabId });
    await poll(
      () => textIn(popup, '', '[data-testid="current-slide"]'),
      (t) => t?.includes('Slide 2') === true,
      15_000,
    );
    await typeInto(popup, '#note-body', 'Slide 2: the compatibility matrix');
    await pressCtrlEnter(popup);
    await poll(
      () => textIn(popup, '', '[data-testid="page-note-count"]'),
      (t) => t === '1 note on this page',
    );

    // The talk card lists both notes; the deck's note keeps its slide; the card names the deck.
    const notes = `ul[aria-label="Notes on “${TALK}”"]`;
    await poll(
      () => countIn(panel, notes, '[data-note-id]'),
      (n) => n === 2,
    );
    const listed = await texts(panel, `${notes} [data-note-id]`);
    expect(listed.some((t) => t.includes('Contract tests belong'))).toBe(true);
    const deckNote = await panel.evaluate((l) => {
      const row = [...document.querySelectorAll(`${l} [data-note-id]`)].find((r) =>
        r.textContent?.includes('compatibility matrix'),
      );
      return row?.querySelector('[data-testid="note-slide"]')?.textContent ?? null;
    }, notes);
    expect(deckNote).toContain('Slide 2');
    await poll(
      () => textIn(panel, card, '[data-testid="talk-decks"]'),
      (t) => t?.includes('reveal.js') === true,
    );

    // The deck's sidebar names its talk.
    const deckPanel = await ff.openPage('sidepanel.html', { tabId: deck.tabId });
    await poll(
      () =>
        texts(
          deckPanel,
          'section[aria-label="The talk of this deck"] h2, section[aria-label="The talk of this deck"] h3',
        ),
      (t) => t.includes(TALK),
    );

    // The Events view: DemoCon 2025, the talk on 14 October 2025 at 14:30 Lisbon time, starred.
    await clickButton(panel, 'Events');
    await poll(
      () => textIn(panel, '', '[data-testid="event-name"]'),
      (t) => t === 'DemoCon 2025',
    );
    const row = await poll(
      () =>
        panel.evaluate(() => {
          const day = [...document.querySelectorAll('section[aria-label]')].find((s) =>
            /October 14, 2025|14 October 2025/.test(s.getAttribute('aria-label') ?? ''),
          );
          const rows = [...(day?.querySelectorAll('[data-talk-id]') ?? [])];
          return rows.map((r) => ({
            text: r.textContent ?? '',
            time: r.querySelector('[data-testid="event-talk-time"]')?.textContent ?? '',
            starred: r.querySelectorAll('button[aria-label^="Unstar"]').length,
          }));
        }),
      (rows) => rows.length === 1,
    );
    expect(row[0]?.text).toContain(TALK);
    expect(row[0]?.time).toMatch(/0?2:30|14:30/);
    expect(row[0]?.starred).toBe(1);

    expect(await axeViolations(panel)).toEqual([]);
    expect(await axeViolations(deckPanel)).toEqual([]);
  });
});
