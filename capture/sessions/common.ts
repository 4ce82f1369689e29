/**
 * Helpers every session adapter shares: bounded text, safe links, and recognising slide-deck and
 * talk-video links among a page's links.
 */
import { cleanSpeakers } from '../speakers';
import { cleanText } from '../text';
import type { EventRef, Speaker, TalkRef } from '../types';
import { cleanUrl, safeHttpUrl } from '../url';

/** Hosts (and path shapes) that serve slide decks. */
const SLIDE_LINK =
  /^https?:\/\/(?:[^/]+\.)?(?:speakerdeck\.com\/(?!player)[^/]+\/[^/?#]+|slideshare\.net\/|docs\.google\.com\/presentation\/|slides\.com\/[^/]+\/|noti\.st\/|pitch\.com\/|canva\.com\/design\/|prezi\.com\/)/i;
/** Hosts that serve talk recordings. */
const VIDEO_LINK =
  /^https?:\/\/(?:(?:www\.|m\.)?youtube\.com\/(?:watch|live|embed)|youtu\.be\/|(?:player\.)?vimeo\.com\/(?:video\/)?\d|media\.ccc\.de\/v\/|video\.fosdem\.org\/|www\.infoq\.com\/presentations\/)/i;
const SLIDE_FILE = /\.(?:pdf|pptx?|key|odp)(?:$|[?#])/i;
const VIDEO_FILE = /\.(?:mp4|webm|mkv|ogv|m4v)(?:$|[?#])/i;
const SLIDE_WORDS = /\b(?:slides?|deck|presentation|folien|diapositives?|transparents?)\b/i;

/** Whether a link is to a slide deck: a known deck host, a document file, or a short link labelled "Slides". */
export function isSlidesLink(href: string, label = ''): boolean {
  if (SLIDE_LINK.test(href)) return true;
  if (SLIDE_FILE.test(href)) return true; // a PDF/PPTX/Keynote/ODP resource of a talk is its deck
  // A self-hosted deck (reveal.js, Marp…) is only recognisable by what the page calls the link.
  const text = label.trim();
  return text.length > 0 && text.length <= 60 && SLIDE_WORDS.test(text);
}

/** Whether a link is to a talk recording: a known video host, or a video file. */
export function isVideoLink(href: string): boolean {
  return VIDEO_LINK.test(href) || VIDEO_FILE.test(href);
}

/**
 * The slides and video links among `links` (anchors or [href, label] pairs), made absolute. Slides: the
 * first deck-host link, else the first link labelled "Slides", else the first document file; a page
 * that lists the papers a talk is about (PDFs) ahead of its deck link keeps the deck.
 */
export function mediaLinks(
  links: Iterable<Element | { href: string; label?: string }>,
  base: string,
): { slidesUrl?: string; videoUrl?: string } {
  let host: string | undefined;
  let labelled: string | undefined;
  let file: string | undefined;
  let videoUrl: string | undefined;
  let count = 0;
  for (const item of links) {
    if (++count > 2000 || (host && videoUrl)) break;
    const rawHref =
      'getAttribute' in item ? (item.getAttribute('href') ?? item.getAttribute('src')) : item.href;
    const label = 'getAttribute' in item ? (item.textContent ?? '') : (item.label ?? '');
    const href = safeHttpUrl(rawHref, base);
    if (!href) continue;
    if (isSlidesLink(href, label)) {
      if (!host && SLIDE_LINK.test(href)) host = cleanUrl(href);
      else if (!labelled && isSlidesLink('', label)) labelled = cleanUrl(href);
      else if (!file && SLIDE_FILE.test(href)) file = cleanUrl(href);
    } else if (!videoUrl && isVideoLink(href)) videoUrl = cleanUrl(href);
  }
  const out: { slidesUrl?: string; videoUrl?: string } = {};
  const slidesUrl = host ?? labelled ?? file;
  if (slidesUrl) out.slidesUrl = slidesUrl;
  if (videoUrl) out.videoUrl = videoUrl;
  return out;
}

export interface TalkDraft {
  title?: string | null;
  speakers?: readonly (Partial<Speaker> | null | undefined)[];
  startsAt?: string;
  endsAt?: string;
  timezone?: string;
  room?: string | null;
  track?: string | null;
  abstract?: string | null;
  url?: string | null;
  slidesUrl?: string | null;
  videoUrl?: string | null;
}

/** A bounded, cleaned talk; undefined when it has no title (a talk without a name is not a talk). */
export function buildTalk(draft: TalkDraft, base: string): TalkRef | undefined {
  const title = cleanText(stripTags(draft.title), 500);
  if (!title) return undefined;
  const talk: TalkRef = { title, speakers: cleanSpeakers(draft.speakers ?? [], base) };
  const set = <K extends keyof TalkRef>(key: K, value: TalkRef[K] | undefined) => {
    if (value !== undefined && value !== '') talk[key] = value;
  };
  set('startsAt', draft.startsAt);
  set('endsAt', draft.startsAt ? draft.endsAt : undefined);
  set('timezone', draft.timezone);
  set('room', cleanText(stripTags(draft.room), 200));
  set('track', cleanText(stripTags(draft.track), 200));
  set('abstract', abstractText(draft.abstract));
  set('url', cleanHttpUrl(draft.url, base));
  set('slidesUrl', cleanHttpUrl(draft.slidesUrl, base));
  set('videoUrl', cleanHttpUrl(draft.videoUrl, base));
  return talk;
}

/** A bounded event; undefined without a name. */
export function buildEvent(
  draft: Partial<Record<keyof EventRef, string | null>>,
  base: string,
): EventRef | undefined {
  const name = cleanText(stripTags(draft.name), 300);
  if (!name) return undefined;
  const event: EventRef = { name };
  const url = cleanHttpUrl(draft.url, base);
  if (url) event.url = url;
  if (draft.timezone) event.timezone = draft.timezone;
  if (draft.startDate) event.startDate = draft.startDate;
  if (draft.endDate) event.endDate = draft.endDate;
  const location = cleanText(stripTags(draft.location), 300);
  if (location) event.location = location;
  return event;
}

/** An http(s) URL made absolute and cleaned of tracking parameters and fragment; one parse. */
export function cleanHttpUrl(raw: string | null | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.search ? cleanUrl(u.href) : u.href; // only a query can carry tracking parameters
  } catch {
    return undefined;
  }
}

/** Removes markup a page put in a text field (JSON-LD names with `<b>`, entities). */
export function stripTags(raw: string | null | undefined): string {
  if (!raw) return '';
  if (!raw.includes('<') && !raw.includes('&')) return raw;
  return raw
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&(?:lt|gt);/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** An abstract as plain text with paragraph breaks kept (stored as Markdown; rendered as text). */
export function abstractText(raw: string | null | undefined): string {
  if (!raw) return '';
  const text = stripTags(raw.replace(/<\/(?:p|div|li|h\d)>|<br\s*\/?>/gi, '\n'))
    .split(/\n\s*\n|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return text.length > 10_000 ? `${text.slice(0, 9_999)}…` : text;
}

/** Block text of an element: paragraphs as separate lines, so abstracts keep their shape. */
export function blockText(el: Element | null | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  const blocks = el.querySelectorAll('p, li, h1, h2, h3, h4, pre, blockquote');
  if (blocks.length === 0) return abstractText(el.textContent ?? '');
  for (const b of blocks) {
    if (b.parentElement?.closest('p, li, blockquote') && b.parentElement !== el) continue;
    parts.push(b.textContent ?? '');
  }
  return abstractText(parts.join('\n'));
}

/** The text of the first element matching one of the selectors. */
export function firstText(root: ParentNode, selectors: string, max = 500): string {
  return cleanText(root.querySelector(selectors)?.textContent, max);
}
