/** URL helpers shared by adapters. Pure: no browser APIs. */

const TRACKING =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|ref_src|si)$/i;

/** Drops tracking parameters and the fragment: what identifies the page rather than the visit. */
export function cleanUrl(href: string): string {
  try {
    return cleanParsed(new URL(href));
  } catch {
    return href;
  }
}

/** `cleanUrl` of a URL already parsed (changes it): one parse where a caller resolved it already. */
export function cleanParsed(u: URL): string {
  // Only a query can carry tracking parameters (and reading searchParams costs a parse of it).
  if (u.search) {
    // forEach, not [...keys()]: in Firefox's content-script world URLSearchParams iterators are not iterable.
    const tracking: string[] = [];
    u.searchParams.forEach((_value, key) => {
      if (TRACKING.test(key)) tracking.push(key);
    });
    for (const key of tracking) u.searchParams.delete(key);
  }
  u.hash = '';
  return u.toString();
}

/** Only http(s) URLs are ever linked from extension pages; anything else becomes undefined. */
export function safeHttpUrl(raw: string | null | undefined, base?: string): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

const YOUTUBE_HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com)$/i;

/**
 * The video id a YouTube URL points at, for every shape: `watch?v=`, `youtu.be/ID`, `/embed/`,
 * `/live/`, `/shorts/`, `/v/`, on youtube.com (any subdomain) or youtube-nocookie.com.
 */
export function youtubeId(url: URL): string | undefined {
  let id: string | null | undefined;
  if (/(^|\.)youtu\.be$/i.test(url.hostname)) id = url.pathname.split('/')[1];
  else if (YOUTUBE_HOSTS.test(url.hostname)) {
    if (/^\/watch\/?$/.test(url.pathname)) id = url.searchParams.get('v');
    else id = /^\/(?:live|embed|shorts|v)\/([^/?#]+)/.exec(url.pathname)?.[1];
  }
  return id && /^[\w-]{6,20}$/.test(id) ? id : undefined;
}
