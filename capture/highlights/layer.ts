/**
 * "Show my notes on this page" (issue 16, item 5), the part that runs in the page: quote notes are
 * re-anchored from their TextQuoteSelector (match-quote.ts) and highlighted, and on a deck the slide
 * on screen gets a badge with its number of notes. Everything is drawn in one element holding a
 * CLOSED shadow root: the page's scripts see that one empty element and nothing inside it, and the
 * page's own nodes are never touched (no wrapping of text, so no layout shift: the element is
 * absolutely placed with no size). `clear()` takes it out again; with the option off nothing of
 * Talkmarks is in the page.
 */
import { capturePage } from '../index';
import { watchPage } from '../watch';
import { matchQuote } from './match-quote';
import { textMap } from './text-map';

export interface HighlightQuote {
  id: string;
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface HighlightRequest {
  quotes: HighlightQuote[];
  /** Notes per slide index, for the badges on a deck. */
  slides: { index: number; count: number }[];
}

export interface HighlightAnswer {
  placed: string[];
  orphans: string[];
}

const HOST_STYLE =
  'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; overflow: visible; ' +
  'z-index: 2147483646; pointer-events: none; contain: style;';
const SHADOW_CSS = `
  .mark { position: absolute; background: rgba(255, 200, 0, 0.35); border-radius: 2px; pointer-events: none; }
  .badge { position: fixed; pointer-events: auto; font: 600 12px/1 system-ui, sans-serif; color: #fff;
    background: #3b3fd8; border: 0; border-radius: 999px; padding: 5px 9px; cursor: pointer;
    box-shadow: 0 1px 3px rgba(0,0,0,.3); }
`;

export interface HighlightLayer {
  show(request: HighlightRequest): HighlightAnswer;
  clear(): void;
}

/** The layer of one frame. `onBadge` is told when the user clicks a slide's badge. */
export function createHighlightLayer(win: Window, onBadge: (slideIndex: number) => void): HighlightLayer {
  const doc = win.document;
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  let ranges: Range[] = [];
  let counts = new Map<number, number>();
  let stop: AbortController | null = null;

  const drawMarks = () => {
    if (!shadow) return;
    for (const old of shadow.querySelectorAll('.mark')) old.remove();
    const frag = doc.createDocumentFragment();
    for (const range of ranges) {
      if (typeof range.getClientRects !== 'function') continue; // no layout (a DOM without one)
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        const mark = doc.createElement('div');
        mark.className = 'mark';
        mark.style.cssText = `left:${r.left + win.scrollX}px;top:${r.top + win.scrollY}px;width:${r.width}px;height:${r.height}px`;
        frag.append(mark);
      }
    }
    shadow.append(frag);
  };

  const drawBadge = () => {
    if (!shadow) return;
    shadow.querySelector('.badge')?.remove();
    if (counts.size === 0) return;
    const capture = capturePage(doc, win.location.href);
    const index = capture.slide?.index;
    const count = index === undefined ? 0 : (counts.get(index) ?? 0);
    if (index === undefined || count === 0) return;
    const rect = capture.slideRect ?? { x: 0, y: 0, width: 1, height: 1 };
    const badge = doc.createElement('button');
    badge.type = 'button';
    badge.className = 'badge';
    badge.textContent = `${count} ${count === 1 ? 'note' : 'notes'}`;
    badge.title = 'Open these notes in the Talkmarks side panel';
    const right = Math.max(8, win.innerWidth * (1 - rect.x - rect.width) + 8);
    const top = Math.max(8, win.innerHeight * rect.y + 8);
    badge.style.cssText = `right:${right}px;top:${top}px`;
    badge.addEventListener('click', (e) => {
      e.stopPropagation();
      onBadge(index);
    });
    shadow.append(badge);
  };

  const clear = () => {
    stop?.abort();
    stop = null;
    host?.remove();
    host = null;
    shadow = null;
    ranges = [];
    counts = new Map();
  };

  return {
    clear,
    show(request) {
      clear();
      const placed: string[] = [];
      const orphans: string[] = [];
      const map = textMap(doc.body ?? doc.documentElement);
      for (const q of request.quotes) {
        const m = matchQuote(map.text, q.exact, { prefix: q.prefix, suffix: q.suffix });
        const range = m ? map.range(m.start, m.end) : null;
        if (range) {
          ranges.push(range);
          placed.push(q.id);
        } else {
          orphans.push(q.id);
        }
      }
      counts = new Map(request.slides.filter((s) => s.count > 0).map((s) => [s.index, s.count]));
      if (ranges.length === 0 && counts.size === 0) return { placed, orphans };
      host = doc.createElement('talkmarks-notes');
      host.setAttribute('style', HOST_STYLE);
      shadow = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = SHADOW_CSS;
      shadow.append(style);
      doc.documentElement.append(host);
      drawMarks();
      drawBadge();
      stop = new AbortController();
      win.addEventListener('resize', drawMarks, { signal: stop.signal });
      if (counts.size > 0) watchPage(win, drawBadge, stop.signal);
      return { placed, orphans };
    },
  };
}
