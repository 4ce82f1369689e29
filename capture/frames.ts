/**
 * Embedded decks and players (Speaker Deck's player, Google Slides embeds, YouTube and Vimeo players)
 * run in frames of other origins. Each frame's capture script posts what it shows to its parent; the
 * top frame folds the freshest visible report into its own capture, moving the slide's rectangle into
 * its own viewport. A report is page data from another origin: it passes the capture schema before it
 * is kept, or it is dropped (and the background validates the merged capture again).
 */
import { parseCapture } from './schema';
import type { PageCapture } from './types';

const REPORT = 'talkmarks:frame-capture';
const HELLO = 'talkmarks:frame-hello';

interface Report {
  capture: PageCapture;
  frame: Element;
  at: number;
}

/** The frame reports a window has received, newest last. */
export interface FrameReports {
  list(): Report[];
}

/** Sends this frame's capture to its parent frame. */
export function postToParent(win: Window, capture: PageCapture): void {
  try {
    if (win.parent !== win) win.parent.postMessage({ type: REPORT, capture }, '*');
  } catch {
    // a detached frame has no parent to tell
  }
}

/** Listens for child frames' reports (and asks the frames already there to report); calls `onReport` on each. */
export function listenToFrames(
  win: Window,
  onReport: () => void,
  onHello: (() => void) | null,
  signal: AbortSignal,
): FrameReports {
  const reports = new Map<Window, Report>();
  win.addEventListener(
    'message',
    (event: MessageEvent) => {
      try {
        const data = event.data as { type?: unknown; capture?: unknown } | null;
        if (!data || typeof data !== 'object') return;
        if (data.type === HELLO && event.source === win.parent && onHello) onHello();
        if (data.type !== REPORT) return;
        const frame = frameOf(win.document, event.source as Window | null);
        if (!frame) return; // only our own child frames report
        const capture = parseCapture(data.capture);
        if (!capture) return; // not a capture: dropped before it can reach a merge
        reports.set(event.source as Window, { capture, frame, at: Date.now() });
        onReport();
      } catch {
        // a hostile message is dropped
      }
    },
    { signal },
  );
  for (const frame of Array.from(win.document.querySelectorAll('iframe, frame'))) {
    try {
      (frame as HTMLIFrameElement).contentWindow?.postMessage({ type: HELLO }, '*');
    } catch {
      // gone already
    }
  }
  return { list: () => [...reports.values()].filter((r) => r.frame.isConnected).sort((a, b) => a.at - b.at) };
}

function frameOf(doc: Document, source: Window | null): Element | null {
  if (!source) return null;
  for (const el of Array.from(doc.querySelectorAll('iframe, frame'))) {
    if ((el as HTMLIFrameElement).contentWindow === source) return el;
  }
  return null;
}

/** The top capture with the slide or video of the embedded deck/player it shows (if it has none of its own). */
export function mergeFrames(top: PageCapture, reports: Report[]): PageCapture {
  const win = reports[0]?.frame.ownerDocument.defaultView;
  const vw = win?.innerWidth ?? 0;
  const vh = win?.innerHeight ?? 0;
  for (const report of [...reports].reverse()) {
    const child = report.capture;
    if (!child.slide && !child.video) continue;
    if ((top.slide || top.video) && top.platform !== child.platform) continue;
    const box = report.frame.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) continue;
    const out: PageCapture = { ...top };
    if (top.kind === 'page' || top.platform === child.platform) {
      out.kind = child.kind;
      out.platform = child.platform;
    }
    if (child.deck && (!top.deck || top.platform === child.platform)) out.deck = child.deck;
    if (child.slide) out.slide = child.slide;
    if (child.video) out.video = child.video;
    const r = child.slideRect;
    if (vw > 0 && vh > 0) {
      out.slideRect = r
        ? {
            x: (box.left + r.x * box.width) / vw,
            y: (box.top + r.y * box.height) / vh,
            width: (r.width * box.width) / vw,
            height: (r.height * box.height) / vh,
          }
        : { x: box.left / vw, y: box.top / vh, width: box.width / vw, height: box.height / vh };
    }
    return out;
  }
  return top;
}
