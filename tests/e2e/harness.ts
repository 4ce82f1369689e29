/**
 * The end-to-end harness: Debian's Chromium with the built extension (TALKMARKS_E2E=1 build),
 * extension pages opened as tabs, tab ids looked up the way the extension sees them, axe checks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { AXE_SOURCE, type AxeViolation, runAxe } from './in-page';
import { WAIT_MS } from './wait';

export const EXT_DIR = resolve(process.env.TALKMARKS_EXT_DIR ?? '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** Opens `chrome-extension://<id>/<path>` in a new tab. */
  openPage(path: string, query?: Record<string, string | number>): Promise<Page>;
  /** The extension's tab id of the (first) tab showing `url`. */
  tabIdOf(url: string): Promise<number>;
  /** Closes the browser; the profile stays unless `removeProfile`. */
  close(removeProfile?: boolean): Promise<void>;
}

/** Launches Chromium with the extension on a (new or given) profile. */
export async function launchExtension(
  options: { profileDir?: string; args?: string[] } = {},
): Promise<ExtensionSession> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'talkmarks-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXT_DIR}`,
      `--load-extension=${EXT_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...(options.args ?? []),
    ],
  });
  context.setDefaultTimeout(WAIT_MS);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const base = `chrome-extension://${extensionId}`;

  const openPage: ExtensionSession['openPage'] = async (path, query = {}) => {
    const page = await context.newPage();
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    await page.goto(`${base}/${path.replace(/^\//, '')}${qs ? `?${qs}` : ''}`);
    return page;
  };

  const tabIdOf: ExtensionSession['tabIdOf'] = async (url) => {
    const probe = await openPage('popup.html', { tabId: 0 }); // any extension page can ask
    try {
      const id = await probe.evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.url === u)?.id ?? -1;
      }, url);
      if (id < 0) throw new Error(`no tab shows ${url}`);
      return id;
    } finally {
      await probe.close();
    }
  };

  return {
    context,
    extensionId,
    profileDir,
    openPage,
    tabIdOf,
    async close(removeProfile = false) {
      await context.close();
      if (removeProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Asks the page's tab what it shows, through the public `talkmarks:capture` message. */
export async function captureOf(session: ExtensionSession, tabId: number): Promise<unknown> {
  const page = await session.openPage('popup.html', { tabId: 0 });
  try {
    return await page.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'talkmarks:capture' }), tabId);
  } finally {
    await page.close();
  }
}

/** Runs axe-core (WCAG 2.x A/AA) on the page; returns the violations. Evaluated over CDP, so the extension CSP allows it. */
export type { AxeViolation };
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(runAxe);
}

/**
 * Polls `read` until `accept` holds and returns that value; fails with the last value read when
 * the one e2e wait (`WAIT_MS`) passes, so a wait that never comes true is a failure where it happened.
 */
export async function until<T>(read: () => Promise<T>, accept: (v: T) => boolean): Promise<T> {
  const end = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > end) {
      throw new Error(`waited ${WAIT_MS} ms; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    }
    await new Promise((r) => setTimeout(r, 100)); // the poll interval, not a wait for the app
  }
}

/**
 * Waits until the page's DOM has stopped changing (no mutation for `quietMs`): live lists and counts
 * have rendered what they will. A condition on the page, bounded by the one e2e wait.
 */
export async function settled(page: Page, quietMs = 250): Promise<void> {
  const ok = await page.evaluate(
    ([quiet, limit]) =>
      new Promise<boolean>((done) => {
        let timer = setTimeout(() => finish(true), quiet);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(() => finish(true), quiet);
        });
        const deadline = setTimeout(() => finish(false), limit);
        function finish(result: boolean) {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(deadline);
          done(result);
        }
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      }),
    [quietMs, WAIT_MS] as const,
  );
  if (!ok) throw new Error(`the page kept changing for ${WAIT_MS} ms`);
}
