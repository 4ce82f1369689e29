/**
 * The side panel's first asks, started as its HTML is parsed — a classic script in the head, run
 * while the panel's modules load — rather than once they have run:
 *  - the first storage read: the note settings and the kept first page (storage/first-page.ts), both
 *    needed before the first paint. `storage.local` answers through the browser process, which is
 *    slowest exactly when the library is large and busy. main.tsx takes the read from
 *    `globalThis.__talkmarksFirstRead` and reads itself when it is not there;
 *  - the database's files opened (platform/panel-early.ts: a plain connection, held a moment);
 *  - on "This page", its tab and the tab's kept capture (`globalThis.__talkmarksThisPageEarly`, taken
 *    by components/capture/ThisPageStart.ts, which asks itself when it is not there), and its view's
 *    modules (modulepreload links for the chunks the HTML lists: wxt.config.ts writes the list).
 * Unlisted (wxt.config.ts lists nothing for it): no polyfill, no runtime.
 */
import {
  opensOnThisPage,
  preloadThisPageModules,
  startThisPageEarly,
  warmDatabase,
} from '../platform/panel-early';
import { PANEL_FIRST_READ } from '../storage/first-page-keys';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as {
    browser?: typeof chrome;
    chrome?: typeof chrome;
    __talkmarksFirstRead?: Promise<Record<string, unknown>>;
    __talkmarksThisPageEarly?: ReturnType<typeof startThisPageEarly>;
  };
  const api = scope.browser ?? scope.chrome; // Firefox's promise-based namespace first
  try {
    const read = api?.storage?.local?.get(PANEL_FIRST_READ);
    if (read) scope.__talkmarksFirstRead = Promise.resolve(read);
    if (opensOnThisPage(location.search)) {
      preloadThisPageModules(document);
      if (api?.tabs) scope.__talkmarksThisPageEarly = startThisPageEarly(api, location.search);
    }
  } catch {
    // main.tsx and ThisPageStart.ts ask for themselves.
  }
  if (typeof indexedDB !== 'undefined') void warmDatabase(indexedDB);
});
