/**
 * The static content script on known hosts (and local pages in end-to-end builds): decides whether
 * the page needs the capture module and asks the background to inject it into this frame. Built as
 * an unlisted script and listed in the manifest by wxt.config.ts, so it carries no polyfill and no
 * content-script runtime: the budget is 4 KB minified.
 */
import { detect } from '../capture/detector';
import type { ContentEnvelope } from '../messaging/content';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as { browser?: typeof chrome; chrome?: typeof chrome };
  const api = scope.browser ?? scope.chrome; // Firefox's promise-based namespace first
  if (!api?.runtime?.id) return;
  detect(window, () => {
    // The content → background `loadCapture` call (messaging/content.ts), written out by hand.
    const message: ContentEnvelope<'loadCapture'> = {
      id: 0,
      type: 'loadCapture',
      data: null,
      timestamp: Date.now(),
    };
    void Promise.resolve(api.runtime.sendMessage(message)).catch(() => undefined);
  });
});
