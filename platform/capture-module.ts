/**
 * The capture module's life in one frame: answers `talkmarks:capture` with what the page shows,
 * follows the page (slide flips, navigation) and reports real changes, and answers `talkmarks:goto`
 * by bringing the deck or video back to a note's slide or time. The top frame reports to the
 * background and answers for the tab, embeds included; other frames (embedded players) report to the
 * background too, which hands their reports to the top frame (capture/frames.ts). Nothing crosses
 * between the frames through the page: no `postMessage`, no listener a page could call. A second
 * start in the same frame is a no-op (the module can be injected twice).
 */
import { browser } from 'wxt/browser';
import { capturePage, gotoTarget } from '../capture';
import { changeKey } from '../capture/change-key';
import {
  FRAME_REPORTS,
  type FrameReport,
  locateFrames,
  mergeFrames,
  parseFrameReports,
} from '../capture/frames';
import { CAPTURE_MODULE_FLAG as FLAG } from '../capture/module-flag';
import { ADAPTERS } from '../capture/registry';
import { createEnricher, sameOriginJson } from '../capture/sessions/post';
import { firstByTag } from '../capture/tags';
import type { FetchJson, PageCapture } from '../capture/types';
import { watchPage } from '../capture/watch';
import { sendToBackground } from '../messaging/content';
import { answerTabRequests, type TabHandlers } from '../messaging/tab-receiver';

/** What the module needs from its surroundings; tests pass their own. */
export interface CaptureModuleDeps {
  /** Sends a change to the background (top frame). */
  report(capture: PageCapture): Promise<unknown>;
  /** Sends a child frame's change to the background, for its top frame. */
  reportFrame(capture: PageCapture): Promise<unknown>;
  /** Top frame: asks the background for its frames' latest reports (page data: parsed before use). */
  frameReports(): Promise<unknown>;
  /** Top frame: hears the background's pushes of its frames' reports (page data: parsed before use). */
  onFrameReports(listener: (raw: unknown) => void): void;
  /** The frame id of an iframe element, where the browser tells it (Firefox); else undefined. */
  frameIdOf?: (element: Element) => number | undefined;
  /** Registers the answers to the tab's requests. */
  answer(handlers: TabHandlers): void;
  fetchJson: FetchJson;
}

type GetFrameId = (target: unknown) => number;

const browserDeps = (): CaptureModuleDeps => {
  const getFrameId = (browser.runtime as unknown as { getFrameId?: GetFrameId }).getFrameId;
  return {
    report: (capture) => sendToBackground('captureChanged', capture),
    reportFrame: (capture) => sendToBackground('frameCaptureChanged', capture),
    frameReports: () => sendToBackground('frameCaptures'),
    onFrameReports: (listener) =>
      browser.runtime.onMessage.addListener((message: unknown) => {
        const m = message as { type?: unknown; reports?: unknown } | null;
        if (m && typeof m === 'object' && m.type === FRAME_REPORTS) listener(m.reports);
        return undefined; // no answer: other listeners (the tab requests) answer theirs
      }),
    frameIdOf: getFrameId
      ? (element) => {
          try {
            return getFrameId.call(browser.runtime, element);
          } catch {
            return undefined;
          }
        }
      : undefined,
    answer: answerTabRequests,
    fetchJson: sameOriginJson(location.origin),
  };
};

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
    void (isTop ? deps.report(capture) : deps.reportFrame(capture)).catch(() => undefined);
  };
  // The top frame folds in what its frames (embedded players and decks) reported to the background.
  let frameReports: FrameReport[] = [];
  const takeReports = (raw: unknown) => {
    frameReports = parseFrameReports(raw);
  };
  const askFrames = (): Promise<void> =>
    deps
      .frameReports()
      .then(takeReports)
      .catch(() => undefined);
  // A page's JSON alternate (pretalx) fills in the capture once fetched; then the page reports again.
  const enrich = createEnricher(doc, ADAPTERS, deps.fetchJson, () => report());
  const current = (): PageCapture => {
    const own = enrich(capturePage(doc, win.location.href));
    if (!isTop || frameReports.length === 0) return own;
    try {
      return mergeFrames(own, locateFrames(doc, frameReports, deps.frameIdOf));
    } catch {
      return own;
    }
  };

  // Frames' reports are only ever placed on a frame element (capture/frames.ts): a page without one
  // has none to fold in, and is spared the background round trip on each ask. Asked of the tag
  // collections: `querySelector('iframe, frame')` visits all of a frameless page (capture/tags.ts).
  const hasFrames = () => firstByTag(doc, 'iframe') !== null || firstByTag(doc, 'frame') !== null;

  if (isTop) {
    deps.onFrameReports((raw) => {
      if (signal.aborted) return;
      takeReports(raw);
      report();
    });
    if (hasFrames()) void askFrames().then(() => report());
  }

  deps.answer({
    // The top frame answers for the tab, embeds included (their latest reports asked afresh).
    'talkmarks:capture': () => {
      if (!isTop) return undefined;
      return hasFrames() ? askFrames().then(current) : Promise.resolve(current());
    },
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
