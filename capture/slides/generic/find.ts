/**
 * Finds a slide deck in a page that no platform adapter knows: a sequence of slide-like elements
 * (`.slide`, `.step`, `.bespoke-slide`, `[data-slide]`, or sibling `section`s) of which exactly one
 * is marked current. A sequence alone is never a deck (articles have many sections): the page must
 * say which slide it shows, by a class (`current`, `active`, `present`, `deck-current`,
 * `bespoke-active`…), `aria-current`, the URL hash naming one, or by hiding all but one. Walks are
 * capped; nothing here throws on odd markup (the adapter still wraps it).
 */

/** Elements decks name as slides. Links and buttons are controls (`data-slide="next"`), never slides. */
const NAMED_SELECTORS = [
  '.slide:not(a):not(button)',
  '.bespoke-slide',
  '.step:not(a):not(button):not(li)',
  '[data-slide]:not(a):not(button):not(li)',
];
/** A container that names itself a deck: its `section` children are slides. */
const DECK_CONTAINER =
  /(?:^|[\s_-])(?:slides?|slideshow|deck|presentation|webslides|bespoke-parent)(?:$|[\s_-])/i;
/** A class a deck puts on its current slide: `current`, `active`, `present`, `visible`, optionally prefixed (`deck-current`, `bespoke-active`, `is-active`). */
const CURRENT_CLASS = /^(?:[a-z][a-z0-9]*-)*(?:current|active|present|visible)$/i;
/** Most elements looked at. */
const MAX_ELEMENTS = 3000;
/** Most slides whose style is read (visibility). */
const MAX_STYLED = 400;

export type Evidence = 'class' | 'aria-current' | 'hash' | 'visible';

export interface FoundDeck {
  /** The slides in reading order. */
  slides: Element[];
  /** Position of the current slide in `slides`. */
  index: number;
  /** How the page marked it. */
  evidence: Evidence;
  /** How the deck links a slide in its hash: by id (`#intro`), by number (`#slide=3`), or not at all. */
  hash: 'id' | 'slide=' | 'none';
  /** False when the page has more slide-like elements than were read: the count is then unknown. */
  complete: boolean;
}

/**
 * A copy of a slide that comes earlier with the same id: overview grids clone the slides (WebSlides'
 * zoom view copies every section, ids and classes included, after the deck).
 */
function isCopy(doc: Document, el: Element): boolean {
  return el.id !== '' && doc.getElementById(el.id) !== el;
}

/** Candidate sequences, most specific first: named slides, then sections of a deck container, then any sibling sections. */
interface Candidate {
  els: Element[];
  named: boolean;
  /** More elements matched than were looked at. */
  capped: boolean;
  /** How many matched, read or not. */
  matched: number;
}

function candidates(doc: Document, copies: Set<Element>): Candidate[] {
  const out: Candidate[] = [];
  const original = (el: Element) => {
    if (!isCopy(doc, el)) return true;
    copies.add(el);
    return false;
  };
  for (const sel of NAMED_SELECTORS) {
    const all = doc.querySelectorAll(sel);
    const list = Array.from(all).slice(0, MAX_ELEMENTS).filter(original);
    if (list.length >= 3)
      out.push({ els: list, named: true, capped: all.length > MAX_ELEMENTS, matched: all.length });
  }
  const byParent = new Map<Element, Element[]>();
  const sections = doc.querySelectorAll('section');
  for (let i = 0; i < Math.min(sections.length, MAX_ELEMENTS); i++) {
    const s = sections[i] as Element;
    const parent = s.parentElement;
    if (!parent || !original(s)) continue;
    const group = byParent.get(parent);
    if (group) group.push(s);
    else byParent.set(parent, [s]);
  }
  for (const [parent, els] of byParent) {
    if (els.length < 3) continue;
    const name = `${parent.id} ${parent.getAttribute('class') ?? ''}`;
    out.push({
      els,
      named: DECK_CONTAINER.test(name),
      capped: sections.length > MAX_ELEMENTS,
      matched: els.length,
    });
  }
  return out;
}

/** The one element of `els` a class marks current: the innermost marked one (deck.js also marks a sub-slide's parent). */
function byClass(els: Element[]): number {
  const marked: number[] = [];
  for (let i = 0; i < els.length; i++) {
    const list = (els[i] as Element).classList;
    for (let k = 0; k < list.length; k++) {
      if (CURRENT_CLASS.test(list[k] as string)) {
        marked.push(i);
        break;
      }
    }
  }
  if (marked.length === 0 || marked.length === els.length) return -1;
  const markedSet = new Set(marked.map((i) => els[i] as Element));
  const holding = new Set<Element>();
  for (const el of markedSet) {
    for (let p = el.parentElement; p; p = p.parentElement) if (markedSet.has(p)) holding.add(p);
  }
  const innermost = marked.filter((i) => !holding.has(els[i] as Element));
  return innermost.length === 1 ? (innermost[0] as number) : -1;
}

function byAria(els: Element[]): number {
  let found = -1;
  for (let i = 0; i < els.length; i++) {
    const v = (els[i] as Element).getAttribute('aria-current');
    if (v === null || v === 'false') continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

function decodeSafe(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The slide the hash names: by id (`#intro`, `#/intro`, the `:target`), or `#slide=N` (1-based). */
function byHash(doc: Document, els: Element[], hash: string): { index: number; form: FoundDeck['hash'] } {
  const raw = hash.replace(/^#\/?/, '');
  if (!raw) return { index: -1, form: 'none' };
  const numbered = /^slide=(\d{1,6})$/.exec(raw);
  if (numbered) {
    const n = Number.parseInt(numbered[1] as string, 10);
    return n >= 1 && n <= els.length ? { index: n - 1, form: 'slide=' } : { index: -1, form: 'none' };
  }
  const target = doc.getElementById(decodeSafe(raw));
  if (!target) return { index: -1, form: 'none' };
  // The innermost slide holding the target (nested decks: the sub-slide, not its parent).
  let best = -1;
  for (let i = 0; i < els.length; i++) {
    if ((els[i] as Element).contains(target)) best = i;
  }
  return { index: best, form: best >= 0 ? 'id' : 'none' };
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(el);
  return style.display === 'none' || style.visibility === 'hidden';
}

/** The only one not hidden, when every other one is. */
function byVisibility(els: Element[]): number {
  if (els.length > MAX_STYLED) return -1;
  let found = -1;
  for (let i = 0; i < els.length; i++) {
    if (isHidden(els[i] as Element)) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

/** Tabs and carousels are not decks: their panels say so. */
function isWidget(els: Element[]): boolean {
  const first = els[0] as Element;
  if (first.getAttribute('role') === 'tabpanel') return true;
  return (
    first.closest('.carousel, [role="tablist"], [role="tabpanel"], [aria-roledescription="carousel"]') !==
    null
  );
}

/** Whether an ancestor of `el` is in `set`. */
function insideAny(el: Element, set: Set<Element>): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) if (set.has(p)) return true;
  return false;
}

/** Text outside scripts and styles, up to a cap. */
function textLength(el: Element): number {
  let n = el.textContent?.length ?? 0;
  if (n === 0) return 0;
  for (const skip of el.querySelectorAll('script, style, noscript, template'))
    n -= skip.textContent?.length ?? 0;
  return Math.max(0, n);
}

/** The slides hold most of the page's text: a carousel or a sidebar inside an article does not. */
function holdsThePage(doc: Document, els: Element[], copies: Set<Element>, scale: number): boolean {
  const body = doc.body;
  if (!body) return false;
  let total = textLength(body);
  for (const copy of copies) if (!insideAny(copy, copies)) total -= textLength(copy);
  if (total === 0) return true;
  let inSlides = 0;
  const set = new Set(els);
  for (const el of els) if (!insideAny(el, set)) inSlides += textLength(el); // nested: counted with its parent
  return inSlides * scale >= total * 0.5; // scale: the slides past the walk's cap, counted as the ones read
}

/** Slides that each fill most of the viewport (a real browser; jsdom has no layout). */
function viewportSized(els: Element[]): boolean {
  const view = (els[0] as Element).ownerDocument.defaultView;
  const vw = view?.innerWidth ?? 0;
  const vh = view?.innerHeight ?? 0;
  if (!(vw > 0 && vh > 0) || els.length > MAX_STYLED) return false;
  let big = 0;
  for (const el of els) {
    const r = el.getBoundingClientRect();
    if (r.width >= vw * 0.6 && r.height >= vh * 0.6 && r.height <= vh * 1.6) big++;
  }
  return big >= els.length * 0.8;
}

/** Numbered ids (`section-1`…`section-N`, `slide1`…): the deck's own order, which some engines keep while moving slides in the DOM. */
function readingOrder(els: Element[]): Element[] {
  const numbers: number[] = [];
  let prefix: string | undefined;
  for (const el of els) {
    const m = /^(\D*?)(\d{1,6})$/.exec(el.id);
    if (!m || (prefix !== undefined && m[1] !== prefix)) return els;
    prefix = m[1] as string;
    numbers.push(Number.parseInt(m[2] as string, 10));
  }
  const min = Math.min(...numbers);
  const seen = new Set(numbers);
  if ((min !== 0 && min !== 1) || seen.size !== els.length || Math.max(...numbers) !== min + els.length - 1)
    return els;
  return els
    .map((el, i) => ({ el, n: numbers[i] as number }))
    .sort((a, b) => a.n - b.n)
    .map((x) => x.el);
}

/** The deck this page shows and its current slide; null when the page is not one. */
export function findDeck(doc: Document, url: URL): FoundDeck | null {
  const copies = new Set<Element>();
  for (const { els: raw, named, capped, matched } of candidates(doc, copies)) {
    if (isWidget(raw)) continue;
    const els = readingOrder(raw);
    const hash = byHash(doc, els, url.hash);
    let index = byClass(els);
    let evidence: Evidence = 'class';
    if (index < 0) {
      index = byAria(els);
      evidence = 'aria-current';
    }
    if (index < 0 && hash.index >= 0 && (named || viewportSized(els))) {
      index = hash.index;
      evidence = 'hash';
    }
    if (index < 0) {
      index = byVisibility(els);
      evidence = 'visible';
    }
    if (index < 0 || !holdsThePage(doc, els, copies, matched / raw.length)) continue;
    return { slides: els, index, evidence, hash: hash.form, complete: !capped };
  }
  return null;
}
