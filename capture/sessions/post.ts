/**
 * Steps the pipeline runs after the adapters: the page describes only itself (URLs naming the page or
 * its talk on another site are not taken as its identity), the page's own talk takes the page's
 * canonical URL (so records deduplicate), a deck that links its session page says so (`sessionUrl`),
 * and, where a fetch is allowed, the adapter that read the page may fill in from the page's JSON
 * alternate.
 */
import { siteOf } from '../site';
import type { CaptureAdapter, FetchJson, PageCapture, TalkRef } from '../types';
import { cleanUrl } from '../url';
import { isSlidesLink, isVideoLink } from './common';
import { findSessionLink } from './links';
import { mergeTalk } from './pretalx-api';

const same = (a: string, b: string) => cleanUrl(a).replace(/\/$/, '') === cleanUrl(b).replace(/\/$/, '');

/** Talkmarks' own pages (the PDF viewer) show what their address names; no content script runs there. */
const OWN_PAGE = /^(chrome|moz)-extension:$/;

/**
 * A page describes only itself (DESIGN.md §4): the capture's URL and its talk's URL count only on the
 * page's own site (capture/site.ts). A foreign capture URL gives way to the page's address; a foreign
 * talk URL is dropped (the talk is then the page's own), kept only as the talk's video or slides link
 * where it is one and that link is free; talks a schedule lists keep only own-site URLs. The other
 * links (slides, video, speakers, the event's site) stay: they are links, not the page's identity.
 */
export function ownSiteOnly(capture: PageCapture, pageUrl: string): PageCapture {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return capture;
  }
  if (OWN_PAGE.test(page.protocol)) return capture;
  // sameSite(href, page), the page's site worked out once (a schedule asks it for every talk).
  const pageSite = siteOf(page.href);
  const own = (href: string | undefined) => {
    if (href === undefined) return false;
    const site = siteOf(href);
    return site !== undefined && site === pageSite;
  };
  let out = capture;
  if (!own(out.url)) out = { ...out, url: siteOf(page.href) ? cleanUrl(page.href) : out.url };
  if (out.talk?.url && !own(out.talk.url)) out = { ...out, talk: foreignUrlAsLink(out.talk) };
  if (out.schedule?.some((t) => t.url && !own(t.url))) {
    out = { ...out, schedule: out.schedule.map((t) => (t.url && !own(t.url) ? withoutUrl(t) : t)) };
  }
  return out;
}

function withoutUrl(talk: TalkRef): TalkRef {
  const { url: _dropped, ...rest } = talk;
  return rest;
}

function foreignUrlAsLink(talk: TalkRef): TalkRef {
  const out = withoutUrl(talk);
  const url = talk.url as string;
  if (!out.videoUrl && isVideoLink(url)) out.videoUrl = url;
  else if (!out.slidesUrl && isSlidesLink(url)) out.slidesUrl = url;
  return out;
}

/** The page's own identity, its canonical talk URL and the deck → session link. Never throws. */
export function afterCapture(capture: PageCapture, doc: Document, url: URL): PageCapture {
  try {
    let out = ownSiteOnly(capture, url.href);
    if (out.talk?.url && (same(out.talk.url, url.href) || same(out.talk.url, out.url))) {
      out = { ...out, talk: { ...out.talk, url: out.url } };
    }
    if (out.kind === 'slides' && !out.talk && !out.sessionUrl) {
      const sessionUrl = findSessionLink(doc, url.href);
      if (sessionUrl) out = { ...out, sessionUrl };
    }
    return out;
  } catch {
    return capture;
  }
}

/** Runs the `enrich` step of the adapter that produced the capture. Never rejects. */
export async function enrichCapture(
  capture: PageCapture,
  doc: Document,
  adapters: readonly CaptureAdapter[],
  fetchJson: FetchJson,
): Promise<PageCapture> {
  const adapter = adapters.find((a) => a.id === capture.platform);
  if (!adapter?.enrich) return capture;
  try {
    const enriched = await adapter.enrich(capture, doc, fetchJson);
    return afterCapture(enriched, doc, new URL(capture.url));
  } catch {
    return capture;
  }
}

/** A same-origin JSON fetch with a time limit, for content scripts. */
export function sameOriginJson(origin: string, timeoutMs = 3000): FetchJson {
  const cache = new Map<string, Promise<unknown>>();
  return (href: string) => {
    const target = new URL(href, origin);
    if (target.origin !== origin) return Promise.reject(new Error('cross-origin'));
    let pending = cache.get(target.href);
    if (!pending) {
      pending = fetch(target.href, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      }).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json() as Promise<unknown>;
      });
      pending.catch(() => cache.delete(target.href));
      cache.set(target.href, pending);
    }
    return pending;
  };
}

/**
 * Keeps captures enriched without making capture itself async: the first capture of a URL starts
 * the adapter's `enrich` step once; when it lands, `onChange` runs and later captures of that URL get
 * the extra talk fields (page values still win).
 */
export function createEnricher(
  doc: Document,
  adapters: readonly CaptureAdapter[],
  fetchJson: FetchJson,
  onChange: () => void,
): (capture: PageCapture) => PageCapture {
  const done = new Map<string, PageCapture>();
  const started = new Set<string>();
  return (capture) => {
    const hit = done.get(capture.url);
    if (hit)
      return hit.talk && capture.talk ? { ...capture, talk: mergeTalk(capture.talk, hit.talk) } : capture;
    const adapter = adapters.find((a) => a.id === capture.platform);
    if (adapter?.enrich && !started.has(capture.url) && started.size < 50) {
      started.add(capture.url);
      void enrichCapture(capture, doc, adapters, fetchJson).then((enriched) => {
        if (enriched === capture) return;
        done.set(capture.url, enriched);
        onChange();
      });
    }
    return capture;
  };
}
