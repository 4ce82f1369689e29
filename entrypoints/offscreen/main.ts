/**
 * Chromium's offscreen document for the daily check of promised slides (platform/daily-check.ts):
 * the service worker has no DOMParser, so it sends a session page's HTML here and this page reads
 * its slides link with the capture's readers. Answers nothing else.
 */
import { browser } from 'wxt/browser';
import { READ_SLIDES } from '../../platform/daily-check';
import { readSlidesFromHtml } from '../../platform/read-slides';

browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const m = message as { type?: unknown; html?: unknown; url?: unknown } | null;
  if (!m || m.type !== READ_SLIDES || typeof m.html !== 'string' || typeof m.url !== 'string')
    return undefined;
  // Only the extension itself asks (content scripts' messages carry a tab).
  if (sender.id !== browser.runtime.id || sender.tab) return undefined;
  sendResponse({ slidesUrl: readSlidesFromHtml(m.html, m.url) ?? null });
  return true;
});
