/**
 * The capture module's life in one frame: answers `talkmarks:capture` with what the page shows,
 * follows the page (slide flips, navigation) and reports real changes, and answers `talkmarks:goto`
 * by bringing the deck or video back to a note's slide or time. The top frame reports to the
 * background and answers for the tab, embeds included; other frames (embedded players) report to
 * their parent. A second start in the same frame is a no-op (the module can be injected twice).
 */
import { capturePage, gotoTarget } from '../capture';
import { changeKey } from '../capture/change-key';
import { listenToFrames, mergeFrames, postToParent } from '../capture/frames';
import { ADAPTERS } from '../capture/registry';
import { createEnricher, sameOriginJson } from '../capture/sessions/post';
import type { FetchJson, PageCapture } from '../capture/types';
import { watchPage } from '../capture/watch';
import { sendToBackground } from '../messaging/content';
import { answerTabRequests, type TabHandlers } from '../messaging/tab-receiver';

const FLAG = '__talkmarksCapture';

/** What the module needs from its surroundings; tests pass their own. */
export interface CaptureModuleDeps {
  /** Sends a change to the background (top frame only). */
  report(capture: PageCapture): Promise<unknown>;
  /** Registers the answers to the tab's requests. */
  answer(handlers: TabHandlers): void;
  fetchJson: FetchJson;
}

const browserDeps = (): CaptureModuleDeps => ({
  report: (capture) => sendToBackground('captureChanged', capture),
  answer: answerTabRequests,
  fetchJson: sameOriginJson(location.origin),
});

/** Starts the capture module in `win`'s frame; false when it already runs there. */
export function startCaptureModule(
  win: Window,
  signal: AbortSignal,
  deps: CaptureModuleDeps = browserDeps(),
): boolean {
  const scope = win as unknown as Record<string, unknown>;
  if (scope[FLAG]) return false;
  scope[FLAG] = true;
  const doc = win.document;
  const isTop = win === win.top;

  let last = '';
  const report = () => {
    const capture = current();
    const key = changeKey(capture);
    if (key === last) return; // only real changes cross to the background
    last = key;
    if (isTop) void deps.report(capture).catch(() => undefined);
    else postToParent(win, capture);
  };
  const reportAgain = () => {
    last = ''; // a parent that just started listening wants the current state
    report();
  };
  // Embedded players answer our hello within milliseconds: the first answer waits briefly for them.
  let heard: () => void = () => undefined;
  const framesHeard = new Promise<void>((done) => {
    heard = done;
    setTimeout(done, doc.querySelector('iframe, frame') ? 300 : 0);
  });
  const onReport = () => {
    heard();
    report();
  };
  const frames = listenToFrames(win, onReport, isTop ? null : reportAgain, signal);
  // A page's JSON alternate (pretalx) fills in the capture once fetched; then the page reports again.
  const enrich = createEnricher(doc, ADAPTERS, deps.fetchJson, () => report());
  const current = (): PageCapture => {
    const own = enrich(capturePage(doc, win.location.href));
    try {
      return mergeFrames(own, frames.list());
    } catch {
      return own;
    }
  };

  deps.answer({
    // The top frame answers for the tab, embeds included.
    'talkmarks:capture': () => (isTop ? framesHeard.then(current) : undefined),
    'talkmarks:goto': ({ target }) => {
      if (gotoTarget(doc, win.location.href, target)) return true;
      if (!isTop) return undefined;
      // An embed's frame may answer first.
      return new Promise<boolean>((answer) => setTimeout(() => answer(false), 300));
    },
  });
  watchPage(win, report, signal);
  return true;
}
