/**
 * The popup's first ask, started as its HTML is parsed — a classic script in the head, run while the
 * popup's modules load — rather than once they have run: the followed tab, and what it shows
 * (`captureTab`: the background injects the capture module on the click's activeTab and reads the
 * page). platform/capture-early.ts says why; the popup takes it from `globalThis.__talkmarksPopupEarly`
 * and asks itself when it is not there. Unlisted (popup.html loads it): no polyfill, no runtime.
 */
import { askCaptureEarly } from '../platform/capture-early';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as { browser?: typeof chrome; chrome?: typeof chrome };
  const api = scope.browser ?? scope.chrome; // Firefox's promise-based namespace first
  try {
    if (api?.tabs && api.runtime) globalThis.__talkmarksPopupEarly = askCaptureEarly(api, location.search);
  } catch {
    // The popup asks for itself.
  }
});
