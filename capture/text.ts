/** Text helpers: everything a page supplies is reduced to bounded plain text. */

/** Collapses white space and caps length; never returns markup, only characters. */
export function cleanText(raw: string | null | undefined, max = 500): string {
  if (!raw) return '';
  const text = raw.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Text content of the first element matching `selector`, cleaned. */
export function textOf(root: ParentNode, selector: string, max = 500): string {
  const el = root.querySelector(selector);
  return cleanText(el?.textContent, max);
}

/** Content of a `<meta>` by `property=` or `name=` (Open Graph pages use both). */
export function metaContent(doc: Document, key: string, max = 1000): string {
  const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  return cleanText(el?.getAttribute('content'), max);
}
