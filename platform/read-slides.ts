/**
 * The slides link a session page shows, read from its HTML by the capture's own readers (the same
 * pure code the content script runs): for the daily check of a promised talk (daily-check.ts).
 * Needs a DOM: the Firefox background page, or Chromium's offscreen document.
 */
import { capturePage } from '../capture';
import { safeHttpUrl } from '../capture/url';

/** The slides link of a page's HTML served at `url`, or undefined. Never throws. */
export function readSlidesFromHtml(html: string, url: string): string | undefined {
  try {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    // A parsed document's address is the parser's: relative links resolve against the page's own.
    if (!doc.querySelector('base[href]')) {
      const base = doc.createElement('base');
      base.setAttribute('href', url);
      doc.head.prepend(base);
    }
    const capture = capturePage(doc, url);
    return safeHttpUrl(capture.talk?.slidesUrl, url);
  } catch {
    return undefined;
  }
}
