/**
 * Decks made with an engine no adapter knows (CSSS, Inspire.js, deck.js, bespoke.js, WebSlides,
 * hand-rolled `section`/`.slide` sequences): `generic/find.ts` finds a sequence of slide-like
 * elements with exactly one marked current. Registered after every platform slide adapter, so a
 * deck an adapter knows is always read by it. `index` is the slide's place in the deck's order;
 * `label` is the slide's id when the deck links slides by id in its hash (`#intro`), else its
 * 1-based number. Live updates need nothing here: capture/watch.ts re-reads the page on hash,
 * class, ARIA and key events, which is how these engines move.
 */
import { cleanText } from '../text';
import type { CaptureAdapter } from '../types';
import { deckOf, setHash, slideRef, slidesCapture, slideTitle } from './common';
import { findDeck } from './generic/find';

/** Cheap check before the full walk: some element a deck of any engine has. */
const MAYBE_DECK = '.slide, .step, .bespoke-slide, [data-slide], section';

/**
 * A title for a slide without a heading: its `data-title`/`title` attribute (CSSS, Inspire.js), else
 * the heading of the slide it is a step of (deck.js nests sub-slides in their slide).
 */
function untitledSlideTitle(el: Element, slides: Element[]): string {
  const named = cleanText(el.getAttribute('data-title') ?? el.getAttribute('title'), 300);
  if (named) return named;
  for (let i = slides.length - 1; i >= 0; i--) {
    const outer = slides[i] as Element;
    if (outer !== el && outer.contains(el)) return slideTitle(outer);
  }
  return '';
}

export const genericDeckAdapter: CaptureAdapter = {
  id: 'generic-deck',
  matches: (_url, doc) => doc.querySelector(MAYBE_DECK) !== null,
  capture(doc, url) {
    const found = findDeck(doc, url);
    if (!found) return null;
    const el = found.slides[found.index] as Element;
    const label = found.hash === 'id' && el.id ? el.id : String(found.index + 1);
    const slide = slideRef(found.index, label, el);
    if (!slide.title) {
      const title = untitledSlideTitle(el, found.slides);
      if (title) slide.title = title;
    }
    return slidesCapture(
      'generic-deck',
      deckOf(doc, url, found.complete ? found.slides.length : undefined),
      slide,
      el,
    );
  },
  goto(doc, url, target) {
    const index = target.slide?.index;
    if (index === undefined) return false;
    const found = findDeck(doc, url);
    const el = found?.slides[index];
    if (!found || !el) return false;
    // Only decks that follow their hash can be moved from outside: by id (CSSS, Inspire.js) or number (WebSlides).
    if (found.hash === 'id' && el.id) return setHash(doc, `#${encodeURIComponent(el.id)}`);
    if (found.hash === 'slide=') return setHash(doc, `#slide=${index + 1}`);
    return false;
  },
};
