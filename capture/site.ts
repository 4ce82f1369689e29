/**
 * Which site a URL belongs to, and whether two URLs share one: "a page describes only itself"
 * (DESIGN.md §4). A site is a registrable domain under the Public Suffix List, private suffixes
 * included (`alice.github.io` and `bob.github.io` are two sites, as `a.co.uk` and `b.co.uk` are), read
 * with tldts rather than by string suffixes. Hosts without one (IP addresses, `localhost`, a bare
 * suffix such as `github.io`) are their own site. Scheme and port do not count: `http://fosdem.org`
 * and `https://video.fosdem.org:8443` are one site. Only http(s) URLs have a site.
 *
 * Kept apart from url.ts (which extension pages import for links): the suffix list is large, and
 * only capture and the talks repository need it.
 */
// tldts' own minified build: bundled from its ES sources, the suffix table came out twice (the
// capture script grew by 265 KB instead of 130 KB).
import { parse } from 'tldts/dist/index.esm.min.js';
import { firstMatch } from './tags';
import { cleanUrl, safeHttpUrl } from './url';

/**
 * Hosts one platform serves the same content from, under another registrable domain. Adapters build
 * these URLs themselves from the page's address (a YouTube embed's watch URL), never from page text.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'youtube-nocookie.com': 'youtube.com',
  'youtu.be': 'youtube.com',
};

/** The site of an http(s) URL (its registrable domain, else its host); undefined for anything else. */
export function siteOf(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  let host: string;
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    host = url.hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
  if (!host) return undefined;
  if (host.startsWith('[')) return host; // IPv6: the address is the site
  let site = sites.get(host);
  if (site === undefined) {
    const parsed = parse(host, { allowPrivateDomains: true, extractHostname: false });
    const domain = parsed.isIp || !parsed.domain ? host : parsed.domain;
    site = ALIASES[domain] ?? domain;
    if (sites.size >= 1_000) sites.clear();
    sites.set(host, site);
  }
  return site;
}

/** Sites by host: a schedule's talks, speakers and links mostly share a few hosts. */
const sites = new Map<string, string>();

/** Whether both URLs are http(s) and on one site. */
export function sameSite(a: string | null | undefined, b: string | null | undefined): boolean {
  const site = siteOf(a);
  return site !== undefined && site === siteOf(b);
}

/**
 * The page's canonical URL: `rel=canonical` when it is http(s) on the page's own site, else the
 * cleaned location. A page names itself, never another site's page (DESIGN.md §4): a canonical link
 * to another site is ignored.
 */
export function canonicalUrl(doc: Document, location: URL): string {
  const link = firstMatch(doc, 'link', 'link[rel~="canonical" i][href]')?.getAttribute('href');
  const canonical = safeHttpUrl(link, location.href);
  return cleanUrl(canonical && sameSite(canonical, location.href) ? canonical : location.href);
}
