/**
 * The capture module's entry: not in the manifest. The static detector has it injected where an
 * adapter matches, the background injects it on a user gesture, and it is registered for the sites
 * the user enabled. What it does is platform/capture-module.ts.
 *
 * A page must not be able to tell that Talkmarks runs in it (DESIGN.md §4), so WXT's content-script
 * context is kept from announcing each start to the page: it would post a message to the page's
 * window (`noScriptStartedPostMessage` turns that off) and dispatch a CustomEvent named after the
 * extension id on the page's document (dropped below, in this script's own world: the page's
 * `document` is not touched). The module's life is its own signal, not the context's, which a page
 * could end by dispatching that event itself.
 */
import { createHighlightLayer } from '../capture/highlights/layer';
import { sendToBackground } from '../messaging/content';
import { answerHighlights } from '../messaging/highlights';
import { startCaptureModule } from '../platform/capture-module';

const ANNOUNCEMENT = /:wxt:content-script-started$/;
const dispatch = document.dispatchEvent.bind(document);
// An own property of this world's `document` wrapper: isolated worlds do not share expandos.
document.dispatchEvent = (event: Event) => (ANNOUNCEMENT.test(event.type) ? true : dispatch(event));

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  noScriptStartedPostMessage: true,
  main() {
    Reflect.deleteProperty(document, 'dispatchEvent'); // the context is built: back to the DOM's own
    const started = startCaptureModule(window, new AbortController().signal);
    // "Show my notes on this page" (issue 16): drawn only when the extension asks (the site's option).
    if (started && window === window.top)
      answerHighlights(
        createHighlightLayer(window, () => void sendToBackground('openNotes').catch(() => undefined)),
      );
  },
});
