/**
 * Speaker Deck: the deck page (`speakerdeck.com/{user}/{slug}`, `?slide=N`, 1-based) and the player
 * (`speakerdeck.com/player/{id}`, also what the deck page embeds). The player lists every slide as
 * `.sd-player-slides .js-sd-slide` with its image (`data-url`) and text (`.sd-player-slides--text`).
 * Which one is shown has no documented marker: a class or `aria-hidden` flag on the slide, then the
 * most visible slide, then `?slide=N` / `data-start-slide`.
 */
import { cleanText, textOf } from '../text';
import type { CaptureAdapter } from '../types';
import { safeHttpUrl } from '../url';
import { deckOf, mostVisible, navigate, positiveInt, slideRef, slidesCapture } from './common';

const SLIDES = '.sd-player-slides .js-sd-slide, .sd-player-slides .sd-player-slide';
const ACTIVE = /(^|\s)(active|current|is-active|is-current|sd-player-slide--active)(\s|$)/;

function currentIndex(slides: NodeListOf<Element>, url: URL, player: Element | null): number {
  for (let i = 0; i < slides.length; i++) {
    const el = slides[i] as Element;
    if (ACTIVE.test(el.className) || el.getAttribute('aria-current') === 'true') return i;
  }
  const visible = mostVisible(slides);
  if (visible >= 0) return visible;
  const fromUrl = positiveInt(url.searchParams.get('slide'));
  if (fromUrl !== undefined) return Math.min(fromUrl, slides.length) - 1;
  const start = Number.parseInt(player?.getAttribute('data-start-slide') ?? '', 10);
  return Number.isInteger(start) && start >= 0 && start < slides.length ? start : 0;
}

/**
 * The author link's profile name (`speakerdeck.com/{user}`): the player leaves the link's text empty
 * when the user set no display name (seen on a saved player, tests/fixtures/slides/speakerdeck/).
 */
function profileName(doc: Document): string {
  const href = doc.querySelector('.sd-player-title-author a[href]')?.getAttribute('href');
  const profile = safeHttpUrl(href, 'https://speakerdeck.com/');
  if (!profile) return '';
  const u = new URL(profile);
  const segments = u.pathname.split('/').filter(Boolean);
  return u.hostname === 'speakerdeck.com' && segments.length === 1 ? cleanText(segments[0], 200) : '';
}

export const speakerdeckAdapter: CaptureAdapter = {
  id: 'speakerdeck',
  matches: (url) => url.hostname === 'speakerdeck.com' && url.pathname.split('/').filter(Boolean).length >= 2,
  capture(doc, url) {
    const slides = doc.querySelectorAll(SLIDES);
    const player = doc.querySelector('.sd-player');
    const deckUrl = safeHttpUrl(player?.getAttribute('data-url'));
    const title = textOf(doc, '.sd-player-title-name', 500);
    const deck = deckOf(doc, url, slides.length || undefined, title);
    if (deckUrl && url.pathname.startsWith('/player/')) deck.url = deckUrl;
    const author = textOf(doc, '.sd-player-title-author a', 200) || profileName(doc);
    if (author) deck.author = author;
    if (slides.length === 0) {
      // The deck page, its player in a frame (which reports the slide); a `?slide=N` link still says it.
      const n = positiveInt(url.searchParams.get('slide'));
      const slide = n ? { index: n - 1, label: String(n) } : undefined;
      return slidesCapture('speakerdeck', deck, slide, doc.querySelector('iframe.speakerdeck-iframe'));
    }
    const index = currentIndex(slides, url, player);
    const el = slides[index] as Element;
    const slide = slideRef(index, String(index + 1), null);
    const text = cleanText(el.querySelector('.sd-player-slides--text')?.textContent, 4000);
    if (text) {
      slide.text = text;
      slide.title = cleanText(text, 120);
    }
    const image = safeHttpUrl(el.getAttribute('data-url'));
    if (image) slide.imageUrl = image;
    const shown = doc.querySelector('.sd-player-slides') ?? el;
    return slidesCapture('speakerdeck', deck, slide, shown);
  },
  goto(doc, url, target) {
    if (!target.slide) return false;
    const next = new URL(url.href);
    next.searchParams.set('slide', String(target.slide.index + 1));
    return navigate(doc, next.href);
  },
};
