/**
 * Small readings of a talk page's text for the generic reader (index.ts): a year mentioned, a wall
 * time as an ISO instant, a title without the site's name after it, the text a dated element gives
 * the date reader.
 */
import { wallToIsoWithOffset } from '../../time';
import type { WallTime } from '../datetext';
import { isPersonName } from './byline';
import { looksLikeEvent, titleSuffix } from './event-name';
import { same } from './layout';

const YEAR = /(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)/;

export function yearHint(...texts: (string | undefined)[]): number | undefined {
  for (const t of texts) {
    const m = t ? YEAR.exec(t) : null;
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}

export function isoOf(t: WallTime, end = false): string | undefined {
  const h = end ? t.endH : t.h;
  const mi = end ? t.endMi : t.mi;
  if (h === undefined || t.offset === undefined) return undefined;
  return wallToIsoWithOffset({ y: t.y, mo: t.mo, d: t.d, h, mi: mi ?? 0, s: 0 }, t.offset);
}

/**
 * A page title without the site's name after it ("Talk | PyCon 2017" → "Talk"). The last part goes
 * only when it names the site (`og:site_name`, an event, a person, or the suffix the document title
 * repeats): "Weaving the web - Programming textile-based interactions" is one title.
 */
export function withoutSiteSuffix(raw: string, siteName: string, docTitle: string): string {
  const suffix = titleSuffix(raw, '');
  if (!suffix || !raw.endsWith(suffix)) return raw;
  const site =
    (siteName && same(suffix, siteName)) ||
    looksLikeEvent(suffix) ||
    isPersonName(suffix) ||
    (docTitle !== '' && docTitle !== raw && docTitle.endsWith(suffix));
  return site ? raw.slice(0, raw.length - suffix.length).replace(/\s+[|·•–—-]\s*$/, '') : raw;
}

/** A clock time as pages print one ("14:30", "2 pm", "14h30"). */
const PRINTED_CLOCK = /\d{1,2}[:.h]\d{2}|\d\s*[ap]\.?m\b/i;

/**
 * The text a dated element gives the date reader. A `<time datetime>` counts, except a bare midnight
 * in UTC ("2017-02-28T00:00:00Z") under a text that prints no time: that is a day a site generator
 * wrote out in full (a post's publication day), not a start at 00:00 UTC, so only its day is read.
 */
export function datedText(el: Element): string {
  const text = el.textContent ?? '';
  const dt = el.tagName === 'TIME' ? el.getAttribute('datetime') : null;
  if (!dt) return text;
  const bareMidnight = /T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)$/i.test(dt) && !PRINTED_CLOCK.test(text);
  return `${bareMidnight ? dt.slice(0, 10) : dt} ${text}`;
}
