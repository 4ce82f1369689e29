/**
 * Slide capture in Firefox ESR: on the real reveal.js demo deck (127.0.0.1, E2E build) the static
 * detector has the capture module injected, which answers `talkmarks:capture` and follows flips.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxSession, launchFirefox, poll } from './firefox';
import { type FixtureServer, serveFixtures } from './server';

interface Capture {
  platform?: string;
  slide?: { index: number; label: string; title?: string };
}

let server: FixtureServer;
let ff: FirefoxSession;

beforeAll(async () => {
  server = await serveFixtures(['node_modules/reveal.js']);
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

describe('reveal.js demo deck in Firefox', () => {
  it('answers talkmarks:capture on a vertical sub-slide and after a flip', async () => {
    const deck = await ff.browser.newPage();
    const url = server.url('/demo.html#/2/1');
    await ff.navigate(deck, url);
    const tabId = await poll(
      () => ff.tabIdOf(url),
      (id) => id >= 0,
    );
    const probe = await ff.openPage('popup.html', { tabId: 0 });
    const ask = () =>
      probe.evaluate(
        (id) =>
          (globalThis as unknown as { browser: typeof chrome }).browser.tabs
            .sendMessage(id, { type: 'talkmarks:capture' })
            .catch(() => null) as Promise<Capture | null>,
        tabId,
      );
    const first = await poll(ask, (c) => c?.slide?.index === 3);
    expect(first).toMatchObject({
      platform: 'reveal',
      slide: { index: 3, label: '3.2', title: 'Basement Level 1' },
    });
    await deck.evaluate(() => {
      location.hash = '#/3';
    });
    const next = await poll(ask, (c) => c?.slide?.index === 5);
    expect(next?.slide).toMatchObject({ label: '4', title: 'Slides' });
  });
});
