/**
 * The generic talk-page reader on the release path (issue 15): the RELEASE build (TALKMARKS_E2E=0,
 * TALKMARKS_RELEASE_EXT_DIR) in Chromium, a seminar page with no structured data served over HTTPS
 * under a host name no adapter knows (release-harness.ts). Nothing of Talkmarks runs there before the
 * user clicks the toolbar button; after the click the real popup shows the talk's title, speaker and
 * event, and a note written in it is filed under a talk with those fields (seen in the side panel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRelease, type ReleaseSession, serveHosts, type TlsServer } from './release-harness';

const PAGE = 'https://seminars.example/2026/talks/caches-that-forget/';
const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';

interface Capture {
  platform: string;
  title: string;
  talk?: {
    title: string;
    speakers: { name: string }[];
    slidesUrl?: string;
    videoUrl?: string;
    startsAt?: string;
  };
  event?: { name: string };
  evidence?: Record<string, string>;
}

let server: TlsServer;
let session: ReleaseSession | undefined;

beforeAll(async () => {
  server = await serveHosts({
    'seminars.example': {
      files: { '/2026/talks/caches-that-forget/': 'tests/fixtures/pages/talks/e2e-seminar.html' },
    },
  });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('release build: a talk page no adapter knows', () => {
  it('after the toolbar click the popup shows title, speaker and event; a note is filed under that talk', async () => {
    session = await launchRelease(server);
    const s = session;
    const page = await s.context.newPage();
    await page.goto(PAGE, { waitUntil: 'load' });
    const tabId = await s.tabIdOf(page.url());
    expect(await s.ask(tabId)).toEqual({ error: NO_RECEIVER }); // untouched before the click

    await page.bringToFront();
    const popup = await s.clickAction(page.url());
    await expect.poll(() => popup.text('main h1')).toBe('Caches that forget on purpose');
    await expect.poll(() => popup.text('[data-testid="capture-speakers"]')).toBe('Ada Lovelace');
    expect(await popup.text('[data-testid="capture-event"]')).toBe('Systems Seminar Series 2026');

    // What the tab answered: the generic reader, each field with its evidence; the tab's own title kept.
    let answer: Capture | undefined;
    await expect
      .poll(async () => {
        const probe = await s.ask(tabId);
        answer = 'answer' in probe ? (probe.answer as Capture) : undefined;
        return answer?.platform;
      })
      .toBe('generic');
    expect(answer).toMatchObject({
      title: 'Caches that forget on purpose | Systems Seminar',
      talk: {
        title: 'Caches that forget on purpose',
        speakers: [{ name: 'Ada Lovelace' }],
        slidesUrl: 'https://seminars.example/files/caches-that-forget-slides.pdf',
        videoUrl: 'https://www.youtube.com/watch?v=abcdefghijk',
        startsAt: '2026-03-26T14:30:00+01:00',
      },
      event: { name: 'Systems Seminar Series 2026' },
      evidence: {
        speakers: 'label',
        event: 'label',
        slidesUrl: 'link-text',
        videoUrl: 'link-text',
        startsAt: 'label',
      },
    });

    await popup.click('#note-body');
    await popup.type('LRU is a guess about the future');
    await popup.click('form button[type="submit"]');
    await expect.poll(() => popup.evaluate<string>('document.querySelector("#note-body").value')).toBe('');
    await popup.close();

    // Filed under the talk: the side panel's talk card has the page's title, speaker and event.
    const panel = await s.context.newPage();
    await panel.goto(`chrome-extension://${s.extensionId}/sidepanel.html?tabId=${tabId}`);
    const card = panel.getByTestId('talk-card');
    await expect
      .poll(() => card.getByRole('heading').first().textContent())
      .toBe('Caches that forget on purpose');
    expect(await card.getByTestId('talk-speakers').textContent()).toBe('Ada Lovelace');
    await expect.poll(async () => (await card.textContent()) ?? '').toContain('Systems Seminar Series 2026');
    await expect.poll(() => panel.getByText('LRU is a guess about the future').count()).toBe(1);
  });
});
