/**
 * The capture pipeline: page → `PageCapture`. Adapters run in registry order; the first specific
 * match wins and the generic page adapter fills whatever is left. No adapter error ever reaches
 * the page: a failing adapter is skipped.
 */
import { pageAdapter } from './metadata/page';
import { ADAPTERS } from './registry';
import { cleanText } from './text';
import type { CaptureAdapter, PageCapture } from './types';
import { canonicalUrl, cleanUrl } from './url';

function tryAdapter(adapter: CaptureAdapter, doc: Document, url: URL): Partial<PageCapture> | null {
  try {
    return adapter.matches(url, doc) ? adapter.capture(doc, url) : null;
  } catch {
    return null;
  }
}

/** What the page shows now. Never throws. */
export function capturePage(
  doc: Document,
  href: string,
  adapters: readonly CaptureAdapter[] = ADAPTERS,
): PageCapture {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { url: href, title: '', kind: 'page', platform: 'page' };
  }
  let base: PageCapture;
  try {
    base = { url: canonicalUrl(doc, url), title: cleanText(doc.title, 500), kind: 'page', platform: 'page' };
  } catch {
    base = { url: cleanUrl(href), title: '', kind: 'page', platform: 'page' };
  }
  for (const adapter of adapters) {
    const found = tryAdapter(adapter, doc, url);
    if (found) return { ...base, ...withoutEmpty(found) };
  }
  return { ...base, ...withoutEmpty(tryAdapter(pageAdapter, doc, url) ?? {}) };
}

function withoutEmpty(part: Partial<PageCapture>): Partial<PageCapture> {
  const out: Partial<PageCapture> = {};
  for (const [key, value] of Object.entries(part)) {
    if (value !== undefined && value !== '') Object.assign(out, { [key]: value });
  }
  return out;
}
