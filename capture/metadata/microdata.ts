/**
 * HTML microdata (`itemscope` / `itemtype` / `itemprop`) read into the same node shape JSON-LD gives,
 * so one mapping serves both. Values follow the microdata spec: `content` on meta, `href` on links,
 * `datetime` on time, `src` on media, `value` on data/meter, else the text.
 */
import type { LdNode } from './jsonld';

const MAX_ITEMS = 5_000;
const MAX_TEXT = 10_000;

function propValue(el: Element, depth: number): unknown {
  if (el.hasAttribute('itemscope')) return depth > 8 ? undefined : readItem(el, depth + 1);
  const tag = el.tagName.toLowerCase();
  if (tag === 'meta') return el.getAttribute('content') ?? '';
  // YouTube writes `<link itemprop="name" content="…">`: a `content` attribute wins wherever it is given.
  const content = el.getAttribute('content');
  if (content !== null) return content;
  if (['a', 'link', 'area'].includes(tag)) return el.getAttribute('href') ?? '';
  if (['img', 'audio', 'video', 'source', 'iframe', 'embed', 'track'].includes(tag)) {
    return el.getAttribute('src') ?? '';
  }
  if (tag === 'object') return el.getAttribute('data') ?? '';
  if (tag === 'time') return el.getAttribute('datetime') ?? el.textContent ?? '';
  if (tag === 'data' || tag === 'meter') return el.getAttribute('value') ?? '';
  return (el.textContent ?? '').slice(0, MAX_TEXT);
}

/** Properties that belong to `item` itself: nested items keep their own. */
function ownProps(item: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element) => {
    for (const child of el.children) {
      if (child.hasAttribute('itemprop')) out.push(child);
      if (!child.hasAttribute('itemscope')) visit(child);
    }
  };
  visit(item);
  return out;
}

/** One microdata item as a node: `@type` from `itemtype`, each `itemprop` a value or a list. */
export function readItem(item: Element, depth = 0): LdNode {
  const node: LdNode = {};
  const types = (item.getAttribute('itemtype') ?? '').split(/\s+/).filter(Boolean);
  if (types.length) node['@type'] = types;
  const id = item.getAttribute('itemid');
  if (id) node['@id'] = id;
  for (const el of ownProps(item)) {
    const value = propValue(el, depth);
    if (value === undefined) continue;
    for (const name of (el.getAttribute('itemprop') ?? '').split(/\s+/).filter(Boolean)) {
      const prev = node[name];
      node[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
  }
  return node;
}

/** Top-level microdata items whose type matches `typeTest` (all items when omitted). */
export function readMicrodata(root: ParentNode, typeTest?: (type: string) => boolean): LdNode[] {
  const out: LdNode[] = [];
  for (const el of root.querySelectorAll('[itemscope]')) {
    if (out.length >= MAX_ITEMS) break;
    if (el.hasAttribute('itemprop')) continue; // a property of another item, read with it
    const types = (el.getAttribute('itemtype') ?? '').split(/\s+/);
    if (typeTest && !types.some((t) => typeTest(t.replace(/^https?:\/\/(?:www\.)?schema\.org\//i, '')))) {
      continue;
    }
    out.push(readItem(el));
  }
  return out;
}
