/**
 * remark (gnab/remark, also R's xaringan). Slides are `.remark-slide-container` in
 * `.remark-slides-area`; the shown one has class `remark-visible`. The deck links slides as `#N`
 * (1-based) and prints "N / total" in `.remark-slide-number`.
 */
import type { CaptureAdapter } from '../types';
import { deckOf, positiveInt, setHash, slideRef, slidesCapture } from './common';

const SLIDES = '.remark-slides-area > .remark-slide-container';

export const remarkAdapter: CaptureAdapter = {
  id: 'remark',
  matches: (_url, doc) => doc.querySelector(SLIDES) !== null,
  capture(doc, url) {
    const slides = doc.querySelectorAll(SLIDES);
    let index = -1;
    for (let i = 0; i < slides.length; i++) {
      if ((slides[i] as Element).classList.contains('remark-visible')) {
        index = i;
        break;
      }
    }
    if (index < 0) {
      const n = positiveInt(url.hash.slice(1));
      index = n !== undefined && n <= slides.length ? n - 1 : 0;
    }
    const container = slides[index];
    const content = container?.querySelector('.remark-slide-content') ?? container;
    const deck = deckOf(doc, url, slides.length);
    if (!container) return slidesCapture('remark', deck, undefined, undefined);
    const number = container.querySelector('.remark-slide-number')?.textContent ?? '';
    const label = number.split('/')[0]?.trim() || String(index + 1);
    // The slide number is part of the slide's DOM: keep it out of the slide's text.
    const slide = slideRef(index, label, content);
    if (slide.text && number) slide.text = slide.text.replace(number.replace(/\s+/g, ' ').trim(), '').trim();
    return slidesCapture('remark', deck, slide, container.querySelector('.remark-slide-scaler') ?? container);
  },
  goto: (doc, _url, target) => (target.slide ? setHash(doc, `#${target.slide.index + 1}`) : false),
};
