/**
 * Embedded decks and players (Speaker Deck's player, Google Slides embeds, YouTube and Vimeo players)
 * run in frames of other origins. Each frame's capture module tells the background what it shows
 * (runtime messaging, keyed by tab and frame id: `frameCaptureChanged`), never its parent window: the
 * embedding page must not be able to tell that Talkmarks runs, let alone read the video or deck. The
 * background hands the tab's top frame its frames' latest reports (`frameCaptures`, and the push
 * below); the top frame finds each frame's element among its own frames and folds the freshest
 * visible report into its capture, moving the slide's rectangle into its own viewport. A report is
 * page data from another origin: it passes the capture schema here again before it is merged (and the
 * background validates the merged capture once more).
 */
import { parseCapture } from './schema';
import type { PageCapture } from './types';

/** The background → top frame message that carries the tab's frame reports (`{ type, reports }`). */
export const FRAME_REPORTS = 'talkmarks:frame-reports';

/** What one child frame last reported, as the background keeps it. */
export interface FrameReport {
  /** The browser's id of the frame in its tab (never 0: that is the top frame). */
  frameId: number;
  /** The frame's address as the browser gave it with the message (not as the page claims it). */
  url: string;
  capture: PageCapture;
  /** When the background received it (ms). */
  at: number;
}

/** A report matched to the frame element that shows it. */
export interface Report {
  capture: PageCapture;
  frame: Element;
  at: number;
}

/** At most this many frames' reports are kept per tab. */
export const MAX_FRAME_REPORTS = 16;

/** The well-formed reports in `raw` (a list), each capture as the schema outputs it; anything else is dropped. */
export function parseFrameReports(raw: unknown): FrameReport[] {
  if (!Array.isArray(raw)) return [];
  const out: FrameReport[] = [];
  for (const item of raw.slice(0, MAX_FRAME_REPORTS)) {
    if (!item || typeof item !== 'object') continue;
    const { frameId, url, capture, at } = item as Record<string, unknown>;
    if (!Number.isInteger(frameId) || (frameId as number) <= 0) continue;
    if (typeof url !== 'string' || url.length > 4096) continue;
    if (typeof at !== 'number' || !Number.isFinite(at)) continue;
    const parsed = parseCapture(capture);
    if (parsed) out.push({ frameId: frameId as number, url, capture: parsed, at });
  }
  return out;
}

/** An address without its scheme and fragment: what an iframe's `src` and the frame's own URL share. */
function frameKey(href: string, base?: string): string | undefined {
  try {
    const u = new URL(href, base);
    return `${u.host}${u.pathname}${u.search}`;
  } catch {
    return undefined;
  }
}

/**
 * Finds the element of each reporting frame among `doc`'s own frames: by frame id where the browser
 * can tell an element's frame id (`frameIdOf`, Firefox's `runtime.getFrameId`), else by address
 * (the element's `src` against the address the browser gave with the report; the frame's fragment
 * may have moved since). Reports of no frame here (nested deeper, or gone) are left out; newest last.
 */
export function locateFrames(
  doc: Document,
  reports: readonly FrameReport[],
  frameIdOf?: (element: Element) => number | undefined,
): Report[] {
  const elements = Array.from(doc.querySelectorAll('iframe, frame'));
  const taken = new Set<Element>();
  const out: Report[] = [];
  for (const report of [...reports].sort((a, b) => b.at - a.at)) {
    const key = frameKey(report.url);
    const frame = elements.find((el) => {
      if (taken.has(el) || !el.isConnected) return false;
      const id = frameIdOf?.(el);
      if (id !== undefined && id >= 0) return id === report.frameId;
      const src = el.getAttribute('src');
      return key !== undefined && src !== null && frameKey(src, doc.baseURI) === key;
    });
    if (!frame) continue;
    taken.add(frame);
    out.push({ capture: report.capture, frame, at: report.at });
  }
  return out.reverse();
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
    // A page read only from its layout (a blog post about the talk) is what the embed shows: the
    // embed's kind and platform, with the talk the page's layout gave.
    if (top.kind === 'page' || top.platform === 'generic' || top.platform === child.platform) {
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
