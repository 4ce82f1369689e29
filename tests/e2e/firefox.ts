/**
 * Firefox ESR with the built extension, driven over WebDriver BiDi by puppeteer-core (Playwright's
 * Firefox and geckodriver cannot be had here; recipe in ../shared/TOOLING.md).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { AXE_SOURCE, type AxeViolation, runAxe } from './in-page';
import { WAIT_MS } from './wait';

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
  /** Opens `url` in a new tab; returns the page and the extension's id of its tab. */
  openTab(url: string): Promise<{ page: Page; tabId: number }>;
  /** Runs `fn(arg)` in an extension page (one probe page, opened on first use) with the extension's APIs. */
  inExtension<A, R>(fn: (browser: typeof chrome, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** The tab's `talkmarks:capture` answer (null when no capture module answers there). */
  captureOf(tabId: number): Promise<unknown>;
  /**
   * Runs `fn(arg)` as a content script of the tab's top frame (`scripting.executeScript`: Firefox
   * runs it in the extension's content-script world of that page, beside the capture module).
   */
  inContentScript<A, R>(tabId: number, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * Sets the colour scheme web pages see (Firefox's "Website appearance" setting, the pref
   * `layout.css.prefers-color-scheme.content-override`), with the browser's own privileges.
   */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /**
   * Clicks Talkmarks' toolbar button on the window whose selected tab shows `url`, as a user does:
   * Firefox's own `triggerAction` (what a click and the shortcut run) grants activeTab on that tab
   * and opens the real popup. Fails when no window shows `url` in its selected tab.
   */
  clickAction(url: string): Promise<void>;
  close(): Promise<void>;
}

/** Launches Firefox ESR and installs the extension temporarily, with a pinned moz-extension UUID. */
/** Pass the same `uuid` with the same profile to reach the same extension storage after a restart. */
/** `downloadDir`: downloads are saved there without asking (as with "Always save to" in the settings). */
/** `prefs`: more preferences for the profile (e.g. `proxyPrefs`). */
export async function launchFirefox(
  options: {
    userDataDir?: string;
    uuid?: string;
    downloadDir?: string;
    prefs?: Record<string, string | number | boolean>;
  } = {},
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
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      ...(options.downloadDir
        ? {
            'browser.download.dir': options.downloadDir,
            'browser.download.folderList': 2,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
          }
        : {}),
      ...options.prefs,
    },
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
  // An options page, not the popup: a popup page would render for a tab and ask it for a capture.
  let probe: Promise<Page> | undefined;
  const probePage = () => {
    probe ??= openPage('options.html');
    return probe;
  };
  const inExtension: FirefoxSession['inExtension'] = async (fn, arg) => {
    // Evaluated as an expression over BiDi, so the extension's CSP (no eval) does not apply.
    return (await (
      await probePage()
    ).evaluate(`(${fn.toString()})(globalThis.browser, ${JSON.stringify(arg ?? null)})`)) as Awaited<
      ReturnType<typeof fn>
    >;
  };
  const tabIdOf: FirefoxSession['tabIdOf'] = (url) =>
    inExtension(async (b, u) => (await b.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url);
  const openTab: FirefoxSession['openTab'] = async (url) => {
    await probePage(); // opened first, so the new tab stays the selected one of its window
    const page = await browser.newPage();
    await navigate(page, url);
    const tabId = await poll(
      () => tabIdOf(url),
      (id) => id >= 0,
    );
    return { page, tabId };
  };
  const captureOf: FirefoxSession['captureOf'] = (tabId) =>
    inExtension(
      (b, id) => b.tabs.sendMessage(id, { type: 'talkmarks:capture' }).catch(() => null) as Promise<unknown>,
      tabId,
    );
  const inContentScript: FirefoxSession['inContentScript'] = async (tabId, fn, arg) => {
    // The function is built by the expression itself (no eval); Firefox sends its source to the tab.
    const page = await probePage();
    return (await page.evaluate(`(async () => {
      const [first] = await globalThis.browser.scripting.executeScript({
        target: { tabId: ${tabId} },
        func: ${fn.toString()},
        args: [${JSON.stringify(arg ?? null)}],
      });
      if (first && first.error) throw new Error(String(first.error));
      return first ? first.result : undefined;
    })()`)) as Awaited<ReturnType<typeof fn>>;
  };
  /**
   * Evaluates `expression` with the browser's own (system) privileges, in a privileged page (about:support)
   * opened in a window of its own. WebDriver BiDi may run scripts there with -remote-allow-system-access,
   * in Firefox ESR 140 as in 153 (140 has no `moz:scope: 'chrome'` for the browser window itself).
   */
  let privileged: Promise<Page> | undefined;
  const inChrome = async (expression: string): Promise<unknown> => {
    privileged ??= (async () => {
      const page = await browser.newPage({ type: 'window' });
      await navigate(page, 'about:support');
      return page;
    })();
    return (await privileged).evaluate(expression);
  };
  const setColorScheme: FirefoxSession['setColorScheme'] = async (scheme) => {
    const value = scheme === 'dark' ? 0 : 1;
    await inChrome(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${value})`);
  };
  const clickAction: FirefoxSession['clickAction'] = async (url) => {
    const done = await inChrome(`(() => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(geckoId)});
      const seen = [];
      for (const win of Services.wm.getEnumerator('navigator:browser')) {
        seen.push(win.gBrowser.selectedBrowser.currentURI.spec);
        if (seen.at(-1) !== ${JSON.stringify(url)}) continue;
        ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(win);
        return true;
      }
      return seen.join(' ');
    })()`);
    if (done !== true) throw new Error(`no window shows ${url} in its selected tab (they show ${done})`);
  };
  return {
    browser,
    base,
    uuid,
    navigate,
    openPage,
    tabIdOf,
    openTab,
    inExtension,
    captureOf,
    inContentScript,
    setColorScheme,
    clickAction,
    close: () => browser.close(),
  };
}

/**
 * Preferences that send every http:// request of the browser, `localhost` included, to the proxy at
 * `origin` (a fixture server): the request line then carries the absolute URL (`GET http://localhost/a/
 * HTTP/1.1`) and the Host header the page's own host, so a page is served at its real address without
 * binding its port (Firefox has no host-resolver switch). moz-extension:// pages do not go through it.
 */
export function proxyPrefs(origin: string): Record<string, string | number | boolean> {
  const { hostname, port } = new URL(origin);
  return {
    'network.proxy.type': 1,
    'network.proxy.http': hostname,
    'network.proxy.http_port': Number(port),
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.no_proxies_on': '',
  };
}

/** Polls `read` until `accept` holds (Firefox's extension CSP blocks waitForFunction). */
export async function poll<T>(
  read: () => Promise<T>,
  accept: (v: T) => boolean,
  timeoutMs = WAIT_MS,
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

/**
 * Runs axe-core (WCAG 2.x A/AA) on the page; returns the violations. The source is evaluated over
 * WebDriver BiDi (as puppeteer's string evaluate), which the extension's CSP does not govern.
 */
export type { AxeViolation };
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(runAxe);
}

/** Text of every element matching `selector`. */
export const texts = (page: Page, selector: string): Promise<string[]> =>
  page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), selector);

/** Clicks the first button whose trimmed text (or aria-label) equals `label` (or matches it), once it exists. */
export async function clickButton(page: Page, label: string | RegExp): Promise<void> {
  const source = typeof label === 'string' ? null : label.source;
  const exact = typeof label === 'string' ? label : null;
  await poll(
    () =>
      page.evaluate(
        (src, ex) => {
          const re = src === null ? null : new RegExp(src);
          const name = (b: Element) => [b.textContent?.trim() ?? '', b.getAttribute('aria-label') ?? ''];
          const b = [...document.querySelectorAll<HTMLButtonElement>('button')].find((x) =>
            name(x).some((n) => (re ? re.test(n) : n === ex)),
          );
          b?.click();
          return Boolean(b);
        },
        source,
        exact,
      ),
    (found) => found,
  );
}

/**
 * Types into a field as a user does (focus, select what is there, keystrokes), then waits until the
 * field holds exactly `value`. Keystrokes are separate events, so the UI has handled each one.
 */
export async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  await poll(
    () =>
      page.evaluate((s) => {
        const el = document.querySelector<HTMLTextAreaElement | HTMLInputElement>(s);
        el?.focus();
        el?.select();
        return document.activeElement === el && el !== null;
      }, selector),
    Boolean,
  );
  await page.keyboard.type(value);
  await poll(
    () => page.evaluate((s) => document.querySelector<HTMLTextAreaElement>(s)?.value, selector),
    (v) => v === value,
  );
}

/** Ctrl+Enter (saves a note or an edit). */
export async function pressCtrlEnter(page: Page): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
}

/** Sets a labelled field the way a user does (value, then the event Preact listens to); selects by option text when `byText`. */
export async function setField(page: Page, label: string, value: string, byText = false): Promise<void> {
  await poll(
    () =>
      page.evaluate(
        (l, v, t) => {
          const el = document.querySelector<HTMLSelectElement | HTMLTextAreaElement | HTMLInputElement>(
            `[aria-label="${l}"]`,
          );
          if (!el) return false;
          if (t && el instanceof HTMLSelectElement) {
            const option = [...el.options].find((o) => o.text === v);
            if (!option) return false;
            el.value = option.value;
          } else el.value = v;
          el.dispatchEvent(
            new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
          );
          return true;
        },
        label,
        value,
        byText,
      ),
    (ok) => ok,
  );
}
