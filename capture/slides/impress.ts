/**
 * impress.js. Steps are `.step` elements under `#impress`; the current one has class `active` (and the
 * body `impress-on-{id}`). impress gives id-less steps `step-N` and links steps as `#/{id}`, so the
 * step id is the label; `index` is the step's position in document order.
 */
import type { CaptureAdapter } from '../types';
import { deckOf, setHash, slideRef, slidesCapture } from './common';

function idFromHash(hash: string): string {
  const raw = hash.replace(/^#\/?/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export const impressAdapter: CaptureAdapter = {
  id: 'impress',
  matches: (_url, doc) => doc.querySelector('#impress .step') !== null,
  capture(doc, url) {
    const steps = doc.querySelectorAll('#impress .step');
    let current = doc.querySelector('#impress .step.active');
    if (!current) {
      const wanted = idFromHash(url.hash);
      const byId = wanted ? doc.getElementById(wanted) : null;
      current = byId?.matches('#impress .step') ? byId : (steps[0] ?? null);
    }
    let index = -1;
    for (let i = 0; i < steps.length; i++) {
      if (steps[i] === current) {
        index = i;
        break;
      }
    }
    const deck = deckOf(doc, url, steps.length);
    if (!current || index < 0) return slidesCapture('impress', deck, undefined, undefined);
    const label = current.id || `step-${index + 1}`;
    return slidesCapture('impress', deck, slideRef(index, label, current), current);
  },
  goto(doc, _url, target) {
    const step = target.slide ? doc.querySelectorAll('#impress .step')[target.slide.index] : undefined;
    const id = step?.id || (target.slide?.label ?? '');
    return id ? setHash(doc, `#/${encodeURIComponent(id)}`) : false;
  },
};
