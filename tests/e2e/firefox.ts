/**
 * Firefox ESR with the built extension, driven over WebDriver BiDi by puppeteer-core (Playwright's
 * Firefox and geckodriver cannot be had here; recipe in ../shared/TOOLING.md).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_EXT_DIR = resolve(process.env.TALKMARKS_FIREFOX_EXT_DIR ?? '.output/firefox-mv2');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

interface BidiFrame {
  browsingContext: { navigate(url: string, wait: 'complete'): Promise<unknown> };
}

export interface FirefoxSession {
  browser: Browser;
  base: string;
  uuid: string;
  /** Navigates a page, extension pages included (page.goto hangs on moz-extension:// pages). */
  navigate(page: Page, url: string): Promise<void>;
  openPage(path: string, query?: Record<string, string | number>): Promise<Page>;
  tabIdOf(url: string): Promise<number>;
  close(): Promise<void>;
}

/** Launches Firefox ESR and installs the extension temporarily, with a pinned moz-extension UUID. */
/** Pass the same `uuid` with the same profile to reach the same extension storage after a restart. */
export async function launchFirefox(
  options: { userDataDir?: string; uuid?: string } = {},
): Promise<FirefoxSession> {
  const manifest = JSON.parse(readFileSync(`${FIREFOX_EXT_DIR}/manifest.json`, 'utf8'));
  const geckoId: string = manifest.browser_specific_settings.gecko.id;
  const uuid = options.uuid ?? randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: options.userDataDir,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) },
  });
  await browser.installExtension(FIREFOX_EXT_DIR);
  const base = `moz-extension://${uuid}`;

  const navigate = async (page: Page, url: string) => {
    await (page.mainFrame() as unknown as BidiFrame).browsingContext.navigate(url, 'complete');
  };
  const openPage: FirefoxSession['openPage'] = async (path, query = {}) => {
    const page = await browser.newPage();
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    await navigate(page, `${base}/${path.replace(/^\//, '')}${qs ? `?${qs}` : ''}`);
    return page;
  };
  const tabIdOf: FirefoxSession['tabIdOf'] = async (url) => {
    const probe = await openPage('popup.html', { tabId: 0 });
    try {
      return await probe.evaluate(async (u) => {
        const tabs = await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({});
        return tabs.find((t) => t.url === u)?.id ?? -1;
      }, url);
    } finally {
      await probe.close();
    }
  };
  return { browser, base, uuid, navigate, openPage, tabIdOf, close: () => browser.close() };
}

/** Polls `read` until `accept` holds (Firefox's extension CSP blocks waitForFunction). */
export async function poll<T>(
  read: () => Promise<T>,
  accept: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await read();
      if (accept(value)) return value;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}
