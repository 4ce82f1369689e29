/**
 * Marp (marp-cli's bespoke HTML). Each slide is an `svg[data-marpit-svg]` holding a `section` whose
 * id is its 1-based number (Marpit's anchor); the bespoke runtime marks the current `svg` with
 * `bespoke-marp-active` and keeps `#N` in the URL. Speaker notes sit apart in `.bespoke-marp-note`.
 */
import type { CaptureAdapter } from '../types';
import { deckOf, positiveInt, setHash, slideRef, slidesCapture } from './common';

const SLIDES = 'svg[data-marpit-svg]';

export const marpAdapter: CaptureAdapter = {
  id: 'marp',
  matches: (_url, doc) => doc.querySelector(SLIDES) !== null,
  capture(doc, url) {
    const slides = doc.querySelectorAll(SLIDES);
    let index = -1;
    for (let i = 0; i < slides.length; i++) {
      if ((slides[i] as Element).classList.contains('bespoke-marp-active')) {
        index = i;
        break;
      }
    }
    if (index < 0) {
      const fromHash = positiveInt(url.hash.slice(1));
      index = fromHash !== undefined && fromHash <= slides.length ? fromHash - 1 : 0;
    }
    const svg = slides[index];
    const section = svg?.querySelector('section') ?? null;
    const deck = deckOf(doc, url, slides.length);
    if (!svg) return slidesCapture('marp', deck, undefined, undefined);
    const label = section?.getAttribute('data-marpit-pagination') || section?.id || String(index + 1);
    return slidesCapture('marp', deck, slideRef(index, label, section), svg);
  },
  goto: (doc, _url, target) => (target.slide ? setHash(doc, `#${target.slide.index + 1}`) : false),
};
