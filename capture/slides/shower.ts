/**
 * Shower. Slides are `.slide` under the `.shower` container; the current one has class `active`
 * (in list mode no slide may be active: the `#id` hash then names the chosen one). Shower gives
 * id-less slides their 1-based number as id and links them as `#id`, so the id is the label.
 */

import { cleanText } from '../text';
import type { CaptureAdapter } from '../types';
import { deckOf, setHash, slideRef, slidesCapture } from './common';

const SLIDES = '.shower .slide';

export const showerAdapter: CaptureAdapter = {
  id: 'shower',
  matches: (_url, doc) => doc.querySelector(SLIDES) !== null,
  capture(doc, url) {
    const slides = doc.querySelectorAll(SLIDES);
    let current = doc.querySelector(`${SLIDES}.active`);
    if (!current && url.hash.length > 1) {
      const byId = doc.getElementById(decodeURIComponentSafe(url.hash.slice(1)));
      if (byId?.matches(SLIDES)) current = byId;
    }
    let index = -1;
    for (let i = 0; i < slides.length; i++) if (slides[i] === current) index = i;
    // The title module rewrites document.title to "{slide} — {deck}" in full mode: the caption is the deck.
    const caption = cleanText(doc.querySelector('.shower .caption h1, header.caption h1')?.textContent, 500);
    const deck = deckOf(doc, url, slides.length, caption);
    if (!current || index < 0) return slidesCapture('shower', deck, undefined, undefined);
    return slidesCapture('shower', deck, slideRef(index, current.id || String(index + 1), current), current);
  },
  goto(doc, _url, target) {
    const slide = target.slide ? doc.querySelectorAll(SLIDES)[target.slide.index] : undefined;
    const id = slide?.id || target.slide?.label;
    return id ? setHash(doc, `#${encodeURIComponent(id)}`) : false;
  },
};

function decodeURIComponentSafe(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
