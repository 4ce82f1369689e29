/**
 * Open Graph (and Twitter card) metadata. Pages write it as `<meta property="og:…">` or, like Papers
 * We Love, `<meta name="og:…">`: both forms are read; the first value of a key wins.
 */
import { cleanText } from '../text';

export type OpenGraph = Record<string, string>;

const PREFIXES = /^(?:og|article|video|twitter|profile|book|music):/i;

/** Every `og:*`, `article:*`, `video:*`, `twitter:*` key with its first non-empty value. */
export function readOpenGraph(doc: Document): OpenGraph {
  const out: OpenGraph = {};
  // the tag collection, not `meta[content]`: a selector pass visits the whole 2 MB page, the collection
  // costs microseconds (capture/tags.ts); an element without `content` is skipped as the selector would
  for (const meta of doc.getElementsByTagName('meta')) {
    if (!meta.hasAttribute('content')) continue;
    const key = (meta.getAttribute('property') || meta.getAttribute('name') || '').trim().toLowerCase();
    if (!PREFIXES.test(key) || key in out) continue;
    const value = cleanText(meta.getAttribute('content'), 5000);
    if (value) out[key] = value;
  }
  return out;
}

/** All values of one key (`og:video:tag`, `article:tag`, `article:author`). */
export function openGraphAll(doc: Document, key: string): string[] {
  const out: string[] = [];
  for (const meta of doc.querySelectorAll('meta[content]')) {
    const k = (meta.getAttribute('property') || meta.getAttribute('name') || '').trim().toLowerCase();
    if (k !== key) continue;
    const value = cleanText(meta.getAttribute('content'), 500);
    if (value) out.push(value);
  }
  return out;
}
