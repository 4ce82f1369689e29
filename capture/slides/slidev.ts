/**
 * Slidev (built decks). The route is the 1-based slide number: `/{n}` (history mode) or `#/{n}`
 * (hash mode); each slide renders as `.slidev-page.slidev-page-{n}[data-slidev-no=n]`, with its
 * neighbours kept in the DOM but hidden (`v-show`: inline `display: none`). So the route picks the
 * slide, then the one page not hidden, then the most visible. Slidev's own globals exist only in dev
 * builds; the deck's length is what its nav bar prints ("{n} / {total}").
 */
import { cleanText, metaContent } from '../text';
import type { CaptureAdapter } from '../types';
import { cleanUrl } from '../url';
import { deckOf, mostVisible, navigate, positiveInt, slideRef, slidesCapture } from './common';

const MODES = /^(presenter|overview|print|export|notes|entry)$/;

/** The slide number in the route and whether the deck routes by hash. */
function route(url: URL): { n?: number; hash: boolean } {
  const hashPath = url.hash.startsWith('#/') ? url.hash.slice(2).split(/[?#]/)[0] : undefined;
  if (hashPath !== undefined) return { n: positiveInt(hashPath.split('/').pop()), hash: true };
  const segments = url.pathname.split('/').filter(Boolean);
  return { n: positiveInt(segments[segments.length - 1]), hash: false };
}

/** The deck's own URL: in history mode the route (`/3`, `/presenter/3`) is cut off the path. */
function deckUrl(url: URL): string {
  const next = new URL(url.href);
  if (!url.hash.startsWith('#/')) {
    const segments = next.pathname.split('/');
    const before = segments.length;
    if (positiveInt(segments[segments.length - 1])) segments.pop();
    if (MODES.test(segments[segments.length - 1] ?? '')) segments.pop();
    if (segments.length < before) next.pathname = `${segments.join('/')}/`.replace(/\/{2,}/g, '/');
  }
  return cleanUrl(next.href);
}

/** The shown page: Slidev hides the neighbours it keeps mounted with an inline `display: none`. */
function shownPage(pages: NodeListOf<Element>): Element | null {
  let shown: Element | null = null;
  for (const page of Array.from(pages)) {
    if (/display:\s*none/i.test(page.getAttribute('style') ?? '')) continue;
    if (shown) return null; // more than one (overview, print): not a single current slide
    shown = page;
  }
  return shown;
}

function pageNumber(el: Element): number | undefined {
  return (
    positiveInt(el.getAttribute('data-slidev-no')) ??
    positiveInt(/(?:^|\s)slidev-page-(\d+)(?:\s|$)/.exec(el.getAttribute('class') ?? '')?.[1])
  );
}

/** The total from the nav bar's counter: a span "{n}" followed by a span " / {total}". */
function navTotal(doc: Document): number | undefined {
  for (const span of Array.from(doc.querySelectorAll('nav span')).slice(0, 200)) {
    const m = /^\/\s*(\d+)$/.exec(cleanText(span.textContent, 20));
    if (m && positiveInt(cleanText(span.previousElementSibling?.textContent, 20))) return positiveInt(m[1]);
  }
  return undefined;
}

/** Slidev writes headmatter strings JSON-encoded into `meta[name=author]` ("\"Jane\""). */
function unquote(text: string): string {
  if (!/^".*"$/.test(text)) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? cleanText(parsed, 200) : text;
  } catch {
    return text;
  }
}

export const slidevAdapter: CaptureAdapter = {
  id: 'slidev',
  matches: (_url, doc) => doc.querySelector('.slidev-page') !== null,
  capture(doc, url) {
    const { n } = route(url);
    let el = n ? doc.querySelector(`.slidev-page-${n}`) : null;
    let number = n;
    if (!el) {
      const pages = doc.querySelectorAll('.slidev-page');
      el = shownPage(pages) ?? pages[Math.max(0, mostVisible(pages))] ?? null;
      number = el ? pageNumber(el) : undefined;
    }
    // The default title template is "%s - Slidev"; a deck may set its own, which is kept whole.
    const title = (metaContent(doc, 'og:title', 500) || cleanText(doc.title, 500)).replace(
      /\s+-\s+Slidev$/,
      '',
    );
    const deck = deckOf(doc, url, navTotal(doc), title);
    deck.url = deckUrl(url);
    if (deck.author) deck.author = unquote(deck.author);
    if (!el || !number) return slidesCapture('slidev', deck, undefined, undefined);
    return slidesCapture('slidev', deck, slideRef(number - 1, String(number), el), el);
  },
  goto(doc, url, target) {
    if (!target.slide) return false;
    const n = target.slide.index + 1;
    const { hash } = route(url);
    if (hash) return navigate(doc, `#/${n}`);
    const segments = url.pathname.split('/');
    const last = segments[segments.length - 1] ?? '';
    if (MODES.test(last)) return false;
    if (positiveInt(last)) segments[segments.length - 1] = String(n);
    else segments.push(String(n));
    const next = new URL(url.href);
    next.pathname = segments.join('/').replace(/\/{2,}/g, '/');
    next.hash = '';
    return navigate(doc, next.href);
  },
};
