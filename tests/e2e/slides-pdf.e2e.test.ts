/**
 * PDF decks: "Open in Talkmarks" from the popup moves a PDF tab into Talkmarks' PDF.js viewer, which
 * answers `talkmarks:capture` with the page as the slide and the PDF as the deck, follows page flips,
 * and goes back to a note's page. The side panel reads the viewer tab like the popup does.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureOf, type ExtensionSession, launchExtension } from './harness';
import { type FixtureServer, serveFixtures } from './server';

interface Capture {
  platform: string;
  url: string;
  deck?: { title: string; url: string; slideCount?: number };
  slide?: { index: number; label: string; title?: string };
}

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/slides/pdf', 'tests/fixtures/sessions']);
});
afterAll(async () => {
  await server?.close();
});

// Each test starts on a new, empty profile: what one test saved is never another's starting point.
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(async () => {
  await session?.close(true);
});

describe('PDF decks', () => {
  it('opens in the viewer and is captured page by page', async () => {
    const pdfUrl = server.url('/deck.pdf');
    const tab = await session.context.newPage();
    await tab.goto(
      `chrome-extension://${session.extensionId}/pdf.html?file=${encodeURIComponent(pdfUrl)}#page=2`,
    );
    const tabId = await session.tabIdOf(tab.url());
    const capture = async () => (await captureOf(session, tabId)) as Capture;
    await expect.poll(async () => (await capture())?.slide?.label).toBe('2');
    expect(await capture()).toMatchObject({
      platform: 'pdf',
      url: pdfUrl,
      deck: { title: 'Replication in practice', url: pdfUrl, slideCount: 3 },
      slide: { index: 1, label: '2', title: 'Why replicate?' },
    });

    await tab.bringToFront();
    await tab.keyboard.press('ArrowRight');
    await expect.poll(async () => (await capture())?.slide?.title).toContain('Quorums');

    const probe = await session.openPage('popup.html', { tabId: 0 });
    const moved = await probe.evaluate(
      (id) =>
        chrome.tabs.sendMessage(id, { type: 'talkmarks:goto', target: { slide: { index: 0, label: '1' } } }),
      tabId,
    );
    expect(moved).toBe(true);
    await expect.poll(async () => (await capture())?.slide?.label).toBe('1');
    expect(tab.url()).toContain('#page=1');
  });

  it('the popup offers "Open in Talkmarks" on a PDF tab', async () => {
    const pdfUrl = server.url('/deck.pdf');
    const tab = await session.context.newPage();
    await tab.goto(server.url('/make-pdf.mjs')).catch(() => undefined); // any page; the URL decides
    const tabId = await session.tabIdOf(tab.url());
    const popup = await session.openPage('popup.html', { tabId });
    await expect.poll(() => popup.getByRole('button', { name: 'Open in Talkmarks' }).count()).toBe(0);
    await popup.close();
    await tab.goto(pdfUrl).catch(() => undefined); // Chromium's own PDF viewer (or a download)
    const pdfTab = await session.tabIdOf(pdfUrl).catch(() => tabId);
    const popup2 = await session.openPage('popup.html', { tabId: pdfTab });
    await popup2.getByRole('button', { name: 'Open in Talkmarks' }).click();
    await expect.poll(() => tab.url()).toContain('/pdf.html?file=');
  });

  it('the side panel reads the viewer tab: the deck, its page as it flips, and attaching it to a talk', async () => {
    // A talk to attach the deck to: the JSON-LD event page, starred from its side panel.
    const TALK = 'Summer Music Festival 2024';
    const talkTab = await session.context.newPage();
    await talkTab.goto(server.url('/jsonld-physical-event.html'));
    const talkPanel = await session.openPage('sidepanel.html', {
      tabId: await session.tabIdOf(talkTab.url()),
    });
    await talkPanel.getByRole('button', { name: `Star “${TALK}”` }).click();
    await expect.poll(() => talkPanel.getByRole('button', { name: `Unstar “${TALK}”` }).count()).toBe(1);

    const pdfUrl = server.url('/deck.pdf');
    const tab = await session.context.newPage();
    await tab.goto(
      `chrome-extension://${session.extensionId}/pdf.html?file=${encodeURIComponent(pdfUrl)}#page=2`,
    );
    const tabId = await session.tabIdOf(tab.url());
    await expect.poll(async () => ((await captureOf(session, tabId)) as Capture)?.slide?.label).toBe('2');

    const panel = await session.openPage('sidepanel.html', { tabId });
    const slide = panel.getByTestId('current-slide');
    await expect.poll(() => slide.textContent()).toBe('Slide 2 of 3 — Why replicate?');
    expect(await panel.getByRole('heading', { name: 'Replication in practice' }).count()).toBe(1);
    // The deck's notes load on demand (a lazy view): wait for them.
    await expect.poll(() => panel.getByRole('heading', { name: 'Notes on slide 2' }).count()).toBe(1);
    expect(await panel.getByText('Reading the page…').count()).toBe(0);

    // A page flip in the viewer reaches the panel.
    await tab.bringToFront();
    await tab.keyboard.press('ArrowRight');
    await expect.poll(() => slide.textContent()).toContain('Slide 3 of 3');
    await expect.poll(() => panel.getByRole('heading', { name: 'Notes on slide 3' }).count()).toBe(1);

    // "Attach deck", offered on the viewer tab, works from the panel.
    const deckTalk = panel.getByRole('region', { name: 'The talk of this deck' });
    const choose = deckTalk.getByRole('combobox', { name: 'Attach this deck to a talk' });
    await expect.poll(() => choose.locator('option', { hasText: TALK }).count()).toBe(1);
    await choose.selectOption({ label: TALK });
    await deckTalk.getByRole('button', { name: 'Attach deck' }).click();
    await expect.poll(() => deckTalk.getByRole('combobox', { name: 'This deck belongs to' }).count()).toBe(1);
    await expect.poll(() => deckTalk.getByRole('heading', { name: TALK }).count()).toBe(1);
  });
});
