/**
 * Links from a page (a slide deck) to the session page of its talk: the URL shapes of the session
 * platforms Talkmarks reads. The first such link on the page wins.
 */
import { cleanUrl, safeHttpUrl } from '../url';

const SESSION_PATHS = [
  /\/talk\/[A-Za-z0-9]{4,}\/?$/, // pretalx
  /\/schedule\/event\/[^/]+\/?$/, // FOSDEM
  /\/event\/\d+\/contributions\/\d+\/?$/, // Indico
];
const SCHED = /(^|\.)sched\.com$/i;

/** Whether `href` looks like a session page of a known platform. */
export function isSessionUrl(href: string): boolean {
  try {
    const u = new URL(href);
    if (SCHED.test(u.hostname) && /^\/event\/[^/]+/.test(u.pathname)) return true;
    return SESSION_PATHS.some((re) => re.test(u.pathname));
  } catch {
    return false;
  }
}

/** The session page this page links to, if any (checks at most 3,000 links). */
export function findSessionLink(doc: Document, base: string): string | undefined {
  const related = doc.head?.querySelectorAll('link[rel~="related" i][href]') ?? [];
  // A live collection walked lazily: a deck of 10,000 slides is not listed in full for its first links.
  const anchors = doc.getElementsByTagName('a');
  const limit = Math.min(anchors.length, 3000);
  const candidates: Element[] = [...related];
  for (let i = 0; i < limit; i++) {
    const a = anchors[i];
    if (a) candidates.push(a);
  }
  const page = cleanUrl(base);
  for (const el of candidates) {
    const href = safeHttpUrl(el.getAttribute('href'), base);
    if (href && isSessionUrl(href) && cleanUrl(href) !== page) return cleanUrl(href);
  }
  return undefined;
}
