/**
 * What the side panel starts while its HTML is still parsing (entrypoints/sidepanel-early.ts, a
 * classic script run before the panel's modules), for what its first paint waits on. Measured in the
 * panel (issue 17): the first connection a page opens to the database takes 25–40 ms more than a
 * later one (the browser opens the database's files), and "This page" waits for its tab and that
 * tab's kept capture, two round trips through the browser, before it can read the page's notes.
 * No browser API wrapper here: the early script has no polyfill (the API is passed in).
 */

import type { PageCapture } from '../capture/types';
import { type EarlyRuntime, earlyCall } from '../messaging/early-call';
import { DB_NAME } from '../storage/schema';
import { type EarlyTabs, earlyTab } from './capture-early';
import { isOwnPage, type RawTab, tabCaptureKey } from './tab-info';

/** The part of either browser's promise-based extension API the early start uses. */
export interface EarlyApi {
  tabs: EarlyTabs;
  /** To ask the background what the tab shows (`captureTab`); without it, the view asks. */
  runtime?: EarlyRuntime;
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
}

/** "This page"'s tab (as platform/tabs.ts's targetTab reads it) and what storage.session keeps for it. */
export interface ThisPageEarly {
  tab: Promise<RawTab | null>;
  /** Unchecked, as platform/tab-captures.ts reads it; null when none (or no tab). */
  kept: Promise<unknown>;
  /**
   * The background's answer to `captureTab` for that tab, asked at once (null: none, no tab, the panel
   * itself, or it failed); undefined when the API had no runtime to ask with.
   */
  asked?: Promise<PageCapture | null>;
}

/**
 * The `<meta>` of the side panel's HTML that lists "This page"'s modules (its view's chunk and every
 * chunk that one imports), written by the build (wxt.config.ts).
 */
export const THIS_PAGE_MODULES_META = 'talkmarks:this-page-modules';

/**
 * Asks for "This page"'s modules now, as `modulepreload` links (fetched and compiled, not run), so
 * they are ready when the panel's first bundle imports the view, instead of being asked for only
 * then. The links are the ones Vite's own preload would add (same URLs): it adds none twice.
 */
export function preloadThisPageModules(doc: Document): number {
  const listed = doc.querySelector(`meta[name="${THIS_PAGE_MODULES_META}"]`)?.getAttribute('content');
  const hrefs = listed?.split(' ').filter(Boolean) ?? [];
  for (const href of hrefs) {
    const link = doc.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    doc.head.append(link);
  }
  return hrefs.length;
}

/** Whether the panel opens on "This page" (App.tsx: no `view`, or `view=page`). */
export function opensOnThisPage(search: string): boolean {
  const view = new URLSearchParams(search).get('view');
  return view === null || view === 'page';
}

/**
 * Asks for "This page"'s tab and then, together, its kept capture and what the background says it
 * shows, now; a failed ask is "none". `self`: the panel's own address (opened as a tab, it follows no
 * tab, as components/capture/ThisPageStart.ts decides).
 */
export function startThisPageEarly(api: EarlyApi, search: string, self = location.href): ThisPageEarly {
  const tab = earlyTab(api.tabs, search);
  const runtime = api.runtime;
  const asked =
    runtime &&
    tab
      .then((t) =>
        t?.id === undefined || isOwnPage(t.url ?? '', self)
          ? null
          : earlyCall(runtime, 'captureTab', { tabId: t.id }),
      )
      .catch(() => null);
  const kept = tab
    .then(async (t) => {
      if (t?.id === undefined) return null;
      const key = tabCaptureKey(t.id);
      return (await api.storage.session.get(key))[key] ?? null;
    })
    .catch(() => null);
  return asked ? { tab, kept, asked } : { tab, kept };
}

/**
 * Opens a plain connection to the database now, so that the files are open when Dexie opens its own
 * (storage/db.ts); it is closed after `holdMs` and at once on a version change, so that it never
 * blocks an upgrade or a deletion. When there is no database yet nothing is created: the open is
 * aborted in its upgrade, which leaves no database behind (Dexie creates it with its schema).
 * Resolves true when a connection is held.
 */
export function warmDatabase(idb: IDBFactory, holdMs = 5000): Promise<boolean> {
  let request: IDBOpenDBRequest;
  try {
    request = idb.open(DB_NAME);
  } catch {
    return Promise.resolve(false); // no IndexedDB here: Dexie says so itself
  }
  return new Promise((held) => {
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (e) => {
      e.preventDefault(); // the abort above, or a failed open: nothing to warm
      held(false);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      setTimeout(() => db.close(), holdMs);
      held(true);
    };
  });
}
