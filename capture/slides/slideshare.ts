/**
 * SlideShare (`www.slideshare.net/{user}/{slug}`, `/slideshow/{slug}/{id}`, language subdomains).
 * The deck's facts come from the Next.js page data (`script#__NEXT_DATA__` →
 * `props.pageProps.slideshow`: title, username, totalSlides). The viewer marks no current slide, so
 * the slide image most in view is the current one; `#N` (1-based) is the fallback.
 */
import { cleanText } from '../text';
import type { CaptureAdapter } from '../types';
import { safeHttpUrl } from '../url';
import { deckOf, mostVisible, navigate, positiveInt, slideRef, slidesCapture } from './common';

const IMAGES =
  'img.slide-image, img.slide_image, img[class*="slide-image" i], [data-testid*="slide" i] img, #new-player img[srcset]';
/** Page data larger than this is not parsed (a hostile page could make it huge). */
const MAX_DATA = 2_000_000;

interface Slideshow {
  title?: unknown;
  username?: unknown;
  totalSlides?: unknown;
}

function pageData(doc: Document): Slideshow {
  const raw = doc.getElementById('__NEXT_DATA__')?.textContent ?? '';
  if (!raw || raw.length > MAX_DATA) return {};
  try {
    const data = JSON.parse(raw) as { props?: { pageProps?: { slideshow?: Slideshow } } };
    const show = data?.props?.pageProps?.slideshow;
    return show && typeof show === 'object' ? show : {};
  } catch {
    return {};
  }
}

export const slideshareAdapter: CaptureAdapter = {
  id: 'slideshare',
  matches: (url) =>
    /(^|\.)slideshare\.net$/.test(url.hostname) && url.pathname.split('/').filter(Boolean).length >= 2,
  capture(doc, url) {
    const show = pageData(doc);
    const images = doc.querySelectorAll(IMAGES);
    const total =
      typeof show.totalSlides === 'number' && show.totalSlides > 0
        ? show.totalSlides
        : images.length || undefined;
    const deck = deckOf(doc, url, total, typeof show.title === 'string' ? show.title : undefined);
    if (typeof show.username === 'string' && show.username) deck.author = cleanText(show.username, 200);
    let index = mostVisible(images);
    if (index < 0) index = (positiveInt(url.hash.slice(1)) ?? 1) - 1;
    const img = images[index] ?? null;
    const slide = slideRef(index, String(index + 1), null);
    const alt = cleanText(img?.getAttribute('alt'), 4000);
    if (alt) slide.text = alt;
    const src = safeHttpUrl(img?.getAttribute('src'), url.href);
    if (src) slide.imageUrl = src;
    return slidesCapture('slideshare', deck, slide, img);
  },
  goto(doc, url, target) {
    if (!target.slide) return false;
    const img = doc.querySelectorAll(IMAGES)[target.slide.index];
    if (img) {
      img.scrollIntoView({ block: 'center' });
      return true;
    }
    const next = new URL(url.href);
    next.hash = String(target.slide.index + 1);
    return navigate(doc, next.href);
  },
};
