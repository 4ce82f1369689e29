/** "Open in Talkmarks" for a PDF deck: reopens the tab in Talkmarks' PDF viewer, where each page is a slide. */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { openInPdfViewer } from '../../platform/pdf-open';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (!looksLikePdf(url)) return null;
  const open = () => {
    setBusy(true);
    setError('');
    // The popup closes once the tab shows the viewer, not on the update's answer alone.
    openInPdfViewer(tabId, pdfViewerUrl(url)).then(
      (moved) => {
        if (moved) return window.close();
        setBusy(false);
        setError('The tab did not move to the viewer. Try again.');
      },
      () => {
        setBusy(false);
        setError('This tab cannot be opened in the viewer.');
      },
    );
  };
  return (
    <div class="flex items-center gap-2">
      <button
        type="button"
        class="btn"
        title="Show this PDF in Talkmarks' viewer so notes are filed by page"
        disabled={busy}
        onClick={open}
      >
        Open in Talkmarks
      </button>
      {error && (
        <span role="alert" class="text-xs text-danger">
          {error}
        </span>
      )}
    </div>
  );
}
