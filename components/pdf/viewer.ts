/**
 * The PDF deck viewer ("Open in Talkmarks"): PDF.js's viewer components on an extension page, with
 * the generic viewer's DOM (`#pageNumber`, `#numPages`, `.page[data-page-number]`) so the `pdf`
 * capture adapter reads it like any PDF.js viewer. `#page=N` in the URL opens and follows the page.
 */
// PDF.js's legacy build: the modern one calls `Map.prototype.getOrInsertComputed`, which Firefox
// ESR 140 (our minimum) lacks, and every PDF failed to open there; the legacy build brings it along.
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import { EventBus, PDFLinkService, PDFViewer } from 'pdfjs-dist/legacy/web/pdf_viewer.mjs';

GlobalWorkerOptions.workerSrc = workerUrl;

export interface OpenViewer {
  pages: number;
  goTo(page: number): void;
}

/** The page `#page=N` names, if any. */
export function pageFromHash(hash: string): number | undefined {
  const n = Number(/(?:^#|&)page=(\d+)/.exec(hash)?.[1]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Opens `file` in the viewer; `onPage` hears every page change. */
export async function openPdf(file: string, onPage: (page: number) => void): Promise<OpenViewer> {
  const startPage = pageFromHash(location.hash) ?? 1; // read before the viewer rewrites the hash
  const container = document.getElementById('viewerContainer') as HTMLDivElement;
  const input = document.getElementById('pageNumber') as HTMLInputElement;
  const eventBus = new EventBus();
  const linkService = new PDFLinkService({ eventBus });
  const viewer = new PDFViewer({ container, eventBus, linkService });
  linkService.setViewer(viewer);
  const goTo = (page: number) => {
    if (page >= 1 && page <= viewer.pagesCount) viewer.currentPageNumber = page;
  };
  eventBus.on('pagesinit', () => {
    viewer.currentScaleValue = 'page-fit';
    goTo(startPage);
  });
  eventBus.on('pagechanging', (e: { pageNumber: number }) => {
    input.value = String(e.pageNumber);
    history.replaceState(null, '', `${location.pathname}${location.search}#page=${e.pageNumber}`);
    onPage(e.pageNumber);
  });
  // The slide's text (its title) is read from the page's text layer, which PDF.js renders after the
  // page shows: the page is reported again then, or a capture asked for before it keeps no title.
  eventBus.on('textlayerrendered', (e: { pageNumber: number }) => {
    if (e.pageNumber === viewer.currentPageNumber) onPage(e.pageNumber);
  });

  const pdf: PDFDocumentProxy = await getDocument({ url: file, isEvalSupported: false }).promise;
  viewer.setDocument(pdf);
  linkService.setDocument(pdf);
  const meta = await pdf.getMetadata().catch(() => null);
  const title = (meta?.info as { Title?: unknown } | undefined)?.Title;
  const name = decodeURIComponent(new URL(file).pathname.split('/').pop() || 'PDF');
  const shown = typeof title === 'string' && title.trim() ? title.trim() : name;
  document.title = shown;
  const titleEl = document.getElementById('docTitle') as HTMLElement;
  titleEl.textContent = shown;
  titleEl.setAttribute('data-pdf-title', shown);
  input.max = String(pdf.numPages);
  (document.getElementById('numPages') as HTMLElement).textContent = `of ${pdf.numPages}`;

  input.addEventListener('change', () => goTo(Number(input.value)));
  document.getElementById('previous')?.addEventListener('click', () => goTo(viewer.currentPageNumber - 1));
  document.getElementById('next')?.addEventListener('click', () => goTo(viewer.currentPageNumber + 1));
  window.addEventListener('hashchange', () => {
    const n = pageFromHash(location.hash);
    if (n && n !== viewer.currentPageNumber) goTo(n);
  });
  window.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement) return;
    if (['ArrowRight', 'PageDown', ' '].includes(e.key)) goTo(viewer.currentPageNumber + 1);
    else if (['ArrowLeft', 'PageUp'].includes(e.key)) goTo(viewer.currentPageNumber - 1);
    else return;
    e.preventDefault();
  });
  return { pages: pdf.numPages, goTo };
}
