/**
 * The links the current slide shows (issue 16, item 4: "links a deck's current slide shows"), read
 * once for every adapter that knows the slide's element (common.ts, slideRef): absolute (resolved
 * against the page's base URL), http(s) only (no `javascript:`, `mailto:`, `data:`…), tracking
 * parameters removed, each address once (first seen first; the first text that says something is
 * kept), speaker notes left out, at most {@link MAX_SLIDE_LINKS}.
 *
 * The tracking parameters are the same list as storage/links.ts (capture/ cannot import storage/;
 * a unit test checks the two agree).
 */
import { cleanText } from '../text';

/** At most this many links per slide. */
export const MAX_SLIDE_LINKS = 20;
/** Anchors looked at per slide (a slide holding thousands is read only this far). */
const MAX_ANCHORS = 500;
/** A link's text is kept to this many characters. */
const MAX_TEXT = 200;

const TRACKING =
  /^(?:utm_[a-z0-9_]*|_ga|_gl|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id|igshid|si|mc_[a-z0-9_]*|_hsenc|_hsmi|mkt_tok|vero_[a-z_]*|oly_[a-z_]*|ck_subscriber_id|ref|ref_src|ref_url|referrer)$/i;

/** True for a query parameter name a slide link loses. */
export function isSlideTrackingParam(name: string): boolean {
  return TRACKING.test(name);
}

export interface SlideLink {
  url: string;
  /** What the slide shows for it, when that is more than the address itself. */
  text?: string;
}

/** `href` as a slide link: absolute, http(s), no tracking parameters; undefined for anything else. */
export function slideLinkUrl(href: string, base: string): string | undefined {
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return undefined;
  const drop: string[] = [];
  // forEach: in Firefox's content-script world URLSearchParams iterators are not iterable.
  u.searchParams.forEach((_v, key) => {
    if (TRACKING.test(key)) drop.push(key);
  });
  for (const key of drop) u.searchParams.delete(key);
  if (drop.length && !u.searchParams.toString()) u.search = '';
  return u.toString();
}

/** The text a link shows: its words, else an image's alt text or the link's title. */
function textOf(a: Element): string {
  const words = cleanText(a.textContent ?? '', MAX_TEXT);
  if (words) return words;
  const img = a.querySelector('img[alt]');
  return cleanText(img?.getAttribute('alt') ?? a.getAttribute('title') ?? '', MAX_TEXT);
}

/** The key two addresses are the same link by: without a trailing slash on the path. */
function keyOf(url: string): string {
  return url.replace(/^([^?#]*?[^/?#])\/+(?=[?#]|$)/, '$1');
}

/**
 * The links `el` (the current slide) shows, as {@link SlideLink}s; `base` is what relative ones are
 * resolved against (the document's base URL).
 */
export function slideLinks(el: Element | null | undefined, base: string): SlideLink[] {
  if (!el) return [];
  const out: SlideLink[] = [];
  const byKey = new Map<string, SlideLink>();
  const anchors = el.querySelectorAll('a[href], area[href]');
  for (let i = 0; i < Math.min(anchors.length, MAX_ANCHORS); i++) {
    const a = anchors[i] as Element;
    // Speaker notes are not on the slide (slideText leaves them out too).
    if (a.closest('aside') && el.contains(a.closest('aside'))) continue;
    const url = slideLinkUrl(a.getAttribute('href') ?? '', base);
    if (!url) continue;
    const raw = textOf(a);
    const text = raw && raw !== url && raw !== url.replace(/^https?:\/\//, '') ? raw : undefined;
    const key = keyOf(url);
    const seen = byKey.get(key);
    if (seen) {
      if (!seen.text && text) seen.text = text;
      continue;
    }
    if (out.length >= MAX_SLIDE_LINKS) continue;
    const link: SlideLink = text ? { url, text } : { url };
    byKey.set(key, link);
    out.push(link);
  }
  return out;
}
