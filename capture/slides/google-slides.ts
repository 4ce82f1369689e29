/**
 * Google Slides: the editor (`/presentation/d/{id}/edit#slide=id.{page}`), present mode, and the
 * published and embed viewers (`/presentation/d/e/{pubId}/pub|embed`, `slide=id.{page}`). Slides are
 * drawn on canvas/SVG; what the page says in text is its accessibility label
 * `.punch-viewer-svgpage-a11yelement[aria-label="Slide N of M: Title"]` (present mode puts it in the
 * same-origin `iframe.punch-present-iframe`). In the editor, `#slide=id.X` is what the deck links,
 * and that is the label.
 */
import { cleanText } from '../text';
import type { CaptureAdapter, SlideRef } from '../types';
import { deckOf, setHash, slidesCapture } from './common';

const A11Y = '.punch-viewer-svgpage-a11yelement[aria-label]';
const LABEL = /(\d+)(?:\D+(\d+))?\s*(?::\s*([\s\S]*))?$/;

/** The viewer's a11y element, in this document or the same-origin present-mode iframe. */
function a11yElement(doc: Document): Element | null {
  const here = doc.querySelector(A11Y);
  if (here) return here;
  for (const frame of Array.from(doc.querySelectorAll('iframe.punch-present-iframe'))) {
    try {
      const inner = (frame as HTMLIFrameElement).contentDocument?.querySelector(A11Y);
      if (inner) return inner;
    } catch {
      // cross-origin: not ours to read
    }
  }
  return null;
}

function deckTitle(doc: Document): string {
  return cleanText(
    doc.title.replace(/\s+-\s+Google (Slides|Präsentationen|Diapositives|Presentaciones)$/i, ''),
    500,
  );
}

export const googleSlidesAdapter: CaptureAdapter = {
  id: 'google-slides',
  matches: (url) => url.hostname === 'docs.google.com' && url.pathname.startsWith('/presentation/'),
  capture(doc, url) {
    const el = a11yElement(doc);
    const aria = cleanText(el?.getAttribute('aria-label'), 600);
    const m = LABEL.exec(aria.replace(/^[^\d]*/, ''));
    const pageId = /(?:^#|[&?#])slide=(id\.[\w.-]+)/.exec(url.hash)?.[1];
    const filmstrip = doc.querySelectorAll('.punch-filmstrip-thumbnail');
    const total = m?.[2] ? Number(m[2]) : filmstrip.length || undefined;
    const deck = deckOf(doc, url, total, deckTitle(doc));
    if (!m?.[1] && !pageId) return slidesCapture('google-slides', deck, undefined, undefined);
    const n = m?.[1] ? Number(m[1]) : 0;
    const index = n > 0 ? n - 1 : selectedThumbnail(filmstrip);
    const slide: SlideRef = { index: Math.max(0, index), label: pageId ?? String(n) };
    const title = cleanText(m?.[3], 300);
    if (title) slide.title = title;
    return slidesCapture('google-slides', deck, slide, el?.closest('svg') ?? el);
  },
  goto(doc, url, target) {
    const label = target.slide?.label ?? '';
    if (!label.startsWith('id.')) return false;
    if (url.pathname.includes('/edit')) return setHash(doc, `#slide=${label}`);
    return false;
  },
};

function selectedThumbnail(list: NodeListOf<Element>): number {
  for (let i = 0; i < list.length; i++) {
    if (/-selected(\s|$)/.test((list[i] as Element).getAttribute('class') ?? '')) return i;
  }
  return 0;
}
