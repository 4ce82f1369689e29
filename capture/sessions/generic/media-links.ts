/**
 * The talk's slides and recording among a page's links, ranked by evidence: a label ("Slides:",
 * "Recording:"), an embedded player or deck, what the link says ("Download slides", "スライドを見る",
 * "Recording"), the host (Speaker Deck, SlideShare, a YouTube watch page), then position. A PDF is
 * slides only when its text or the heading above it says so: a paper, poster or CV is not slides.
 * Links in navigation, footers, sidebars and sponsor blocks are not the talk's.
 */
import { byTags } from '../../tags';
import { cleanUrl, safeHttpUrl } from '../../url';
import { isSlidesLink, isVideoLink } from '../common';
import { visibleText } from './byline';
import type { LabelValue } from './label-values';

export type MediaSource = 'label' | 'embed' | 'link-text' | 'heading' | 'host';

export interface MediaPick {
  url: string;
  source: MediaSource;
  /** The page's label for a labelled link ("Folien:"). */
  label?: string;
}

/** Links read, at most: a talk's links sit near its title. */
const MAX_LINKS = 1000;

const RANK: Record<MediaSource, number> = { label: 5, embed: 4, 'link-text': 3, heading: 2, host: 1 };

/** Players whose frame is the talk's recording. */
const VIDEO_EMBED =
  /^https?:\/\/(?:(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/[\w-]{6,}|player\.vimeo\.com\/video\/\d+|[^/]+\/videos\/embed\/[\w-]+|(?:[^/]+\.)?kaltura\.com\/.*(?:entry_id|entryId)|[^/]+\.panopto\.(?:com|eu)\/Panopto\/Pages\/(?:Embed|Viewer)\.aspx|fast\.wistia\.(?:net|com)\/embed\/|(?:www\.)?dailymotion\.com\/embed\/video\/|media\.ccc\.de\/v\/[^/]+\/oembed|player\.bilibili\.com\/)/i;
/** Recording pages that are not on the common hosts (Panopto's viewer, PeerTube's watch page). */
const VIDEO_PAGE =
  /^https?:\/\/(?:[^/]+\.panopto\.(?:com|eu)\/Panopto\/Pages\/Viewer\.aspx\?id=|[^/]+\/w\/[\w-]{10,}$|[^/]+\/videos\/watch\/)/i;
/** Frames that show a deck. */
const SLIDES_EMBED =
  /^https?:\/\/(?:speakerdeck\.com\/player\/|(?:www\.)?slideshare\.net\/slideshow\/embed_code\/|docs\.google\.com\/presentation\/|slides\.com\/[^/]+\/[^/]+\/embed|noti\.st\/[^/]+\/[^/]+\/embed|[^/]+\/[^?#]*slides?[^/?#]*(?:\.html?|\/)(?:[?#].*)?$|[^/]+\.quarto\.pub\/)/i;
/** Channel, profile and list pages: a link to them is not one talk's recording. */
const NOT_ONE_VIDEO =
  /^https?:\/\/(?:www\.)?(?:youtube\.com\/(?:c\/|channel\/|user\/|@|playlist)|vimeo\.com\/(?:channels|user|showcase)\b)/i;

const SLIDE_WORDS =
  /(?:^|[^\p{L}])(?:slides?|slide deck|deck|folien|präsentation|diapositives?|diapos|transparents|diapositivas|presentación|diapositive|presentation)(?:$|[^\p{L}])|スライド|幻灯片|슬라이드/iu;
const VIDEO_WORDS =
  /(?:^|[^\p{L}])(?:video|vídeo|vidéo|recording|recorded talk|watch(?: the talk| the video| now)?|aufzeichnung|mitschnitt|grabación|enregistrement|registrazione|replay)(?:$|[^\p{L}])|動画|录像|영상/iu;
/** What a document link is when it is not the deck. */
const NOT_SLIDES =
  /(?:^|[^\p{L}])(?:paper|papers|preprint|poster|cv|résumé|resume|lebenslauf|abstract|handout|worksheet|article|manuscript|proceedings|report|thesis|bib(?:tex)?|cite|code|repo|repository|data|dataset|supplement(?:ary)?)(?:$|[^\p{L}])/iu;
const DOC_FILE = /\.(?:pdf|pptx?|key|odp)(?:$|[?#])/i;

/**
 * Links the page's frame, footer and sidebars hold are not the talk's; nor an image's caption or
 * credit ("Image credit: Unsplash"), which links the picture's source. Checked on a candidate's own
 * ancestors (`closest`), never by scanning the page for such containers.
 */
const CHROME =
  'nav, footer, aside, figcaption, [role="navigation"], [role="contentinfo"], [class*="sponsor" i], [class*="footer" i], [class*="sidebar" i], [class*="related" i], [class*="social" i], [class*="caption" i], [class*="credit" i]';
function inChrome(el: Element): boolean {
  return el.closest(CHROME) !== null;
}

/**
 * A link that is a single word inside a sentence of running text (its paragraph or list item holds
 * four times its text and more than 80 characters): a mention, not a "Slides" or "Video" button.
 */
function isWordInProse(a: Element, text: string): boolean {
  if (!text || /\s/.test(text.trim())) return false;
  const block = a.closest('p, li, td, dd');
  if (!block) return false;
  const around = (block.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return around > 80 && around > 4 * text.length;
}

/** Readings kept per kind for the candidates, at most (the pick is made from all of them). */
const MAX_SEEN = 50;

export interface MediaPicks {
  slides?: MediaPick;
  video?: MediaPick;
  /** Every slides link read, best first (the pick first), each address and source once. */
  slidesSeen: MediaPick[];
  /** Every recording link read, best first (the pick first), each address and source once. */
  videoSeen: MediaPick[];
}

/** Readings best first, the way `bestOf` ranks them; an address read twice from one source once. */
function ranked(seen: Candidate[]): MediaPick[] {
  const sorted = [...seen].sort((a, b) => RANK[b.source] - RANK[a.source] || a.order - b.order);
  const out: MediaPick[] = [];
  for (const c of sorted) {
    if (out.some((o) => o.url === c.url && o.source === c.source)) continue;
    out.push(c.label ? { url: c.url, source: c.source, label: c.label } : { url: c.url, source: c.source });
  }
  return out;
}

interface Candidate {
  url: string;
  source: MediaSource;
  order: number;
  label?: string;
}

function bestOf(a: Candidate | undefined, b: Candidate): Candidate {
  if (!a) return b;
  const ra = RANK[a.source];
  const rb = RANK[b.source];
  return rb > ra || (rb === ra && b.order < a.order) ? b : a;
}

/** The heading text just before `el` in its section (the "Slides" heading above a PDF list). */
function headingBefore(el: Element): string {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    let sib = node.previousElementSibling;
    for (let i = 0; sib && i < 4; i++, sib = sib.previousElementSibling) {
      if (/^H[2-6]$/.test(sib.tagName)) return (sib.textContent ?? '').slice(0, 80);
    }
  }
  return '';
}

function plainUrl(text: string, base: string): string | undefined {
  const m = /https?:\/\/[^\s<>"')]+/.exec(text);
  return m ? safeHttpUrl(m[0].replace(/[.,;]+$/, ''), base) : undefined;
}

/**
 * Slides and video for the talk among a page's elements: labels first (their links, else a URL
 * written in the value), then embeds, then links. At most 1,000 links and 200 frames are read.
 */
export function pickMedia(base: string, labels: readonly LabelValue[], root: Element): MediaPicks {
  let slides: Candidate | undefined;
  let video: Candidate | undefined;
  let order = 0;
  // every reading, for the capture's candidates (the best one is the pick)
  const seenSlides: Candidate[] = [];
  const seenVideo: Candidate[] = [];
  const better = (kind: 'slides' | 'video', a: Candidate | undefined, b: Candidate): Candidate => {
    const seen = kind === 'slides' ? seenSlides : seenVideo;
    if (seen.length < MAX_SEEN) seen.push(b);
    return bestOf(a, b);
  };
  for (const lv of labels) {
    if (lv.field !== 'slides' && lv.field !== 'video') continue;
    const href = lv.links[0]?.href ?? plainUrl(lv.text, base);
    if (!href) continue;
    const c: Candidate = { url: cleanUrl(href), source: 'label', order: order++, label: lv.label };
    if (lv.field === 'slides' && !NOT_ONE_VIDEO.test(href)) slides = better('slides', slides, c);
    if (lv.field === 'video' && !NOT_ONE_VIDEO.test(href)) video = better('video', video, c);
  }
  // players and links found by the browser's own tag index (a tag-only selector), not a JS pass over
  // every element of a large page
  const frames = byTags(root, ['iframe', 'embed', 'video', 'source'], 200);
  for (let f = 0; f < frames.length; f++) {
    const frame = frames[f] as Element;
    if (order > 2000) break;
    const href = safeHttpUrl(frame.getAttribute('src') ?? frame.getAttribute('data-src'), base);
    if (!href || inChrome(frame)) continue;
    const c: Candidate = { url: cleanUrl(href), source: 'embed', order: order++ };
    const tag = frame.tagName;
    const player = tag === 'VIDEO' || (tag === 'SOURCE' && frame.parentElement?.tagName === 'VIDEO');
    if (VIDEO_EMBED.test(href) || player) video = better('video', video, c);
    else if (SLIDES_EMBED.test(href)) slides = better('slides', slides, c);
  }
  const links = root.getElementsByTagName('a');
  for (let l = 0; l < Math.min(links.length, MAX_LINKS); l++) {
    const a = links[l] as Element;
    const rawHref = a.getAttribute('href');
    if (!rawHref || rawHref.startsWith('#')) continue;
    const text =
      (a.childElementCount === 0
        ? (a.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120)
        : visibleText(a, 120)) ||
      (a.getAttribute('title') ?? '');
    const said = `${text} ${a.getAttribute('aria-label') ?? ''}`;
    // cheap checks on the written address first; the URL is parsed only for a link that could count
    const isDoc = DOC_FILE.test(rawHref);
    const relevant =
      isDoc ||
      SLIDE_WORDS.test(said) ||
      VIDEO_WORDS.test(said) ||
      /^https?:/i.test(rawHref) ||
      /\.(?:mp4|webm|mkv|ogv|m4v)(?:$|[?#])/i.test(rawHref);
    if (!relevant) continue;
    // a paper, poster or CV is never slides: dropped before its address is parsed
    if (NOT_SLIDES.test(said) && !SLIDE_WORDS.test(said)) continue;
    if (inChrome(a)) continue;
    const href = safeHttpUrl(rawHref, base);
    if (!href) continue;
    const url = cleanUrl(href);
    // one word of a longer sentence ("using the site builder's <a>Slides</a> feature") is not a link to the deck
    const inProse = isWordInProse(a, text);
    if (
      SLIDE_WORDS.test(said) &&
      text.length <= 60 &&
      !inProse &&
      !NOT_ONE_VIDEO.test(href) &&
      !isVideoLink(href)
    ) {
      slides = better('slides', slides, { url, source: 'link-text', order: order++ });
      continue;
    }
    if (
      VIDEO_WORDS.test(said) &&
      text.length <= 60 &&
      !inProse &&
      (isVideoLink(href) || VIDEO_PAGE.test(href))
    ) {
      video = better('video', video, { url, source: 'link-text', order: order++ });
      continue;
    }
    if (isDoc) {
      if (SLIDE_WORDS.test(headingBefore(a)))
        slides = better('slides', slides, { url, source: 'heading', order: order++ });
      continue;
    }
    if (isSlidesLink(href) && !NOT_ONE_VIDEO.test(href))
      slides = better('slides', slides, { url, source: 'host', order: order++ });
    else if ((isVideoLink(href) || VIDEO_PAGE.test(href)) && !NOT_ONE_VIDEO.test(href)) {
      video = better('video', video, { url, source: 'host', order: order++ });
    }
  }
  const out: MediaPicks = { slidesSeen: ranked(seenSlides), videoSeen: ranked(seenVideo) };
  if (slides) out.slides = { url: slides.url, source: slides.source };
  if (video) out.video = { url: video.url, source: video.source };
  if (slides?.label) out.slides = { url: slides.url, source: slides.source, label: slides.label };
  if (video?.label) out.video = { url: video.url, source: video.source, label: video.label };
  return out;
}
