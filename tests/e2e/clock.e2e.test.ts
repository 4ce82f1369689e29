/**
 * The talk's clock → recording links (issue 16, item 1), end to end in Chromium (E2E build).
 *
 * A session page (JSON-LD with a time slot, 10:00–10:45 UTC on 10 September 2026) is open "live":
 * the test sets the extension's clock (the background's `Date.now`, where notes are filed) to 1,
 * 5 and 20 minutes into the slot and takes a note from the side panel each time. Later the talk's
 * recording is opened: the saved real YouTube watch page (tests/fixtures/sessions/youtube-watch.html,
 * "GBAF 2024 – Highlights", the talk's title) served under www.youtube.com over HTTPS. The saved
 * page has no player (YouTube's scripts build it), so the copy served adds the player's
 * `<video class="html5-main-video">` inside `#movie_player`, where the YouTube adapter reads it.
 * The side panel offers to align; first "the video starts with the talk" (links at 60, 300, 1200 s),
 * then the user plays the video to 6:35 and says the second note is now (the talk starts 95 s in):
 * each note links to its second (±1 s), and clicking a marker or a note's time seeks the video.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension } from './harness';
import { serveHosts, type TlsServer } from './release-harness';
import { type FixtureServer, serveFixtures } from './server';

// What the saved YouTube page names (its <title> and player data), read from the file by hand.
const TITLE = 'GBAF 2024 – Highlights';
const VIDEO = 'https://www.youtube.com/watch?v=DIsktwOQZuU';
const SLOT_START = Date.parse('2026-09-10T10:00:00Z');
/** The notes, and the seconds into the talk at which the test's clock has each one written. */
const NOTES = [
  { body: 'Opening: the brain as a network of networks', at: 60 },
  { body: 'Panel on AI regulation starts here', at: 300 },
  { body: 'Closing remarks and next year’s venue', at: 1200 },
];
const TALK_PATH = '/live/gbaf-highlights/';
/** The same talk on a page that prints no time: the user presses "Talk started". */
const NO_SLOT_PATH = '/live/gbaf-no-slot/';

let dir: string;
let http: FixtureServer;
let tls: TlsServer;
let session: ExtensionSession;

/** The talk's session page: JSON-LD with its slot, named as the recording is. */
function talkPage(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== TALK_PATH && req.url !== NO_SLOT_PATH) return false;
  const slot =
    req.url === TALK_PATH ? { startDate: '2026-09-10T10:00:00Z', endDate: '2026-09-10T10:45:00Z' } : {};
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'EducationEvent',
    name: TITLE,
    url: req.url,
    ...slot,
    performer: { '@type': 'Person', name: 'Global Brain' },
  };
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><head><title>${TITLE}</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><h1>${TITLE}</h1></body></html>`,
  );
  return true;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talkmarks-clock-'));
  const saved = readFileSync('tests/fixtures/sessions/youtube-watch.html', 'utf8');
  const withPlayer = saved.replace(
    '<body></body>',
    '<body><div id="movie_player"><video class="html5-main-video" muted></video></div></body>',
  );
  expect(withPlayer).not.toBe(saved);
  writeFileSync(join(dir, 'watch.html'), withPlayer);
  tls = await serveHosts({ 'www.youtube.com': { files: { '/watch': join(dir, 'watch.html') } } });
  http = await serveFixtures([], [talkPage]);
});
afterAll(async () => {
  await tls?.close();
  await http?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  session = await launchExtension({
    args: [`--host-resolver-rules=MAP www.youtube.com 127.0.0.1:${tls.port}`, '--ignore-certificate-errors'],
  });
});
afterEach(async () => {
  await session?.close(true);
});

/** The background's service worker, where notes are filed and their time read. */
function background(): Worker {
  const worker = session.context.serviceWorkers()[0];
  if (!worker) throw new Error('no extension service worker');
  return worker;
}

/** Sets the background's clock to `ms` (frozen there), or back to the real one with `null`. */
async function setClock(ms: number | null): Promise<void> {
  await background().evaluate((at) => {
    const g = globalThis as unknown as { __realNow?: () => number };
    g.__realNow ??= Date.now.bind(Date);
    Date.now = at === null ? g.__realNow : () => at;
  }, ms);
}

async function openTab(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(url);
  return { page, tabId: await session.tabIdOf(page.url()) };
}

/** The `t=` of a YouTube moment link, in seconds. */
function tOf(href: string | null): number {
  const t = href ? new URL(href).searchParams.get('t') : null;
  return t ? Number(t.replace(/s$/, '')) : Number.NaN;
}

describe('the talk’s clock in Chromium', () => {
  it('notes taken live link to their seconds in the aligned recording, and clicking one seeks the video', async () => {
    // Live: the talk page and its panel; the clock is inside the slot for each note.
    const talk = await openTab(http.url(TALK_PATH));
    const panel = await session.openPage('sidepanel.html', { tabId: talk.tabId });
    await expect
      .poll(() => panel.getByTestId('talk-card').getByRole('heading', { name: TITLE }).count())
      .toBe(1);
    const box = panel.getByRole('combobox', { name: 'Note' });
    for (const note of NOTES) {
      await setClock(SLOT_START + note.at * 1000);
      await box.fill(note.body);
      await box.press('Control+Enter');
      await expect.poll(() => box.inputValue()).toBe('');
    }
    await setClock(null);
    // The talk card lists the three notes (filed under the talk).
    const card = panel.getByTestId('talk-card');
    for (const note of NOTES) await expect.poll(() => card.getByText(note.body).count()).toBe(1);

    // Later: the recording. Its panel knows it is this talk's and offers to align it.
    const video = await openTab(VIDEO);
    expect(await video.page.title()).toBe(`${TITLE} - YouTube`);
    const vpanel = await session.openPage('sidepanel.html', { tabId: video.tabId });
    const section = vpanel.getByRole('region', { name: 'Recording of your talk' });
    await expect.poll(() => section.getByText('You took 3 notes live during this talk').count()).toBe(1);

    // Default alignment: the video starts with the talk.
    await section.getByRole('button', { name: 'The video starts with the talk' }).click();
    const links = section.getByRole('list', { name: 'Your notes in the recording' }).getByRole('link');
    await expect.poll(() => links.count()).toBe(3);
    const hrefs = async () => Promise.all((await links.all()).map((l) => l.getAttribute('href')));
    for (const [i, href] of (await hrefs()).entries()) {
      expect(new URL(href ?? '').searchParams.get('v')).toBe('DIsktwOQZuU');
      expect(Math.abs(tOf(href) - NOTES[i]!.at)).toBeLessThanOrEqual(1);
    }

    // The user plays the video to 6:35, where the second note's moment is, and says so.
    await video.page.evaluate(() => {
      (document.querySelector('video.html5-main-video') as HTMLVideoElement).currentTime = 395;
    });
    await section.getByText('Align again').click();
    await section
      .getByRole('combobox', { name: 'Note to match' })
      .selectOption({ label: `5:00 into the talk — ${NOTES[1]!.body}` });
    await section.getByRole('button', { name: 'This note is now' }).click();
    await expect.poll(async () => tOf((await hrefs())[0] ?? null)).toBe(155);
    const expected = NOTES.map((n) => n.at + 95); // 155, 395, 1295
    for (const [i, href] of (await hrefs()).entries()) {
      expect(Math.abs(tOf(href) - expected[i]!)).toBeLessThanOrEqual(1);
    }

    // The timeline's markers: one per note, each seeking the video to its second.
    const timeline = section.getByTestId('recording-timeline');
    const markers = timeline.getByRole('button');
    expect(await markers.count()).toBe(3);
    const currentTime = () =>
      video.page.evaluate(
        () => (document.querySelector('video.html5-main-video') as HTMLVideoElement).currentTime,
      );
    await timeline.getByRole('button', { name: `Play from 21:35: ${NOTES[2]!.body}` }).click();
    await expect.poll(async () => Math.abs((await currentTime()) - 1295)).toBeLessThanOrEqual(1);
    // A note's time in the list seeks too (the link stays a link to the moment).
    await links.first().click();
    await expect.poll(async () => Math.abs((await currentTime()) - 155)).toBeLessThanOrEqual(1);
    expect(session.context.pages().some((p) => p.url().includes('t=155s'))).toBe(false);
  });

  it('"Talk started" on a talk with no time slot: a note 90 s later links to 1:30 of the recording', async () => {
    const talk = await openTab(http.url(NO_SLOT_PATH));
    const panel = await session.openPage('sidepanel.html', { tabId: talk.tabId });
    const started = panel.getByRole('button', { name: 'Talk started' });
    await expect.poll(() => started.count()).toBe(1);
    const pressedAt = Date.parse('2026-09-10T14:07:00Z');
    await panel.clock.setFixedTime(pressedAt); // the panel's clock, where the press is stored
    await started.click();
    await expect.poll(() => panel.getByTestId('talk-started').count()).toBe(1);
    await setClock(pressedAt + 90_000); // the background's, where the note is filed
    const box = panel.getByRole('combobox', { name: 'Note' });
    await box.fill('The real start was seven minutes late');
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    await setClock(null);

    const video = await openTab(VIDEO);
    const vpanel = await session.openPage('sidepanel.html', { tabId: video.tabId });
    const section = vpanel.getByRole('region', { name: 'Recording of your talk' });
    await expect.poll(() => section.getByText('You took 1 note live during this talk').count()).toBe(1);
    await section.getByRole('button', { name: 'The video starts with the talk' }).click();
    const link = section.getByRole('list', { name: 'Your notes in the recording' }).getByRole('link');
    await expect.poll(() => link.count()).toBe(1);
    expect(tOf(await link.getAttribute('href'))).toBe(90);
    expect(await link.textContent()).toBe('1:30');
  });
});
