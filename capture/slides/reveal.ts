/**
 * reveal.js (and Slides.com, which is built on it). The current slide is the `section.present` under
 * `.reveal .slides` (a vertical stack is a `section` of `section`s); before reveal has started, the
 * `#/h/v` or `#/name` hash says where it will open. Labels follow reveal's own slide number ("h.v",
 * 1-based: "3", "3.2"); `index` counts every slide in reading order, vertical ones included.
 */
import type { CaptureAdapter } from '../types';
import { deckOf, setHash, slideRef, slidesCapture } from './common';

interface Place {
  h: number;
  v: number;
  /** Is it in a vertical stack? */
  stacked: boolean;
  index: number;
  el: Element;
}

/** `section` children that reveal navigates to (hidden ones are removed by reveal at start). */
function sections(parent: Element): Element[] {
  const out: Element[] = [];
  for (const child of Array.from(parent.children)) {
    if (child.tagName === 'SECTION' && child.getAttribute('data-visibility') !== 'hidden') out.push(child);
  }
  return out;
}

/** Every slide in reading order, calling `visit` until it returns true; returns the total count. */
function walk(root: Element, visit: (p: Place) => boolean | undefined): number {
  let index = 0;
  const tops = sections(root);
  for (let h = 0; h < tops.length; h++) {
    const top = tops[h] as Element;
    const stack = sections(top);
    if (stack.length === 0) {
      if (visit({ h, v: 0, stacked: false, index, el: top })) return -1;
      index++;
      continue;
    }
    for (let v = 0; v < stack.length; v++) {
      if (visit({ h, v, stacked: true, index, el: stack[v] as Element })) return -1;
      index++;
    }
  }
  return index;
}

/** The slide a `#/h/v` or `#/name` hash points at (0-based indices, as reveal writes them by default). */
function fromHash(doc: Document, root: Element, hash: string): Element | null {
  const path = hash.replace(/^#\/?/, '');
  if (!path) return null;
  const bits = path.split('/');
  const first = bits[0] ?? '';
  if (!/^[0-9]*$/.test(first)) {
    let name = first;
    try {
      name = decodeURIComponent(first);
    } catch {
      // keep it raw
    }
    const target = doc.getElementById(name);
    return target && root.contains(target) ? target.closest('section') : null;
  }
  const tops = sections(root);
  const top = tops[Number.parseInt(first, 10) || 0];
  if (!top) return null;
  const stack = sections(top);
  return stack.length ? (stack[Number.parseInt(bits[1] ?? '0', 10) || 0] ?? stack[0] ?? null) : top;
}

function currentSlide(doc: Document, root: Element, url: URL): Element | null {
  const present = root.querySelector(':scope > section.present');
  if (present) {
    const inner = present.querySelector(':scope > section.present');
    if (inner) return inner;
    if (sections(present).length === 0) return present;
    return sections(present)[0] ?? present;
  }
  return fromHash(doc, root, url.hash);
}

export const revealAdapter: CaptureAdapter = {
  id: 'reveal',
  matches: (_url, doc) => doc.querySelector('.reveal .slides > section') !== null,
  capture(doc, url) {
    const root = doc.querySelector('.reveal .slides');
    if (!root) return null;
    const current = currentSlide(doc, root, url);
    let found = undefined as Place | undefined;
    const total = walk(root, (p) => {
      if (p.el === current) found = p;
      return false;
    });
    const place =
      found ?? (total > 0 ? { h: 0, v: 0, stacked: false, index: 0, el: sections(root)[0] } : null);
    const deck = deckOf(doc, url, total);
    if (!place?.el) return slidesCapture('reveal', deck, undefined, undefined);
    const label = place.stacked ? `${place.h + 1}.${place.v + 1}` : String(place.h + 1);
    return slidesCapture('reveal', deck, slideRef(place.index, label, place.el), place.el);
  },
  goto(doc, _url, target) {
    const root = doc.querySelector('.reveal .slides');
    const index = target.slide?.index;
    if (!root || index === undefined) return false;
    let found = undefined as Place | undefined;
    walk(root, (p) => {
      if (p.index === index) found = p;
      return found !== undefined;
    });
    if (!found) return false;
    const { h, v, el } = found;
    // reveal follows hash changes (respondToHashChanges) and, failing that, its postMessage API.
    const id = el.id;
    setHash(doc, id ? `#/${encodeURIComponent(id)}` : `#/${h}${found.stacked ? `/${v}` : ''}`);
    doc.defaultView?.postMessage(JSON.stringify({ method: 'slide', args: [h, v] }), '*');
    return true;
  },
};
