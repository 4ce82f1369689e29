/**
 * Element lookups by tag name through the browser's tag collections. On a 2 MB page of 15,000
 * elements, `querySelectorAll('h2, h3, h4, h5')` costs about 0.6 ms (each selector of a list is
 * checked against every element), while `getElementsByTagName` for all four tags together costs a few
 * microseconds: a selector made only of tag names is read here instead.
 */

/** `Node.DOCUMENT_POSITION_FOLLOWING`, as a number (no `Node` global is needed). */
const FOLLOWING = 4;

/**
 * The elements under `root` whose tag is one of `tags` (lower case), in document order, at most
 * `limit`: what `root.querySelectorAll(tags.join(', '))` returns, cut at `limit`.
 */
export function byTags(
  root: Element | Document,
  tags: readonly string[],
  limit = Number.POSITIVE_INFINITY,
): Element[] {
  const lists: Element[][] = [];
  for (const tag of tags) {
    const found = root.getElementsByTagName(tag);
    if (found.length === 0) continue;
    const list: Element[] = [];
    for (let i = 0; i < found.length && list.length < limit; i++) list.push(found[i] as Element);
    lists.push(list);
  }
  if (lists.length <= 1) return lists[0] ?? [];
  // several tags on the page: back into document order (each list is already in it)
  const all = lists.flat().sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1));
  return all.length > limit ? all.slice(0, limit) : all;
}

/** The first element under `root` whose tag is `tag`, as `root.querySelector(tag)` finds it. */
export function firstByTag(root: Element | Document, tag: string): Element | null {
  return root.getElementsByTagName(tag)[0] ?? null;
}

/**
 * `root.querySelector(selector)` for a selector whose every branch ends in an element of tag `tag`
 * ("meta[name=generator i]", "link[rel~=canonical i][href]"): only that tag's elements are tested.
 */
export function firstMatch(root: Element | Document, tag: string, selector: string): Element | null {
  const found = root.getElementsByTagName(tag);
  for (let i = 0; i < found.length; i++) {
    const el = found[i] as Element;
    if (el.matches(selector)) return el;
  }
  return null;
}

/**
 * `root.querySelector(selector) !== null` for a selector whose every branch ends in an element of
 * class `className` (".item-summary .time-info"): only that class's elements are tested.
 */
export function hasClassMatch(root: Element | Document, className: string, selector: string): boolean {
  const found = root.getElementsByClassName(className);
  for (let i = 0; i < found.length; i++) if ((found[i] as Element).matches(selector)) return true;
  return false;
}
