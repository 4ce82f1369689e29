/**
 * The side panel's first storage read, started as soon as its HTML is parsed — an async classic
 * script, run while the panel's modules still load — rather than once they have run: the note
 * settings and the kept first page (storage/first-page.ts), both needed before the first paint.
 * `storage.local` answers through the browser process, which is slowest exactly when the library is
 * large and busy. main.tsx takes the read from `globalThis.__talkmarksFirstRead` and reads itself
 * when it is not there. Unlisted (wxt.config.ts lists nothing for it): no polyfill, no runtime.
 */
import { PANEL_FIRST_READ } from '../storage/first-page-keys';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as {
    browser?: typeof chrome;
    chrome?: typeof chrome;
    __talkmarksFirstRead?: Promise<Record<string, unknown>>;
  };
  const api = scope.browser ?? scope.chrome; // Firefox's promise-based namespace first
  try {
    const read = api?.storage?.local?.get(PANEL_FIRST_READ);
    if (read) scope.__talkmarksFirstRead = Promise.resolve(read);
  } catch {
    // main.tsx reads for itself.
  }
});
