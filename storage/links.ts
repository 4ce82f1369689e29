/**
 * "Links mentioned" (issue 16, item 4): the web links a talk's notes carry, and the links its slides
 * show, collected per talk — tracking parameters removed, relative slide links resolved against the
 * deck's address, each link once (first seen first), with a title where one is known. Pure: no
 * database, no browser APIs; the talk card and the recap model call it with what they have.
 */

/**
 * Query parameters that track a visit rather than name a page, removed from every collected link.
 * No maintained list is installed in this project, so this one is kept by hand from the common
 * campaign and click-id parameters:
 * - `utm_*` (Google Analytics campaigns), `_ga`, `_gl` (Google cross-domain ids);
 * - click ids: `fbclid` (Facebook), `gclid`, `gclsrc`, `dclid`, `gbraid`, `wbraid` (Google Ads),
 *   `msclkid` (Microsoft), `yclid` (Yandex), `twclid` (X), `ttclid` (TikTok), `li_fat_id` (LinkedIn),
 *   `igshid` (Instagram), `si` (YouTube and Spotify share ids);
 * - mail campaigns: `mc_*` (Mailchimp), `_hsenc`, `_hsmi` (HubSpot), `mkt_tok` (Marketo), `vero_*`,
 *   `oly_*` (Omeda), `ck_subscriber_id` (ConvertKit);
 * - referrers: `ref`, `ref_src`, `ref_url`, `referrer` (`source` stays: too often part of an address).
 */
const TRACKING =
  /^(?:utm_[a-z0-9_]*|_ga|_gl|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id|igshid|si|mc_[a-z0-9_]*|_hsenc|_hsmi|mkt_tok|vero_[a-z_]*|oly_[a-z_]*|ck_subscriber_id|ref|ref_src|ref_url|referrer)$/i;

/** True for a query parameter name {@link cleanLink} removes. */
export function isTrackingParam(name: string): boolean {
  return TRACKING.test(name);
}

/**
 * A link as it is kept: absolute (a relative one resolved against `base`), http(s) only, without
 * tracking parameters (an emptied query goes entirely). The fragment stays: on a deck it names the
 * slide. Undefined for anything that is not an http(s) link.
 */
export function cleanLink(href: string, base?: string): string | undefined {
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (!u.hostname) return undefined;
  const drop: string[] = [];
  // forEach: in Firefox's content-script world URLSearchParams iterators are not iterable.
  u.searchParams.forEach((_v, key) => {
    if (isTrackingParam(key)) drop.push(key);
  });
  for (const key of drop) u.searchParams.delete(key);
  if (drop.length && !u.searchParams.toString()) u.search = '';
  return u.toString();
}

/** The key two links are the same by: the clean link without a trailing slash on its path. */
export function linkKey(clean: string): string {
  try {
    const u = new URL(clean);
    if (u.pathname.length > 1) u.pathname = u.pathname.replace(/\/+$/, '');
    return u.toString();
  } catch {
    return clean;
  }
}

/** Characters that end a bare URL typed in prose when they come last: sentence punctuation. */
const TRAILING = /[.,;:!?'"’”»]+$/;

/** Drops a closing bracket the URL did not open: "(see https://a.example/x)" → "https://a.example/x". */
function balance(url: string): string {
  let out = url;
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ] as const) {
    while (out.endsWith(close) && out.split(open).length < out.split(close).length) out = out.slice(0, -1);
  }
  return out;
}

export interface FoundLink {
  href: string;
  /** The text a Markdown link gave it (`[this](…)`), when it is more than the address again. */
  label?: string;
}

/**
 * The web links in a note's text, in order: Markdown links `[label](url)`, autolinks `<url>` and
 * bare `http(s)://…` addresses (sentence punctuation and an unopened bracket after one are not
 * part of it).
 */
export function linksInText(text: string): FoundLink[] {
  const found: { at: number; link: FoundLink }[] = [];
  const taken: [number, number][] = [];
  const md = /\[([^\]\n]{0,500})\]\(\s*<?(https?:\/\/[^\s>)]+)>?(?:\s+"[^"]*")?\s*\)/gi;
  for (let m = md.exec(text); m; m = md.exec(text)) {
    const label = m[1]!.trim();
    const href = m[2]!;
    found.push({ at: m.index, link: label && label !== href ? { href, label } : { href } });
    taken.push([m.index, m.index + m[0].length]);
  }
  const bare = /<?(https?:\/\/[^\s<>"`]+)/gi;
  for (let m = bare.exec(text); m; m = bare.exec(text)) {
    const at = m.index;
    if (taken.some(([a, b]) => at >= a && at < b)) continue;
    let href = m[1]!;
    if (m[0].startsWith('<')) href = href.replace(/>.*$/, '');
    href = balance(href.replace(TRAILING, ''));
    href = balance(href.replace(TRAILING, ''));
    found.push({ at, link: { href } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.link);
}

export interface MentionedLink {
  /** Absolute http(s), tracking parameters removed. */
  url: string;
  /** A title where one is known (the Markdown link's text, the page's title when a note was written there). */
  title?: string;
  /** Where it was first seen. */
  from: 'note' | 'slide';
}

/** A link as capture records it on a slide (capture/types.ts, SlideRef.links). */
export interface SlideLinkLike {
  url: string;
  text?: string;
}

export interface LinkSources {
  /** The talk's notes, oldest first (the caller leaves out what must not be listed, e.g. private notes in a recap). */
  notes: readonly { body: string; url?: string; pageTitle?: string }[];
  /**
   * Links the deck's slides show, as the page wrote them (relative ones allowed) or as capture
   * recorded them (`{ url, text }`: the text is the link's title), with the deck's address.
   */
  slides?: readonly { links: readonly (string | SlideLinkLike)[]; deckUrl: string }[];
  /** Titles known for pages (any address form: matched clean), e.g. the library's talks and decks. */
  titles?: ReadonlyMap<string, string> | readonly (readonly [string, string])[];
  /** Addresses not to list (the talk's own page, slides and video are shown on their own). */
  exclude?: readonly (string | undefined)[];
}

/**
 * The slide links a talk's notes recorded (each note keeps what its slide showed when it was
 * written: storage/file-note.ts), as {@link LinkSources.slides}; trashed notes left out.
 */
export function slideLinkSources(
  notes: readonly {
    url: string;
    deletedAt?: number;
    anchor?: { slide?: { links?: readonly SlideLinkLike[] } };
  }[],
): { links: readonly SlideLinkLike[]; deckUrl: string }[] {
  return notes.flatMap((n) => {
    const links = n.anchor?.slide?.links;
    return !n.deletedAt && links?.length ? [{ links, deckUrl: n.url }] : [];
  });
}

/** The links a talk mentioned: each once, first seen first, tracking parameters removed. */
export function collectLinks(sources: LinkSources): MentionedLink[] {
  const titles = new Map<string, string>();
  const addTitle = (url: string | undefined, title: string | undefined) => {
    const clean = url && cleanLink(url);
    const t = title?.trim();
    if (clean && t && !titles.has(linkKey(clean))) titles.set(linkKey(clean), t);
  };
  for (const [url, title] of sources.titles ?? []) addTitle(url, title);
  for (const n of sources.notes) addTitle(n.url, n.pageTitle);
  const excluded = new Set(
    (sources.exclude ?? []).flatMap((u) => {
      const clean = u && cleanLink(u);
      return clean ? [linkKey(clean)] : [];
    }),
  );
  const out = new Map<string, MentionedLink>();
  const add = (href: string, from: MentionedLink['from'], base?: string, label?: string) => {
    const url = cleanLink(href, base);
    if (!url) return;
    const key = linkKey(url);
    if (excluded.has(key)) return;
    const seen = out.get(key);
    if (seen) {
      if (!seen.title && label) seen.title = label;
      return;
    }
    const title = label || titles.get(key);
    out.set(key, title ? { url, title, from } : { url, from });
  };
  for (const n of sources.notes) for (const l of linksInText(n.body)) add(l.href, 'note', undefined, l.label);
  for (const s of sources.slides ?? []) {
    for (const l of s.links) {
      if (typeof l === 'string') add(l, 'slide', s.deckUrl);
      else add(l.url, 'slide', s.deckUrl, l.text?.trim() || undefined);
    }
  }
  return [...out.values()];
}
