/**
 * The capture content script: answers `{ type: 'talkmarks:capture' }` with what the page shows and
 * reports changes (navigation, slide flips) to the background. Runs statically on known hosts and is
 * injected on a user gesture elsewhere; a second injection into the same page is a no-op.
 */
import { capturePage } from '../capture';
import { contentScriptMatches } from '../capture/hosts';
import { watchPage } from '../capture/watch';
import { sendMessage } from '../messaging/protocol';

const FLAG = '__talkmarksCapture';

export default defineContentScript({
  matches: contentScriptMatches(__TALKMARKS_E2E__),
  runAt: 'document_idle',
  main(ctx) {
    const scope = window as unknown as Record<string, unknown>;
    if (scope[FLAG]) return;
    scope[FLAG] = true;

    const current = () => capturePage(document, location.href);
    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
      if ((message as { type?: unknown } | null)?.type !== 'talkmarks:capture') return undefined;
      sendResponse(current());
      return true;
    });
    let last = '';
    const report = () => {
      const capture = current();
      const json = JSON.stringify(capture);
      if (json === last) return; // only real changes cross to the background
      last = json;
      void sendMessage('captureChanged', capture).catch(() => undefined);
    };
    watchPage(window, report, ctx.signal);
  },
});
