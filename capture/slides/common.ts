/**
 * Helpers shared by slide and video adapters: bounded plain text, slide titles, the slide's place in
 * the viewport (for thumbnails) and the deck's identity. Everything returns plain data and tolerates
 * huge or hostile pages: walks are capped, and nothing here throws on odd markup.
 */

import { canonicalUrl } from '../site';
import { cleanText, metaContent } from '../text';
import type { DeckRef, PageCapture, SlideRef } from '../types';
import { slideLinks } from './links';

/** Elements whose text is never slide text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'ASIDE']);
/** Inline elements: no word break around them. Any other element ends a word. */
const INLINE = new Set(
  'A ABBR B BDI BDO CITE CODE DFN EM FONT I KBD MARK Q S SAMP SMALL SPAN STRONG SUB SUP TIME U VAR'.split(
    ' ',
  ),
);
/** A slide bigger than this many nodes is read only this far: enough for a note's context. */
const MAX_NODES = 5000;

/** Plain text of a slide, at most `max` characters; speaker notes (`aside`), scripts and styles left out. */
export function slideText(el: Element | null | undefined, max = 4000): string {
  if (!el) return '';
  const parts: string[] = [];
  let length = 0;
  let visited = 0;
  const stack: (Node | string)[] = [el];
  while (stack.length > 0 && length < max && visited < MAX_NODES) {
    const node = stack.pop() as Node | string;
    if (typeof node === 'string') {
      parts.push(node);
      continue;
    }
    visited++;
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      parts.push(text);
      length += text.length;
      continue;
    }
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : 'SCRIPT';
    if (SKIP.has(tag)) continue;
    const kids = node.childNodes;
    // Block boundaries become spaces so words of adjacent lines don't run together.
    if (!INLINE.has(tag)) {
      parts.push(' ');
      stack.push(' ');
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
  return cleanText(parts.join(''), max);
}

/** The slide's heading: its first h1–h3 (h4–h6 when there is none), as plain text. */
export function slideTitle(el: Element | null | undefined, max = 300): string {
  if (!el) return '';
  const heading = el.querySelector('h1, h2, h3') ?? el.querySelector('h4, h5, h6, [role="heading"]');
  return heading ? slideText(heading, max) : '';
}

/** Where `el` sits in the viewport, as fractions of the viewport, clipped to it; undefined when off screen. */
export function viewportRect(el: Element | null | undefined): PageCapture['slideRect'] {
  if (!el) return undefined;
  const win = el.ownerDocument.defaultView;
  const vw = win?.innerWidth ?? 0;
  const vh = win?.innerHeight ?? 0;
  if (!(vw > 0 && vh > 0)) return undefined;
  const r = el.getBoundingClientRect();
  const left = Math.max(0, r.left);
  const top = Math.max(0, r.top);
  const right = Math.min(vw, r.right);
  const bottom = Math.min(vh, r.bottom);
  if (!(right - left > 1 && bottom - top > 1)) return undefined;
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return {
    x: round(left / vw),
    y: round(top / vh),
    width: round((right - left) / vw),
    height: round((bottom - top) / vh),
  };
}

/** The deck as the page names it: `og:title` or the document title, `meta[name=author]`, the canonical URL. */
export function deckOf(doc: Document, url: URL, slideCount?: number, title?: string): DeckRef {
  const deck: DeckRef = {
    title: cleanText(title, 500) || metaContent(doc, 'og:title', 500) || cleanText(doc.title, 500),
    url: canonicalUrl(doc, url),
  };
  const author = metaContent(doc, 'author', 200);
  if (author) deck.author = author;
  if (slideCount !== undefined && Number.isInteger(slideCount) && slideCount >= 0)
    deck.slideCount = slideCount;
  return deck;
}

/**
 * A slide reference with its title, text and links read from `el` (each may be empty and is then
 * left out). Links are resolved against the document's base URL (links.ts).
 */
export function slideRef(index: number, label: string, el: Element | null | undefined): SlideRef {
  const slide: SlideRef = { index, label: cleanText(label, 40) || String(index + 1) };
  const title = slideTitle(el);
  const text = slideText(el);
  if (title) slide.title = title;
  if (text) slide.text = text;
  const base = el?.ownerDocument.baseURI;
  const links = el && base ? slideLinks(el, base) : [];
  if (links.length) slide.links = links;
  return slide;
}

/** A `slides` capture from its parts; the pipeline adds url and title. */
export function slidesCapture(
  platform: string,
  deck: DeckRef,
  slide: SlideRef | undefined,
  el: Element | null | undefined,
): Partial<PageCapture> {
  const out: Partial<PageCapture> = { kind: 'slides', platform, deck };
  if (slide) out.slide = slide;
  const rect = viewportRect(el);
  if (rect) out.slideRect = rect;
  return out;
}

/** Sets the page's hash (a same-document navigation: decks listen for `hashchange`). */
export function setHash(doc: Document, hash: string): boolean {
  const loc = doc.defaultView?.location;
  if (!loc) return false;
  loc.hash = hash;
  return true;
}

/** Navigates to `href` (same document when only the hash differs, else a page load). */
export function navigate(doc: Document, href: string): boolean {
  const loc = doc.defaultView?.location;
  if (!loc) return false;
  loc.assign(href);
  return true;
}

/** Index of the largest element in `list` that is most visible in the viewport; -1 when none is. */
export function mostVisible(list: ArrayLike<Element>, limit = 2000): number {
  const win = list.length > 0 ? (list[0] as Element).ownerDocument.defaultView : null;
  const vw = win?.innerWidth ?? 0;
  const vh = win?.innerHeight ?? 0;
  let best = -1;
  let bestArea = 0;
  for (let i = 0; i < Math.min(list.length, limit); i++) {
    const r = (list[i] as Element).getBoundingClientRect();
    const w = Math.min(vw, r.right) - Math.max(0, r.left);
    const h = Math.min(vh, r.bottom) - Math.max(0, r.top);
    const area = w > 0 && h > 0 ? w * h : 0;
    if (area > bestArea) {
      best = i;
      bestArea = area;
    }
  }
  return best;
}

/** A positive integer from a string ("7", "07"), else undefined. */
export function positiveInt(raw: string | null | undefined): number | undefined {
  if (!raw || !/^\s*\d{1,7}\s*$/.test(raw)) return undefined;
  const n = Number.parseInt(raw, 10);
  return n > 0 ? n : undefined;
}
