/**
 * Pages describe only themselves and learn nothing (issue 14, items 1 and 2), end to end with the
 * RELEASE build (TALKMARKS_E2E=0, read from TALKMARKS_RELEASE_EXT_DIR) in Chromium, every page served
 * over HTTPS under its real host name (release-harness.ts). Fixtures: tests/fixtures/hardening/.
 *
 * (a) A blog on another site embeds a YouTube player, a Speaker Deck player and a Google Slides
 *     embed. Talkmarks captures inside each frame (known hosts), yet the blog receives no message
 *     event and sees no DOM change — while its frames are probed with Talkmarks' old "hello" for 5 s
 *     after they reported, and again for 5 s after the user opened the popup on the tab — and the
 *     popup still shows what the embeds show.
 * (b) A page on evil.example whose `rel=canonical`, `og:url` and JSON-LD `url` name a stored
 *     fosdem.org talk: a note taken there changes nothing about that talk or its event (the
 *     database is read before and after), and is filed under evil.example's own URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchRelease,
  type Popup,
  type ReleaseSession,
  serveHosts,
  type TlsServer,
} from './release-harness';

const FIXTURES = 'tests/fixtures/hardening';
const BLOG = 'https://blog.example/week.html';
const FOSDEM = 'https://fosdem.org/2026/schedule/event/replication/';
const EVIL = 'https://evil.example/notes.html';
/** What each embed's capture module says it is, and how the popup names it. */
const EMBEDS: Record<string, string> = {
  youtube: 'YouTube',
  speakerdeck: 'Speaker Deck',
  'google-slides': 'Google Slides',
};

interface Capture {
  kind: string;
  platform: string;
  url: string;
  slide?: { index: number; label: string };
  video?: { currentTime: number };
}
interface FrameReport {
  frameId: number;
  url: string;
  capture: Capture;
}
type Row = Record<string, unknown> & { id: string };

let server: TlsServer;
let session: ReleaseSession | undefined;

beforeAll(async () => {
  server = await serveHosts({
    'blog.example': { files: { '/week.html': `${FIXTURES}/blog-embeds.html` } },
    'www.youtube.com': { files: { '/embed/DIsktwOQZuU': `${FIXTURES}/youtube-embed.html` } },
    'speakerdeck.com': {
      files: {
        '/player/1910ac12ec6a4e6eb07b38ad85c09631': 'tests/fixtures/slides/speakerdeck/player-ctdesign.html',
      },
    },
    'docs.google.com': {
      files: { '/presentation/d/e/2PACX-1vTalkmarksFixture/embed': `${FIXTURES}/slides-embed.html` },
    },
    'fosdem.org': { files: { '/2026/schedule/event/replication/': `${FIXTURES}/fosdem-talk.html` } },
    'evil.example': { files: { '/notes.html': `${FIXTURES}/evil-notes.html` } },
  });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** A fresh browser and profile for each test. */
async function start(): Promise<ReleaseSession> {
  await session?.close();
  session = await launchRelease(server);
  return session;
}

/** The frame reports the background keeps for a tab (storage.session, read from an extension page). */
function frameReports(s: ReleaseSession, tabId: number): Promise<FrameReport[]> {
  return s.probe.evaluate(async (id) => {
    const all = await chrome.storage.session.get(null);
    return Object.entries(all)
      .filter(([key]) => key.startsWith(`frames:${id}:`))
      .map(([, value]) => value as FrameReport);
  }, tabId);
}

/** Every record of one table of the extension's database, as stored. */
function readTable(s: ReleaseSession, table: string): Promise<Row[]> {
  return s.probe.evaluate(
    (name) =>
      new Promise<Row[]>((done, fail) => {
        const open = indexedDB.open('talkmarks');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction(name).objectStore(name).getAll();
          read.onerror = () => fail(read.error);
          read.onsuccess = () => {
            db.close();
            done(read.result as Row[]);
          };
        };
      }),
    table,
  );
}

/** What the blog page has seen so far. */
function seenByPage(page: import('playwright-core').Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __heard: unknown[]; __mutations: number; __probes: number };
    return { heard: w.__heard, mutations: w.__mutations, probes: w.__probes };
  });
}

/** Probes the page's frames with the old hello 50 times, 100 ms apart (5 s), and waits until it has. */
async function probeFiveSeconds(page: import('playwright-core').Page) {
  const before = (await seenByPage(page)).probes;
  await page.evaluate(() => (window as unknown as { __probe(n: number, ms: number): void }).__probe(50, 100));
  await expect.poll(async () => (await seenByPage(page)).probes).toBe(before + 50);
}

/** Types a note in the real popup and saves it; waits until the popup has cleared the field. */
async function saveNote(popup: Popup, body: string) {
  await popup.click('#note-body');
  await popup.type(body);
  await popup.click('form button[type="submit"]');
  await expect.poll(() => popup.evaluate<string>('document.querySelector("#note-body").value')).toBe('');
}

describe('a page that embeds known players and decks', () => {
  it('hears nothing from Talkmarks, before or after the popup opens, and the popup shows the embeds', async () => {
    const s = await start();
    const page = await s.context.newPage();
    await page.goto(BLOG, { waitUntil: 'load' });
    const tabId = await s.tabIdOf(BLOG);

    // Each embed's capture module ran in its frame and told the background what it shows.
    await expect
      .poll(async () => (await frameReports(s, tabId)).map((r) => r.capture.platform).sort())
      .toEqual(['google-slides', 'speakerdeck', 'youtube']);
    const reports = await frameReports(s, tabId);
    expect(reports.map((r) => new URL(r.url).host).sort()).toEqual([
      'docs.google.com',
      'speakerdeck.com',
      'www.youtube.com',
    ]);
    expect(new Set(reports.map((r) => r.frameId)).size).toBe(3);
    expect(reports.every((r) => r.frameId > 0)).toBe(true);

    await probeFiveSeconds(page);
    expect(await seenByPage(page)).toEqual({ heard: [], mutations: 0, probes: 50 });

    // The page also listens for the start announcement WXT's content scripts make on the document
    // (its name holds the extension id, which is public for a store extension).
    await page.evaluate((id) => {
      const w = window as unknown as { __heard: unknown[] };
      document.addEventListener(`${id}:capture:wxt:content-script-started`, (e) => w.__heard.push(e.type));
    }, s.extensionId);

    // The user opens the popup on the tab: the capture module now runs in the blog's frame too.
    await page.bringToFront();
    const popup = await s.clickAction(BLOG);
    let shown: Capture | undefined;
    await expect
      .poll(async () => {
        const probe = await s.ask(tabId);
        shown = 'answer' in probe ? (probe.answer as Capture) : undefined;
        return shown?.platform ?? '';
      })
      .toMatch(/^(youtube|speakerdeck|google-slides)$/);
    expect(shown?.url).toBe(BLOG); // the note would be filed under the blog, with the embed's slide or time
    expect(shown?.slide ?? shown?.video).toBeDefined();
    const name = EMBEDS[shown?.platform ?? ''] ?? '?';
    await expect.poll(() => popup.text('[data-testid="capture-kind"]')).toContain(name);
    if (shown?.slide) {
      expect(await popup.text('[data-testid="current-slide"]')).toContain(`Slide ${shown.slide.label}`);
    }

    await probeFiveSeconds(page);
    expect(await seenByPage(page)).toEqual({ heard: [], mutations: 0, probes: 100 });
    await popup.close();
  });
});

describe('a page that names another site’s talk', () => {
  it('changes nothing about the stored fosdem.org talk, and its note is filed under its own URL', async () => {
    const s = await start();
    // The user takes a note on the real talk page: the talk and its event are stored.
    const fosdem = await s.context.newPage();
    await fosdem.goto(FOSDEM, { waitUntil: 'load' });
    await fosdem.bringToFront();
    let popup = await s.clickAction(FOSDEM);
    await expect.poll(() => popup.text('main h1')).toBe('Replication in practice');
    await saveNote(popup, 'Quorums need an odd number of voters');
    await popup.close();
    await expect.poll(async () => (await readTable(s, 'notes')).length).toBe(1);
    const [talk, ...otherTalks] = await readTable(s, 'talks');
    expect(otherTalks).toEqual([]);
    expect(talk).toMatchObject({
      url: FOSDEM,
      title: 'Replication in practice',
      speakers: [{ name: 'Ana Lima', url: 'https://fosdem.org/2026/schedule/speaker/ana_lima/' }],
      abstract: 'How quorums keep your data when machines fail.',
      slidesUrl: 'https://fosdem.org/2026/schedule/event/replication/attachments/slides/1/export/slides.pdf',
    });
    const events = await readTable(s, 'events');
    expect(events.map((e) => [e.name, e.url])).toEqual([['FOSDEM 2026', 'https://fosdem.org/2026/']]);

    // A page on evil.example claims to be that talk (canonical, og:url, JSON-LD url).
    const evil = await s.context.newPage();
    await evil.goto(EVIL, { waitUntil: 'load' });
    await evil.bringToFront();
    popup = await s.clickAction(EVIL);
    await expect
      .poll(() => popup.text('main h1'))
      .toBe('Replication in practice (rewritten by evil.example)');
    expect(await popup.text('section[aria-label="This page"]')).toContain(EVIL);
    await saveNote(popup, 'Taken on evil.example');
    await popup.close();
    await expect.poll(async () => (await readTable(s, 'notes')).length).toBe(2);

    // The fosdem talk and its event are exactly as they were.
    const talks = await readTable(s, 'talks');
    expect(talks.find((t) => t.id === talk?.id)).toEqual(talk);
    expect(await readTable(s, 'events')).toEqual(events);
    // The new note is filed under evil.example's own URL, and under a talk of its own.
    const note = (await readTable(s, 'notes')).find((n) => n.body === 'Taken on evil.example');
    expect(note?.url).toBe(EVIL);
    expect(note?.talkId).not.toBe(talk?.id);
    const own = talks.find((t) => t.id === note?.talkId);
    expect(own).toMatchObject({ url: EVIL, title: 'Replication in practice (rewritten by evil.example)' });
    const fosdemNotes = (await readTable(s, 'notes')).filter((n) => n.talkId === talk?.id);
    expect(fosdemNotes.map((n) => n.body)).toEqual(['Quorums need an odd number of voters']);
  });
});
