/**
 * The page's elements as the generic reader's scans share them: the first `max` elements under a
 * root, in document order. A scan that stops early (the label reader's 1,500 candidates) reads only
 * the elements it gets to, from the browser's live collection; a scan for a few kinds of element asks
 * the browser's selector engine for a superset of them (a selector pass over a 2 MB page costs a
 * fraction of a JS pass that wraps and tests each of its 15,000 elements), and the caller applies its
 * exact test to what comes back. Nothing is copied up front.
 */

/** Elements looked at, at most, under one root. */
export const MAX_VISITS = 20_000;

/** `Node.DOCUMENT_POSITION_PRECEDING`, as a number (no `Node` global is needed). */
const PRECEDING = 2;

/** The first `max` elements under `root`, in document order, read on demand. */
export class PageElements {
  readonly root: Element;
  readonly max: number;
  private readonly all: HTMLCollectionOf<Element>;
  /** The last element inside the bound; null when the root holds no more than `max`. */
  private last: Element | null | undefined;

  constructor(root: Element, max = MAX_VISITS) {
    this.root = root;
    this.max = max;
    this.all = root.getElementsByTagName('*');
  }

  /** The element at `i` in document order, or undefined past the end or the bound. */
  at(i: number): Element | undefined {
    return i < this.max ? (this.all[i] ?? undefined) : undefined;
  }

  /**
   * The elements inside the bound that match `selector`, in document order, at most `limit`. The
   * selector is a superset of what the caller wants: it filters the result with its own exact test.
   */
  select(selector: string, limit = Number.POSITIVE_INFINITY): Element[] {
    const out: Element[] = [];
    const found = this.root.querySelectorAll(selector);
    for (let i = 0; i < found.length && out.length < limit; i++) {
      const el = found[i] as Element;
      // matches come in document order: the first one past the bound ends the list
      if (!this.has(el)) break;
      out.push(el);
    }
    return out;
  }

  /** Whether `el` (a descendant of the root) is among the first `max` elements. */
  private has(el: Element): boolean {
    if (this.last === undefined)
      this.last = this.all.length > this.max ? (this.all[this.max - 1] ?? null) : null;
    if (this.last === null || el === this.last) return true;
    return (this.last.compareDocumentPosition(el) & PRECEDING) !== 0;
  }
}
