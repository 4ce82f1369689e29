/**
 * The library in Firefox ESR's sidebar page: a seeded library is browsed and searched — the search
 * worker (a module worker reading IndexedDB) builds its index and answers with highlighted matches.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxSession, launchFirefox, poll } from './firefox';

let ff: FirefoxSession;
let panel: Page;

interface Hooks {
  seed(o: object): Promise<unknown>;
  warm(): void;
  status(): { state: string; indexed: number };
}

beforeAll(async () => {
  ff = await launchFirefox();
  panel = await ff.openPage('sidepanel.html', { view: 'library', tabId: 0 });
  await poll(
    () =>
      panel.evaluate(() => Boolean((window as unknown as { __talkmarksLibrary?: Hooks }).__talkmarksLibrary)),
    Boolean,
  );
  await panel.evaluate(() =>
    (window as unknown as { __talkmarksLibrary: Hooks }).__talkmarksLibrary.seed({
      notes: 800,
      events: 3,
      talksPerEvent: 10,
      seed: 3,
    }),
  );
  await ff.navigate(panel, `${ff.base}/sidepanel.html?view=library&tabId=0`);
});

afterAll(async () => {
  await ff?.close();
});

describe('library in Firefox', () => {
  it('lists the library and searches through the worker', async () => {
    const first = await poll(
      () => panel.evaluate(() => document.querySelector('[role=option]')?.textContent ?? ''),
      (t) => /All notes.*800/.test(t),
      20_000,
    );
    expect(first).toContain('All notes');
    const status = await poll(
      () =>
        panel.evaluate(() => {
          const lib = (window as unknown as { __talkmarksLibrary: Hooks }).__talkmarksLibrary;
          lib.warm();
          return lib.status();
        }),
      (s) => s.state === 'ready' && s.indexed >= 800,
      30_000,
    );
    expect(status.state).toBe('ready');

    await panel.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('#library-search')!;
      box.focus();
      box.value = '#glusterfs';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const line = await poll(
      () => panel.evaluate(() => document.querySelector('#library-search-status')?.textContent ?? ''),
      (t) => /^[\d,]+ results?( \(best [\d,]+ shown\))?$/.test(t),
      15_000,
    );
    expect(line).toMatch(/^\d[\d,]* results?/);
    const marks = await poll(
      () =>
        panel.evaluate(() => [...document.querySelectorAll('[role=option] mark')].map((m) => m.textContent)),
      (m) => m.length > 0,
    );
    expect(marks.every((m) => m?.toLowerCase() === 'glusterfs')).toBe(true);
  });
});
