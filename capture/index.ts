/**
 * The capture pipeline: page → `PageCapture`. Adapters run in registry order; the first specific
 * match wins and the generic page adapter fills whatever is left. No adapter error ever reaches
 * the page: a failing adapter is skipped.
 */
import { pageAdapter } from './metadata/page';
import { ADAPTERS } from './registry';
import { afterCapture } from './sessions/post';
import { canonicalUrl } from './site';
import { cleanText } from './text';
import type { CaptureAdapter, GotoTarget, PageCapture } from './types';
import { cleanUrl } from './url';
import { VIDEO_ADAPTERS } from './video';

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
  let result: PageCapture | undefined;
  for (const adapter of adapters) {
    const found = tryAdapter(adapter, doc, url);
    if (found) {
      result = { ...base, ...withoutEmpty(found) };
      break;
    }
  }
  result ??= { ...base, ...withoutEmpty(tryAdapter(pageAdapter, doc, url) ?? {}) };
  return adapters === ADAPTERS ? afterCapture(withVideo(result, doc, url), doc, url) : result;
}

/** Adds the video position (YouTube, Vimeo) to whatever the page adapters found about the talk. */
function withVideo(capture: PageCapture, doc: Document, url: URL): PageCapture {
  for (const adapter of VIDEO_ADAPTERS) {
    const found = tryAdapter(adapter, doc, url);
    if (!found) continue;
    const merged: PageCapture = { ...capture, kind: capture.kind === 'slides' ? 'slides' : 'video' };
    if (capture.platform === 'page' || capture.platform === 'opengraph' || capture.platform === 'jsonld')
      merged.platform = found.platform ?? capture.platform;
    if (found.url) merged.url = found.url;
    if (found.video) merged.video = found.video;
    if (found.slideRect && !capture.slideRect) merged.slideRect = found.slideRect;
    return merged;
  }
  return capture;
}

/**
 * Brings the page back to where a note was taken: the first adapter that matches the page and can
 * navigate does it. Never throws; false when no adapter could.
 */
export function gotoTarget(doc: Document, href: string, target: GotoTarget): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  for (const adapter of [...VIDEO_ADAPTERS, ...ADAPTERS]) {
    try {
      if (adapter.goto && adapter.matches(url, doc) && adapter.goto(doc, url, target)) return true;
    } catch {
      // a page that broke the platform's DOM: try the next adapter
    }
  }
  return false;
}

function withoutEmpty(part: Partial<PageCapture>): Partial<PageCapture> {
  const out: Partial<PageCapture> = {};
  for (const [key, value] of Object.entries(part)) {
    if (value !== undefined && value !== '') Object.assign(out, { [key]: value });
  }
  return out;
}
