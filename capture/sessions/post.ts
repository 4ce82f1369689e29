/**
 * Steps the pipeline runs after the adapters: the page's own talk takes the page's canonical URL (so
 * records deduplicate), a deck that links its session page says so (`sessionUrl`), and, where a
 * fetch is allowed, the adapter that read the page may fill in from the page's JSON alternate.
 */
import type { CaptureAdapter, FetchJson, PageCapture } from '../types';
import { cleanUrl } from '../url';
import { findSessionLink } from './links';
import { mergeTalk } from './pretalx-api';

const same = (a: string, b: string) => cleanUrl(a).replace(/\/$/, '') === cleanUrl(b).replace(/\/$/, '');

/** Canonical talk URL and the deck → session link. Never throws. */
export function afterCapture(capture: PageCapture, doc: Document, url: URL): PageCapture {
  try {
    let out = capture;
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
