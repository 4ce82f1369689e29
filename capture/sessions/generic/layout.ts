/**
 * The parts of a talk page the generic reader finds before it reads any field: the main content,
 * the title heading, the text right under it (bylines, dates, "talk at …" sentences), the abstract,
 * and whether the page's labels make it a listing of several talks rather than one talk's page.
 */
import { byTags, firstByTag } from '../../tags';
import { cleanText } from '../../text';
import { blockText } from '../common';
import type { LabelValue } from './label-values';
import type { LabelField } from './labels';
import type { PageElements } from './page-elements';

export const CHROME = 'nav, footer, aside, header nav, [role="navigation"], [role="contentinfo"]';
/** Labels repeated with different values on one page: a listing, not one talk. */
const LISTING_REPEATS = 3;

export function firstLabel(labels: readonly LabelValue[], field: LabelField): LabelValue | undefined {
  return labels.find((l) => l.field === field && l.text);
}

export function isListing(labels: readonly LabelValue[]): boolean {
  const speakerValues = new Set(labels.filter((l) => l.field === 'speakers' && l.text).map((l) => l.text));
  const titles = new Set(labels.filter((l) => l.field === 'title' && l.text).map((l) => l.text));
  return speakerValues.size > LISTING_REPEATS || titles.size > LISTING_REPEATS;
}

export function mainOf(doc: Document, elements: PageElements): Element | null {
  return (
    doc.getElementsByTagName('main')[0] ??
    elements.select('[role="main" i]').find((el) => el.getAttribute('role') === 'main') ??
    doc.getElementsByTagName('article')[0] ??
    doc.body
  );
}

export function titleHeading(doc: Document, main: Element | null): Element | null {
  const inMain = main ? firstByTag(main, 'h1') : null;
  if (inMain && !inMain.closest(CHROME)) return inMain;
  for (const h of byTags(doc, ['h1'], 10)) if (!h.closest(CHROME)) return h;
  return null;
}

/** The text of the page right after its title heading, for bylines, dates and "talk at …" sentences. */
export function leadText(main: Element | null, heading: Element | null, max = 1500): string {
  let root = heading?.parentElement?.parentElement ?? main;
  const h = heading ? cleanText(heading.textContent, 500) : '';
  // a title in its own header block: the lead is in the block after it, so climb (at most to `main`)
  for (let depth = 0; root; depth++) {
    const text = spacedText(root, 20_000)
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .trim();
    const at = h ? text.indexOf(h) : -1;
    const from = at >= 0 ? at + h.length : 0;
    const lead = text.slice(from, from + max);
    const parent: Element | null = root.parentElement;
    if (lead.length >= 300 || depth >= 3 || !heading || root === main || !parent || parent.tagName === 'HTML')
      return lead;
    root = parent;
  }
  return '';
}

const BLOCK = new Set([
  'P',
  'DIV',
  'LI',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'TD',
  'TH',
  'DT',
  'DD',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'BLOCKQUOTE',
  'PRE',
]);

/** Elements whose text the page does not show (the tags of `script, style, template, noscript`). */
const UNSHOWN = new Set(['script', 'style', 'template', 'noscript']);

/** Text of `root` with a space wherever one element's text ends and another's begins ("Pisa</p><p>Henk"). */
export function spacedText(root: Element, max: number): string {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* SHOW_TEXT */);
  let out = '';
  let parent: Node | null = null;
  // `closest('script, style, template, noscript')` of each text's parent, answered from its own parent's
  // answer: each element's tag is looked at once, not its whole ancestry for each text
  const hidden = new Map<Node, boolean>();
  const inHidden = (node: Node | null): boolean => {
    if (node?.nodeType !== 1) return false;
    let answer = hidden.get(node);
    if (answer === undefined) {
      answer = UNSHOWN.has((node as Element).localName) || inHidden(node.parentNode);
      hidden.set(node, answer);
    }
    return answer;
  };
  for (let n = walker.nextNode(); n && out.length < max; n = walker.nextNode()) {
    const p = n.parentNode;
    if (inHidden(p)) continue;
    // a new block starts a new line, so "Pisa</p><p>Henk Bruin" is not one name
    const block = p && p !== parent && BLOCK.has((p as Element).tagName ?? '');
    out += p === parent ? (n.nodeValue ?? '') : `${block ? '\n' : ' '}${n.nodeValue ?? ''}`;
    parent = p;
  }
  return out;
}

const ABSTRACT_HEADING =
  /^(?:abstract|summary|description|about (?:the|this) talk|zusammenfassung|beschreibung|résumé|resume|description|resumen|descripción|sommario|riassunto)\s*:?$/i;

/**
 * The talk's abstract: an "Abstract:" label, the paragraphs under an "Abstract" heading (`headings`:
 * the main content's h2–h5, in page order), else the page's description when it names the talk (a
 * site-wide description is not the talk's).
 */
export function abstractOf(
  headings: () => readonly Element[],
  labels: readonly LabelValue[],
  description: string | undefined,
  title: string,
): string | undefined {
  const label = labels.find((l) => l.field === 'abstract' && l.text.length > 20);
  if (label) return label.text;
  for (const h of headings().slice(0, 20)) {
    if (!ABSTRACT_HEADING.test(cleanText(h.textContent, 60)) || h.closest(CHROME)) continue;
    const parts: string[] = [];
    for (let sib = h.nextElementSibling; sib && parts.length < 20; sib = sib.nextElementSibling) {
      if (/^H[1-5]$/.test(sib.tagName)) break;
      parts.push(blockText(sib));
    }
    const text = parts.filter(Boolean).join('\n\n');
    if (text) return text;
  }
  if (description && title && description.includes(title.slice(0, 30))) return description;
  return undefined;
}

export const TALK_HEADING =
  /^(?:talk|vortrag|charla|conférence|keynote|session|workshop|ponencia)\s*[-–—:]\s*(.{3,300})$/i;

// The collator is made only for text beyond printable ASCII: making one loads the locale's collation
// data, which was the largest single cost of a first capture (7 ms of a trivial page's 31).
let collator: Intl.Collator | undefined;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Equal up to case (accents count): "Keynote" and "KEYNOTE", not "resume" and "résumé". */
export function same(a: string, b: string): boolean {
  // Printable ASCII letters differ in base letter or case only, and nothing in it is ignorable, so
  // there a case-blind comparison is the collator's answer.
  if (PRINTABLE_ASCII.test(a) && PRINTABLE_ASCII.test(b)) return a.toLowerCase() === b.toLowerCase();
  collator ??= new Intl.Collator(undefined, { sensitivity: 'accent' });
  return collator.compare(a, b) === 0;
}
