/**
 * The static detector: a few bytes that run on known hosts (and, in end-to-end builds, on local
 * pages) and decide whether this page needs the capture module at all. Hosts whose pages are talks,
 * decks or schedules by URL load it at once; anywhere else the DOM must show a deck or a session
 * marker. Kept tiny (budget ≤ 4 KB minified with its entry point): no framework, and no import but
 * the module's one-line mark.
 */
import { captureModuleRuns } from './module-flag';

/** Hosts where a page can be a deck, a talk video or a session by its URL alone. */
const HOSTS =
  /(^|\.)(speakerdeck\.com|slideshare\.net|youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|sched\.com|sessionize\.com|pretalx\.com|indico\.cern\.ch|fosdem\.org)$/;

/** Markup that decks (reveal, impress, Marp, remark, Shower, Slidev, Google Slides, PDF.js) and session pages carry. */
export const MARKERS = [
  '.reveal .slides>section',
  '#impress .step',
  'svg[data-marpit-svg]',
  '.remark-slides-area',
  '.shower .slide',
  '.slidev-page',
  '.punch-viewer-svgpage-a11yelement',
  '.pdfViewer .page',
  '.sd-player',
  'meta[name=generator][content*=pretalx i]',
  'meta[name=generator][content*=indico i]',
  'script[type="application/ld+json"]',
  'h1.schedule-title', // FOSDEM's generator
  '.sched-event-details-timeandplace', // sched.com
  '.sz-session', // Sessionize embeds
  '.item-summary .time-info', // Indico contributions
  '[itemtype*="schema.org/" i][itemtype*="Event" i]',
].join(',');

/** Does this page need the capture module? Never throws. */
export function wantsCapture(loc: { hostname: string; pathname: string }, doc: Document): boolean {
  try {
    if (HOSTS.test(loc.hostname)) return true;
    if (loc.hostname === 'docs.google.com' && loc.pathname.startsWith('/presentation/')) return true;
    return doc.querySelector(MARKERS) !== null;
  } catch {
    return false;
  }
}

/**
 * Calls `load` once, as soon as the page wants capture: now, or when it has rendered its deck or
 * navigated in-app (decks and players that build their DOM after load). Gives up watching after `ms`,
 * or once the capture module runs in this frame.
 */
export function detect(win: Window, load: () => void, ms = 15_000): void {
  let done = false;
  let pending = false;
  const check = () => {
    pending = false;
    if (done) return;
    // Loaded meanwhile by another way (a toolbar click, a site the user enabled): nothing left to
    // do here, and each check is a selector scan of the whole page (4 ms on a 2 MB page, every
    // 200 ms while the page changes).
    if (captureModuleRuns(win)) {
      done = true;
      stop();
      return;
    }
    if (!wantsCapture(win.location, win.document)) return;
    done = true;
    stop();
    load();
  };
  const soon = () => {
    if (pending) return;
    pending = true;
    setTimeout(check, 200);
  };
  let observer: MutationObserver | undefined;
  const events = ['hashchange', 'popstate', 'yt-navigate-finish'];
  const stop = () => {
    observer?.disconnect();
    for (const e of events) win.removeEventListener(e, soon, true);
  };
  for (const e of events) win.addEventListener(e, soon, true);
  try {
    observer = new MutationObserver(soon);
    observer.observe(win.document.documentElement, { childList: true, subtree: true });
    setTimeout(() => observer?.disconnect(), ms);
  } catch {
    // no observer: navigation events still trigger a check
  }
  check();
}
