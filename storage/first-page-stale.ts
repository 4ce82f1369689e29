/**
 * Stamps the side panel's persisted first page stale (storage/first-page.ts) after every committed
 * write to notes or talks: kept apart from storage/first-page.ts so the panel's first bundle, which
 * reads the page, does not load Dexie.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { FIRST_PAGE_STALE_KEY } from './first-page-keys';

interface LocalStorageArea {
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * The extension's `storage.local` where this context has one (pages, the background: `browser` in
 * Firefox, `chrome` in Chromium MV3, both promise-based), none in a worker. Read from the global,
 * not through `wxt/browser`: this module is loaded wherever the database is, search and recap
 * workers included, and the polyfill throws when loaded there.
 */
function localArea(): LocalStorageArea | undefined {
  const g = globalThis as {
    browser?: { storage?: { local?: LocalStorageArea } };
    chrome?: { storage?: { local?: LocalStorageArea } };
  };
  return (g.browser ?? g.chrome)?.storage?.local;
}

/** Whether a set of changed parts touches what a first page shows. */
export function touchesFirstPage(parts: ObservabilitySet): boolean {
  return Object.keys(parts).some((p) => p === 'all' || /\/(notes|talks)\//.test(p));
}

let watching = false;
let pending: ReturnType<typeof setTimeout> | undefined;
let last = 0;

function stamp(): void {
  last = Date.now();
  try {
    void localArea()
      ?.set({ [FIRST_PAGE_STALE_KEY]: last })
      .catch(() => undefined);
  } catch {
    // No extension storage in this context (a worker): the pages and the background, which get
    // this context's commits through Dexie's BroadcastChannel, stamp it.
  }
}

/**
 * Stamps `firstPageStaleAt` after every committed change to notes or talks seen in this context
 * (at once, and again after a burst: at most one stamp per 200 ms, the last one after the last
 * change). Called once per context where the database is opened (storage/db.ts).
 */
export function staleFirstPageOnWrite(): void {
  if (watching) return;
  watching = true;
  Dexie.on('storagemutated', (parts: ObservabilitySet) => {
    if (!touchesFirstPage(parts)) return;
    if (Date.now() - last >= 200) stamp();
    clearTimeout(pending);
    pending = setTimeout(stamp, 200);
  });
}

/** Calls `listener` after every committed change to notes or talks seen here; returns the unsubscribe. */
export function onFirstPageChange(listener: () => void): () => void {
  const on = (parts: ObservabilitySet) => {
    if (touchesFirstPage(parts)) listener();
  };
  Dexie.on('storagemutated', on);
  return () => Dexie.on.storagemutated.unsubscribe(on);
}

/**
 * Runs `keep` once a moment after a view is up (its own first reads come first), then again 300 ms
 * after every committed change to notes or talks (debounced): how the kept first pages are kept
 * current. Returns the stop.
 */
export function keepAfterChanges(keep: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(keep, ms);
  };
  later(1000);
  const stop = onFirstPageChange(() => later(300));
  return () => {
    clearTimeout(timer);
    stop();
  };
}
