/** "Open in Talkmarks" for a PDF deck: reopens the tab in Talkmarks' PDF viewer, where each page is a slide. */
import { browser } from 'wxt/browser';

/** A PDF by its URL (the browser's own viewer cannot be read by extensions). */
export function looksLikePdf(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && /\.pdf$/i.test(u.pathname);
  } catch {
    return false;
  }
}

/** The viewer URL for a PDF, keeping a `#page=N` the link had. */
export function pdfViewerUrl(file: string): string {
  const u = new URL(file);
  const page = /(?:^#|&)page=(\d+)/.exec(u.hash)?.[1];
  u.hash = '';
  return `${browser.runtime.getURL('/pdf.html')}?file=${encodeURIComponent(u.href)}${page ? `#page=${page}` : ''}`;
}

export function SlidePdfOpen({ url, tabId }: { url: string; tabId: number }) {
  if (!looksLikePdf(url)) return null;
  return (
    <button
      type="button"
      class="btn"
      title="Show this PDF in Talkmarks' viewer so notes are filed by page"
      onClick={() => {
        void browser.tabs.update(tabId, { url: pdfViewerUrl(url) }).then(() => window.close());
      }}
    >
      Open in Talkmarks
    </button>
  );
}
