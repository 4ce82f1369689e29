/**
 * The capture module: answers `{ type: 'talkmarks:capture' }` with what the page shows, follows the
 * page (slide flips, navigation) and reports changes, and answers `{ type: 'talkmarks:goto' }` by
 * bringing the deck or video back to a note's slide or time. Not in the manifest: the static
 * detector has it injected where an adapter matches, the background injects it on a user gesture,
 * and it is registered for the sites the user enabled. A second injection into a frame is a no-op.
 * Frames other than the top one (embedded players) report to their parent instead of the background.
 */
import { capturePage, gotoTarget } from '../capture';
import { changeKey } from '../capture/change-key';
import { listenToFrames, mergeFrames, postToParent } from '../capture/frames';
import { ADAPTERS } from '../capture/registry';
import { createEnricher, sameOriginJson } from '../capture/sessions/post';
import type { PageCapture } from '../capture/types';
import { watchPage } from '../capture/watch';
import { sendToBackground } from '../messaging/content';
import { answerTabRequests } from '../messaging/tab-receiver';

const FLAG = '__talkmarksCapture';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    const scope = window as unknown as Record<string, unknown>;
    if (scope[FLAG]) return;
    scope[FLAG] = true;
    const isTop = window === window.top;

    let last = '';
    const report = () => {
      const capture = current();
      const key = changeKey(capture);
      if (key === last) return; // only real changes cross to the background
      last = key;
      if (isTop) void sendToBackground('captureChanged', capture).catch(() => undefined);
      else postToParent(window, capture);
    };
    const reportAgain = () => {
      last = ''; // a parent that just started listening wants the current state
      report();
    };
    // Embedded players answer our hello within milliseconds: the first answer waits briefly for them.
    let heard: () => void = () => undefined;
    const framesHeard = new Promise<void>((done) => {
      heard = done;
      setTimeout(done, document.querySelector('iframe, frame') ? 300 : 0);
    });
    const onReport = () => {
      heard();
      report();
    };
    const frames = listenToFrames(window, onReport, isTop ? null : reportAgain, ctx.signal);
    // A page's JSON alternate (pretalx) fills in the capture once fetched; then the page reports again.
    const enrich = createEnricher(document, ADAPTERS, sameOriginJson(location.origin), () => report());
    const current = (): PageCapture => {
      const own = enrich(capturePage(document, location.href));
      try {
        return mergeFrames(own, frames.list());
      } catch {
        return own;
      }
    };

    answerTabRequests({
      // The top frame answers for the tab, embeds included.
      'talkmarks:capture': () => (isTop ? framesHeard.then(current) : undefined),
      'talkmarks:goto': ({ target }) => {
        if (gotoTarget(document, location.href, target)) return true;
        if (!isTop) return undefined;
        return new Promise<boolean>((answer) => setTimeout(() => answer(false), 300)); // an embed's frame may answer first
      },
    });
    watchPage(window, report, ctx.signal);
  },
});
