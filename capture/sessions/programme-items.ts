/**
 * What the programme reader's two shapes (table rows, card blocks) share: the item they yield, the
 * speakers of a secondary line, and the slides and video a title cell links.
 */
import { cleanName, speakersFromText } from '../speakers';
import { cleanText } from '../text';
import type { Speaker } from '../types';
import { safeHttpUrl } from '../url';
import { isSlidesLink, isVideoLink } from './common';

/** Words that are a role or a format, never a speaker's name. */
const NOT_A_NAME =
  /^(?:chairs?|co-?chairs?|organi[sz]ers?|moderators?|tba|tbd|tbc|all|everyone|n\/a|various|live|video|online|in person|session\s*\d*|track\s*\d*|room\s*\d*)\b/i;
/** Honorifics a programme prints before a name. */
const HONORIFIC = /^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+/i;
/** Link texts that name a deck. */
const SLIDES_LABEL = /^(?:slides?|deck|folien|diapositives?|transparents?|diapos)$/i;
const DOCUMENT_FILE = /\.(?:pdf|pptx?|key|odp)(?:$|[?#])/i;
/** Link texts that name a recording. */
const MEDIA_LABEL =
  /^(?:watch(?:\s+the)?\s+)?(?:video|recording|replay|stream|youtube|vid[ée]o|aufzeichnung)$/i;

export interface Day {
  y: number;
  mo: number;
  d: number;
}

export interface Item {
  el: Element;
  title: string;
  speakers: Speaker[];
  times: { h: number; mi: number }[];
  day?: Day;
  room?: string;
  track?: string;
  url?: string;
  slidesUrl?: string;
  videoUrl?: string;
  /** Heading level of a block item (2–5); 9 for table rows. */
  level: number;
}

export function text(el: Element | null | undefined, max = 500): string {
  return cleanText(el?.textContent, max);
}

/** Speakers from a secondary line: "(A, B and C)", "Prof. A", "Dr. A, Affiliation". */
export function speakersOf(raw: string): Speaker[] {
  let line = cleanText(raw, 2000);
  if (/^\(.*\)$/.test(line)) line = line.slice(1, -1).trim(); // "(A, B and C)"
  // A labelled line ("Supported by our sponsors: …", "Moderator: A, Panelists: B") is not a plain list of names.
  if (!line || NOT_A_NAME.test(line) || line.includes(':')) return [];
  // "Dr. Name, Affiliation": a titled name is followed by where the person works, not by more names.
  if (HONORIFIC.test(line)) line = line.split(/\s*[,–—]\s*|\s+-\s+/)[0] ?? '';
  // "Name (Affiliation)": the parenthesis is where the person works.
  line = line.replace(/\s*\([^()]*\)/g, '');
  return speakersFromText(line)
    .map((s) => ({ ...s, name: cleanName(s.name.replace(HONORIFIC, '')) }))
    .filter((s) => s.name && !NOT_A_NAME.test(s.name) && /\p{Lu}/u.test(s.name) && !/[()]/.test(s.name));
}

/** A "Watch video" / "Slides" link or an embedded player beside a title: the talk's media, not its title. */
export function isMediaLink(el: Element): boolean {
  const href = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
  const label = cleanText(el.textContent, 100);
  return el.tagName === 'IFRAME' || isVideoLink(href) || MEDIA_LABEL.test(label) || SLIDES_LABEL.test(label);
}

/**
 * The slides and video a title cell links: a recording's host or file (links first, embedded players
 * after); slides only from a deck host or a link that says "Slides" (a PDF beside a title is its
 * paper, a "Presentation submission" form is not a deck).
 */
export function mediaOf(cell: Element, base: string): { slidesUrl?: string; videoUrl?: string } {
  const out: { slidesUrl?: string; videoUrl?: string } = {};
  for (const el of [...cell.querySelectorAll('a[href]'), ...cell.querySelectorAll('iframe[src]')]) {
    const href = safeHttpUrl(el.getAttribute('href') ?? el.getAttribute('src'), base);
    if (!href) continue;
    if (!out.videoUrl && isVideoLink(href)) out.videoUrl = href;
    else if (
      !out.slidesUrl &&
      el.tagName === 'A' &&
      (SLIDES_LABEL.test(cleanText(el.textContent, 60)) || (isSlidesLink(href) && !DOCUMENT_FILE.test(href)))
    )
      out.slidesUrl = href;
  }
  return out;
}

export function minutes(t: { h: number; mi: number } | undefined): number {
  return t ? t.h * 60 + t.mi : -1;
}
