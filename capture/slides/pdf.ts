/**
 * PDF decks in a PDF.js viewer: Talkmarks' own "Open in Talkmarks" page (`pdf.html?file=…`) and the
 * PDF.js generic viewer that sites host. The page number is the slide: `#pageNumber` (the toolbar
 * input) and `#numPages`, pages as `.page[data-page-number]` with their `.textLayer`; `#page=N` links
 * a page. The deck is the PDF file itself (`?file=`), not the viewer.
 */
import { hasClassMatch } from '../tags';
import { cleanText } from '../text';
import type { CaptureAdapter } from '../types';
import { safeHttpUrl } from '../url';
import { deckOf, positiveInt, setHash, slideRef, slidesCapture, slideText } from './common';

function fileUrl(url: URL): string | undefined {
  return safeHttpUrl(url.searchParams.get('file'), url.href);
}

export const pdfAdapter: CaptureAdapter = {
  id: 'pdf',
  // only `.page` elements are tested, not the whole page (capture/tags.ts)
  matches: (_url, doc) =>
    hasClassMatch(
      doc,
      'page',
      '#viewerContainer .page[data-page-number], .pdfViewer .page[data-page-number]',
    ),
  capture(doc, url) {
    const pages = doc.querySelectorAll('.pdfViewer .page[data-page-number]');
    const input = doc.getElementById('pageNumber') as HTMLInputElement | null;
    const total =
      positiveInt(input?.getAttribute('max')) ??
      positiveInt(/\d+/.exec(doc.getElementById('numPages')?.textContent ?? '')?.[0]) ??
      pages.length;
    const n =
      positiveInt(input?.value) ?? positiveInt(/(?:^#|&)page=(\d+)/.exec(url.hash)?.[1]) ?? (total ? 1 : 0);
    const page = n ? doc.querySelector(`.pdfViewer .page[data-page-number="${n}"]`) : null;
    const file = fileUrl(url);
    const title = cleanText(doc.querySelector('[data-pdf-title]')?.getAttribute('data-pdf-title'), 500);
    const deck = deckOf(doc, url, total || undefined, title || undefined);
    if (file) deck.url = file;
    if (!n) return slidesCapture('pdf', deck, undefined, undefined);
    const slide = slideRef(n - 1, String(n), null);
    const layer = page?.querySelector('.textLayer');
    const text = slideText(layer);
    if (text) slide.text = text;
    // The first run of text on the page: a slide's title in nearly every deck exported to PDF.
    for (const span of Array.from(layer?.querySelectorAll('span') ?? []).slice(0, 50)) {
      const line = cleanText(span.textContent, 300);
      if (line) {
        slide.title = line;
        break;
      }
    }
    return { ...slidesCapture('pdf', deck, slide, page), ...(file ? { url: file } : {}) };
  },
  goto: (doc, _url, target) => (target.slide ? setHash(doc, `#page=${target.slide.index + 1}`) : false),
};
