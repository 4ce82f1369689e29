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
  let seen = 0;
  for (const a of doc.querySelectorAll('a[href], link[rel~="related" i][href]')) {
    if (++seen > 3000) break;
    const href = safeHttpUrl(a.getAttribute('href'), base);
    if (href && isSessionUrl(href) && cleanUrl(href) !== cleanUrl(base)) return cleanUrl(href);
  }
  return undefined;
}
