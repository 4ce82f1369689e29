/**
 * Label/value pairs as talk pages lay them out: `dt`/`dd`, two-column table rows, a label element
 * followed by its value element (Hugo themes' "Date | Event | Location" rows), an inline label
 * (`<strong>Speaker</strong>: Ada`), and plain "Label: value" lines. Bounded: a page of 10,000 rows
 * costs a fixed number of element visits, not a scan per row.
 */
import { cleanText } from '../../text';
import { safeHttpUrl } from '../../url';
import { isPlaceholder, type LabelField, labelField, MAX_LABEL } from './labels';
import { PageElements } from './page-elements';

export interface LabelLink {
  href: string;
  text: string;
}

export interface LabelValue {
  field: LabelField;
  /** The label as printed. */
  label: string;
  /** The value's text, cleaned; empty for a placeholder ("TBA"). */
  text: string;
  /** Links inside the value, made absolute (http(s) only). */
  links: LabelLink[];
  /** The element the value sits in (for closeness and de-duplication). */
  el: Element;
}

/**
 * Label-tag elements read, at most: a talk's labels sit near its title, not after thousands of
 * paragraphs, and a 2 MB page must be read within the capture budget.
 */
const MAX_CANDIDATES = 1_500;
/** Pairs kept, at most. */
const MAX_PAIRS = 200;
const MAX_VALUE = 500;
/** Elements a page hides: their text is not what the page shows. */
const HIDDEN =
  '[hidden], [aria-hidden="true"], [style*="display:none" i], [style*="display: none" i], [style*="visibility:hidden" i], [style*="visibility: hidden" i], template, script, style';

/** Containers whose label/value pairs describe something other than the talk. */
const OFF_TOPIC =
  'nav, footer, aside, [role="navigation"], [role="contentinfo"], [class*="sponsor" i], [id*="sponsor" i], [class*="partner" i], [class*="advert" i], [class*="related" i], [class*="sidebar" i], [class*="footer" i], [class*="comment" i]';

const LABEL_TAGS = 'dt, th, td, strong, b, em, label, span, div, p, li, h2, h3, h4, h5, h6';
const LABEL_TAG_SET = new Set(LABEL_TAGS.toUpperCase().split(', '));

/** An element's class attribute, lower case ('' for none; SVG's className is not a string). */
export function classOf(el: Element): string {
  return (el.getAttribute('class') ?? '').toLowerCase();
}
const INLINE = new Set(['STRONG', 'B', 'EM', 'LABEL', 'SPAN', 'I']);

function linksIn(nodes: Iterable<Node>, base: string): LabelLink[] {
  const out: LabelLink[] = [];
  for (const node of nodes) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const anchors = el.tagName === 'A' ? [el] : [...el.querySelectorAll('a[href]')].slice(0, 20);
    for (const a of anchors) {
      const hidden = a.closest(HIDDEN);
      if (hidden && (hidden === el || el.contains(hidden))) continue; // a link the page does not show
      const href = safeHttpUrl(a.getAttribute('href'), base);
      if (href) out.push({ href, text: cleanText(a.textContent, 200) });
    }
    if (out.length >= 20) break;
  }
  return out;
}

function textOfNodes(nodes: Iterable<Node>): string {
  let text = '';
  for (const n of nodes) {
    text += n.nodeType === 1 ? shownText(n as Element) : (n.textContent ?? '');
    if (text.length > MAX_VALUE * 4) break;
  }
  return text;
}

/**
 * A value's text as the page shows it: hidden parts (`hidden`, `aria-hidden`, `display:none`,
 * scripts) left out, so a name tucked away in the markup is never read as the speaker.
 */
export function shownText(el: Element): string {
  if (el.matches(HIDDEN)) return ''; // the value's own element hidden (`<span style="display:none">`)
  if (!el.querySelector(HIDDEN)) return el.textContent ?? '';
  let text = '';
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n && text.length <= MAX_VALUE * 4; n = walker.nextNode()) {
    const hidden = n.parentElement?.closest(HIDDEN);
    if (!hidden || !el.contains(hidden)) text += n.nodeValue ?? '';
  }
  return text;
}

/** An element whose only content is the label (a `<dt><span>Speaker</span></dt>` climbs to the `dt`). */
function labelBox(el: Element, text: string): Element {
  let box = el;
  for (let i = 0; i < 2; i++) {
    const parent = box.parentElement;
    if (parent?.children.length !== 1) break;
    if (cleanText(parent.textContent, MAX_LABEL + 10) !== text) break;
    box = parent;
  }
  return box;
}

function siblingsAfter(el: Element): Node[] {
  const out: Node[] = [];
  for (let n = el.nextSibling; n && out.length < 50; n = n.nextSibling) out.push(n);
  return out;
}

function valueFor(box: Element, base: string): { text: string; links: LabelLink[]; el: Element } | undefined {
  const tag = box.tagName;
  if (tag === 'DT') {
    const dd = box.nextElementSibling;
    if (dd?.tagName !== 'DD') return undefined;
    return { text: shownText(dd), links: linksIn([dd], base), el: dd };
  }
  if (tag === 'TH' || tag === 'TD') {
    const cell = box.nextElementSibling;
    if (!cell || (cell.tagName !== 'TD' && cell.tagName !== 'TH')) return undefined;
    return { text: shownText(cell), links: linksIn([cell], base), el: cell };
  }
  const after = siblingsAfter(box);
  const inlineText = textOfNodes(after);
  if ((INLINE.has(tag) || /[:：]\s*$/.test(box.textContent ?? '')) && inlineText.trim()) {
    // `<strong>Speaker</strong>: Ada` or `Speaker: <a>Ada</a>` inside one block.
    return {
      text: inlineText.replace(/^\s*[:：]/, ''),
      links: linksIn(after, base),
      el: box.parentElement ?? box,
    };
  }
  const next = box.nextElementSibling;
  if (!next || /^H[1-6]$/.test(next.tagName) || next.tagName === 'DT') return undefined;
  return { text: shownText(next), links: linksIn([next], base), el: next };
}

function push(out: LabelValue[], seen: Set<string>, pair: LabelValue): void {
  const key = `${pair.field}\u0000${pair.text}`;
  if (seen.has(key)) return;
  seen.add(key);
  out.push(pair);
}

function cleanValue(raw: string): string {
  const text = cleanText(raw, MAX_VALUE);
  return isPlaceholder(text) ? '' : text;
}

/**
 * The text of a small element, or undefined when it holds more than `max` characters or 200 nodes:
 * a wrapper around the whole page is never read in full for a label.
 */
function boundedText(el: Element, max: number): string | undefined {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* SHOW_TEXT */);
  let text = '';
  let nodes = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    text += n.nodeValue ?? '';
    if (text.length > max || ++nodes > 200) return undefined;
  }
  return text;
}

/** "Label: value" lines of a block (lines broken by `<br>` or new lines). */
function lines(block: Element): { text: string; nodes: Node[] }[] {
  const out: { text: string; nodes: Node[] }[] = [];
  let text = '';
  let nodes: Node[] = [];
  const flush = () => {
    if (text.trim()) out.push({ text, nodes });
    text = '';
    nodes = [];
  };
  for (const n of block.childNodes) {
    if (n.nodeType === 1 && (n as Element).tagName === 'BR') {
      flush();
      continue;
    }
    const t = n.textContent ?? '';
    const parts = n.nodeType === 3 ? t.split('\n') : [t];
    parts.forEach((part, i) => {
      if (i > 0) flush();
      text += part;
    });
    nodes.push(n);
    if (out.length > 40 || text.length > 4000) break;
  }
  flush();
  return out;
}

/** Blocks a bare text label can stand before. */
const VALUE_BLOCK = new Set(['UL', 'OL', 'P', 'DIV', 'DL', 'SPAN', 'A']);

/** A value block whose previous sibling is a text node that is only a label ending in a colon. */
function textLabelBefore(el: Element, base: string): LabelValue | undefined {
  let prev = el.previousSibling;
  while (prev && prev.nodeType === 3 && !(prev.nodeValue ?? '').trim()) prev = prev.previousSibling;
  if (prev?.nodeType !== 3) return undefined;
  const raw = (prev.nodeValue ?? '').trim();
  if (raw.length > MAX_LABEL + 10 || !/[:：]$/.test(raw)) return undefined;
  const label = raw.replace(/^(?:list of|our|the)\s+/i, '');
  const field = labelField(label);
  if (!field || el.closest(OFF_TOPIC) || el.closest(HIDDEN)) return undefined;
  const text = cleanValue(shownText(el));
  return { field, label: raw, text, links: linksIn([el], base), el };
}

const LINE = /^\s*([^:：\n]{2,40}?)\s*[:：]\s*(\S.*)$/s;

/** Every label/value pair in `root`, in document order, bounded. */
export function readLabelValues(
  root: Element,
  base: string,
  elements: PageElements = new PageElements(root),
): LabelValue[] {
  const out: LabelValue[] = [];
  const seen = new Set<string>();
  let candidates = 0;
  for (let i = 0, el = elements.at(0); el && out.length < MAX_PAIRS; el = elements.at(++i)) {
    // a bare "Speakers:" text before a list or block ("List of speakers: <ul><li><a>Ada</a>…")
    if (VALUE_BLOCK.has(el.tagName)) {
      const pair = textLabelBefore(el, base);
      if (pair) push(out, seen, pair);
    }
    if (!LABEL_TAG_SET.has(el.tagName)) continue;
    if (++candidates > MAX_CANDIDATES) break;
    // a wrapper around a larger subtree is never a label or a one-line value
    const only = el.childElementCount === 1 ? el.firstElementChild : null;
    const paragraph = el.tagName === 'P' || el.tagName === 'LI';
    if (el.childElementCount > (paragraph ? 12 : 2) || (only && only.childElementCount > 2)) continue;
    if (paragraph && el.childElementCount > 0) {
      // "Label: value" lines start with the label as text, or follow a <br>; a paragraph of prose does
      // not (and its inline label, `<strong>Speaker</strong>: Ada`, is read from the <strong>)
      const first = el.firstChild;
      const labelled = first?.nodeType === 3 && /^\s*[^:：\n]{2,40}[:：]/.test(first.nodeValue ?? '');
      if (!labelled && el.getElementsByTagName('br').length === 0) continue;
    }
    const raw = el.childElementCount === 0 ? (el.textContent ?? '') : boundedText(el, 600);
    if (raw === undefined || raw.length > 600) continue;
    // neither a short label nor a "Label: value" line: nothing to read (most of a page's text)
    if (raw.length > MAX_LABEL + 20 && !/[:：]/.test(raw)) continue;
    const text = cleanText(raw, 600);
    if (!text) continue;
    const field = text.length <= MAX_LABEL ? labelField(text) : undefined;
    // a link that says "slides" is a link, not a label
    if (field && (el.closest('a') || cleanText(el.querySelector('a')?.textContent, 60) === text)) continue;
    // a section holding a player or picture under its heading is not a label
    if (field && el.querySelector('iframe, video, img, object, embed, picture')) continue;
    if (field) {
      const box = labelBox(el, text);
      const value = valueFor(box, base);
      if (!value) continue;
      if (box.closest(OFF_TOPIC) || box.closest(HIDDEN)) continue; // off the talk, or hidden whole
      push(out, seen, { field, label: text, text: cleanValue(value.text), links: value.links, el: value.el });
      continue;
    }
    // A leaf block that is itself "Label: value" (no label element), one or more lines.
    if (el.childElementCount === 0 || el.tagName === 'P' || el.tagName === 'LI') {
      const colon = text.search(/[:：]/);
      if (colon < 0) continue;
      const multiline = /\n/.test(raw) || el.getElementsByTagName('br').length > 0;
      // one line only when it starts with a label Talkmarks knows ("Paragraph 3 of the write-up: …" is not one)
      if (!multiline && !(colon <= MAX_LABEL && labelField(text.slice(0, colon)))) continue;
      for (const line of multiline ? lines(el) : [{ text: raw, nodes: [...el.childNodes] }]) {
        const m = LINE.exec(line.text.replace(/\s+/g, ' '));
        const f = m?.[1] ? labelField(m[1]) : undefined;
        if (!f || !m?.[2]) continue;
        if (el.closest(OFF_TOPIC) || el.closest(HIDDEN)) break;
        push(out, seen, {
          field: f,
          label: m[1] ?? '',
          text: cleanValue(m[2]),
          links: linksIn(line.nodes, base),
          el,
        });
      }
    }
  }
  return out;
}
