/**
 * Slidev (built decks). The route is the 1-based slide number: `/{n}` (history mode) or `#/{n}`
 * (hash mode); each slide renders as `.slidev-page.slidev-page-{n}`, with neighbours kept in the DOM,
 * so the route picks the slide and the most visible page is the fallback. Slidev's own globals exist
 * only in dev builds, so the deck's length is not known from the page.
 */
import type { CaptureAdapter } from '../types';
import { deckOf, mostVisible, navigate, positiveInt, slideRef, slidesCapture } from './common';

const MODES = /^(presenter|overview|print|export|notes|entry)$/;

/** The slide number in the route and whether the deck routes by hash. */
function route(url: URL): { n?: number; hash: boolean } {
  const hashPath = url.hash.startsWith('#/') ? url.hash.slice(2).split(/[?#]/)[0] : undefined;
  if (hashPath !== undefined) return { n: positiveInt(hashPath.split('/').pop()), hash: true };
  const segments = url.pathname.split('/').filter(Boolean);
  return { n: positiveInt(segments[segments.length - 1]), hash: false };
}

export const slidevAdapter: CaptureAdapter = {
  id: 'slidev',
  matches: (_url, doc) => doc.querySelector('.slidev-page') !== null,
  capture(doc, url) {
    const { n } = route(url);
    let el = n ? doc.querySelector(`.slidev-page-${n}`) : null;
    let number = n;
    if (!el) {
      const pages = doc.querySelectorAll('.slidev-page');
      el = pages[Math.max(0, mostVisible(pages))] ?? null;
      const m = el ? /(?:^|\s)slidev-page-(\d+)(?:\s|$)/.exec(el.className) : null;
      number = positiveInt(m?.[1]);
    }
    const deck = deckOf(doc, url);
    if (!el || !number) return slidesCapture('slidev', deck, undefined, undefined);
    return slidesCapture('slidev', deck, slideRef(number - 1, String(number), el), el);
  },
  goto(doc, url, target) {
    if (!target.slide) return false;
    const n = target.slide.index + 1;
    const { hash } = route(url);
    if (hash) return navigate(doc, `#/${n}`);
    const segments = url.pathname.split('/');
    const last = segments[segments.length - 1] ?? '';
    if (MODES.test(last)) return false;
    if (positiveInt(last)) segments[segments.length - 1] = String(n);
    else segments.push(String(n));
    const next = new URL(url.href);
    next.pathname = segments.join('/').replace(/\/{2,}/g, '/');
    next.hash = '';
    return navigate(doc, next.href);
  },
};
