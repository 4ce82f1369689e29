/**
 * Hostile pages in Chromium (tests/fixtures/slides/hostile/): markup and script in slide titles,
 * 10,000 slides, a page whose own scripts throw, a page that replaces DOM methods. Capture answers
 * with plain data, adds no error to the page, and nothing from the page renders as HTML in the panel.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureOf, type ExtensionSession, launchExtension } from './harness';
import { type FixtureServer, serveFixtures } from './server';

interface Capture {
  platform: string;
  title: string;
  slide?: { index: number; label: string; title?: string; text?: string };
  deck?: { slideCount?: number };
}

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/slides/hostile']);
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

async function open(path: string) {
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url(path));
  const tabId = await session.tabIdOf(page.url());
  return { page, tabId, errors };
}

async function captureWhen(tabId: number, accept: (c: Capture) => boolean): Promise<Capture> {
  let last: Capture | null = null;
  await expect
    .poll(async () => {
      last = (await captureOf(session, tabId)) as Capture;
      return !!last && accept(last);
    })
    .toBe(true);
  return last as unknown as Capture;
}

describe('hostile decks in Chromium', () => {
  it('markup in titles stays text, in the capture and in the side panel', async () => {
    const { page, tabId } = await open('/titles.html');
    const c = await captureWhen(tabId, (x) => x.platform === 'reveal');
    expect(c.slide?.title).toBe(
      '<img src=x onerror="window.pwned=1"><script>alert(1)</script> Why replicate?',
    );
    expect(c.slide?.text).not.toContain('speaker notes');
    const panel = await session.openPage('sidepanel.html', { tabId });
    await expect
      .poll(() => panel.getByTestId('current-slide').textContent())
      .toContain('<script>alert(1)</script>');
    expect(await panel.locator('main img, main script, main iframe').count()).toBe(0);
    expect(await panel.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await panel.close();
    await page.close();
  });

  it('10,000 slides: the right slide, bounded text', async () => {
    const { page, tabId } = await open('/huge.html');
    const c = await captureWhen(tabId, (x) => x.platform === 'reveal');
    expect(c.slide).toMatchObject({ index: 9998, label: '100.99', title: 'Slide 99.98' });
    expect(c.deck?.slideCount).toBe(10_000);
    await page.close();
  });

  it('a page whose scripts throw: capture follows its flips and adds no error', async () => {
    const { page, tabId, errors } = await open('/throws.html');
    await captureWhen(tabId, (x) => x.slide?.title === 'One');
    await page.evaluate(() => {
      location.hash = '#2';
    });
    await captureWhen(tabId, (x) => x.slide?.title === 'Three');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((m) => m.startsWith('page:'))).toBe(true);
    await page.close();
  });

  it('a page that replaced DOM methods: capture reads the real DOM and the page sees no extra error', async () => {
    const { page, tabId, errors } = await open('/dom-replaced.html');
    const c = await captureWhen(tabId, (x) => x.platform === 'reveal');
    expect(c.title).toBe('Lying deck');
    expect(c.slide).toMatchObject({
      index: 1,
      label: '2',
      title: 'Real title',
      text: 'Real title Real text',
    });
    expect(errors.filter((m) => !m.startsWith('page:'))).toEqual([]);
    await page.close();
  });
});
