/**
 * Programme pages no platform adapter knows: a conference's day grid or a workshop programme, as
 * sites print them by hand or with a site generator. Two shapes are read:
 * - tables whose rows start with a clock time ("13:10", "8:30 am - 9:30 am"): the title is the
 *   row's last cell with text (its bold lead, else its text without the italic or small
 *   secondary line, which holds the speakers or authors); a header row naming rooms makes each
 *   cell under it a talk in that room;
 * - blocks holding one clock time and one heading (cards, "schedule-item" rows): the heading is the
 *   title, the short line right after it the speakers. A block whose time span holds lower-level
 *   blocks is their session: it names their track and is not a talk itself.
 * The day comes from the nearest heading (or table head) before the rows that names a date, else
 * from the page's only date; times get a start only when the page says in which zone it prints
 * them ("All times are CEST", "(UTC +5:30)"), never a guess. Breaks are not talks. A page with
 * fewer than three timed rows, or whose `h1` is one of the titles (a talk page listing its
 * session), is not a programme. The event is the page's `h1`, else `og:site_name`, else the title's
 * part that is not "Program".
 */
import { byTags, firstMatch } from '../tags';
import { cleanText, metaContent } from '../text';
import { offsetOfLabel, wallToIsoWithOffset } from '../time';
import type { CaptureAdapter, PageCapture, TalkRef } from '../types';
import { buildEvent, buildTalk } from './common';
import { findDate } from './datetext';
import { blockItems, foldSessions } from './programme-blocks';
import { type Day, type Item, minutes, text } from './programme-items';
import { tableItems } from './programme-table';
import { MAX_SCHEDULE } from './schema-event';

/** Rows that are not talks. */
const BREAK =
  /^(?:(?:coffee|tea|lunch|dinner|morning|afternoon|health|poster)?\s*(?:break|pause)|coffee|lunch(?:\s+time)?|dinner|breakfast|registration|reception|kaffeepause|mittagspause|déjeuner|dejeuner|almuerzo|comida)\b/i;
/** Headings that name the page's kind, not its event. */
const GENERIC_NAME =
  /^(?:programme|program|programm|programa|schedule|agenda|timetable|horaire|zeitplan|day\s*\d|workshop programme|conference programme|full programme)$/i;

/**
 * The day of an element: the nearest heading before it (in document order) that names a date. The
 * dated headings are found once; each look-up is a binary search.
 */
function dayIndex(doc: Document): (el: Element) => Day | undefined {
  const dated: { h: Element; day: Day }[] = [];
  const headings = doc.querySelectorAll('h1, h2, h3, h4, h5, h6');
  for (let i = 0; i < Math.min(headings.length, 3000); i++) {
    const h = headings[i] as Element;
    const t = text(h, 200);
    const date = t ? findDate(t) : undefined;
    if (date) dated.push({ h, day: { y: date.y, mo: date.mo, d: date.d } });
  }
  return (el) => {
    let lo = 0;
    let hi = dated.length - 1;
    let found: Day | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const entry = dated[mid] as { h: Element; day: Day };
      // 4: `el` follows the heading (and is not inside it).
      if (entry.h.compareDocumentPosition(el) & 4 && !entry.h.contains(el)) {
        found = entry.day;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** The page's text, up to `max` characters, scripts and styles left out (the zone note, the one date). */
function pageText(doc: Document, max = 100_000): string {
  const parts: string[] = [];
  let length = 0;
  const body = doc.body;
  if (!body) return '';
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && length < max; node = walker.nextNode()) {
    const tag = node.parentElement?.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
    const data = node.nodeValue ?? '';
    parts.push(data);
    length += data.length;
  }
  return parts.join(' ').slice(0, max);
}

/** The zone the page prints its times in, as an offset: "(BST/GMT+01/UTC+01)", "All times CEST". */
function pageOffset(body: string): number | undefined {
  for (const sentence of body.split(/(?<=[.!?])\s+|\n+/)) {
    if (!/\b(?:tim(?:e|es|ing|ings)|horaires?|heures?|zeit(?:en)?|uhrzeit|horas?)\b/i.test(sentence))
      continue;
    const numeric = /\b(?:UTC|GMT)\s*[+−-]\s*\d{1,2}(?::?\d{2})?/i.exec(sentence);
    if (numeric) {
      const offset = offsetOfLabel(numeric[0].replace('−', '-').replace(/\s+/g, ''));
      if (offset !== undefined) return offset;
    }
    for (const m of sentence.matchAll(/\b([A-Z]{3,5})\b/g)) {
      const offset = offsetOfLabel(m[1] as string);
      if (offset !== undefined) return offset;
    }
  }
  return undefined;
}

/** The only date the page names (a one-day workshop), if it names exactly one. */
function onlyDate(body: string): Day | undefined {
  let found: Day | undefined;
  let rest = body;
  for (let n = 0; n < 50; n++) {
    const d = findDate(rest);
    if (!d) break;
    if (found && (found.y !== d.y || found.mo !== d.mo || found.d !== d.d)) return undefined;
    found = { y: d.y, mo: d.mo, d: d.d };
    rest = rest.slice(d.end);
  }
  return found;
}

/** Text with line breaks read as spaces ("The 16th<br>3D GeoInfo"). */
function spacedText(el: Element, max: number): string {
  const copy = el.cloneNode(true) as Element;
  for (const br of copy.querySelectorAll('br')) br.replaceWith(' ');
  return text(copy, max);
}

function eventName(doc: Document): string {
  for (const h1 of [...doc.querySelectorAll('h1')].slice(0, 5)) {
    const name = spacedText(h1, 300);
    if (name && !GENERIC_NAME.test(name)) return name;
  }
  const site = metaContent(doc, 'og:site_name', 300);
  if (site) return site;
  const parts = cleanText(doc.title, 300)
    .split(/\s+[|–—·:-]\s+/)
    .filter((p) => p && !GENERIC_NAME.test(p));
  return parts[0] ?? '';
}

function toTalk(item: Item, offset: number | undefined, base: string): TalkRef | undefined {
  let startsAt: string | undefined;
  let endsAt: string | undefined;
  const [start, end] = item.times;
  if (item.day && start && offset !== undefined) {
    startsAt = wallToIsoWithOffset({ ...item.day, h: start.h, mi: start.mi, s: 0 }, offset);
    if (startsAt && end && minutes(end) > minutes(start))
      endsAt = wallToIsoWithOffset({ ...item.day, h: end.h, mi: end.mi, s: 0 }, offset);
  }
  return buildTalk(
    {
      title: item.title,
      speakers: item.speakers,
      startsAt,
      endsAt,
      room: item.room,
      track: item.track,
      url: item.url,
      slidesUrl: item.slidesUrl,
      videoUrl: item.videoUrl,
    },
    base,
  );
}

/** Words a programme page calls itself by, in its URL, title or headings. */
const PROGRAMME_WORD =
  /\b(?:programm?e?s?|program|schedule|agenda|timetable|fahrplan|zeitplan|horaires?|programa|cronograma|calendrier)\b/i;

/** The page says it is a programme: its path, its title or one of its first headings names it so. */
function saysProgramme(doc: Document, url: URL): boolean {
  if (PROGRAMME_WORD.test(decodeURIComponentSafe(url.pathname).replace(/[-_/.]+/g, ' '))) return true;
  if (PROGRAMME_WORD.test(doc.title)) return true;
  const headings = byTags(doc, ['h1', 'h2', 'h3'], 200);
  for (let i = 0; i < headings.length; i++) {
    if (PROGRAMME_WORD.test(text(headings[i] as Element, 200))) return true;
  }
  return false;
}

function decodeURIComponentSafe(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The programme a page lists, or null when it is not one. */
export function readProgramme(doc: Document, url: URL): Partial<PageCapture> | null {
  // Timed sections alone are not a programme (a live blog, minutes): the page must call itself one.
  if (!saysProgramme(doc, url)) return null;
  const dayOf = dayIndex(doc);
  let items = tableItems(doc, url.href, dayOf);
  if (items.length < 3) items = foldSessions(blockItems(doc, dayOf));
  if (items.length < 3) return null;
  const h1 = byTags(doc, ['h1']).map((h) => text(h, 500).toLowerCase());
  if (items.some((i) => h1.includes(i.title.toLowerCase()))) return null; // a talk page listing its neighbours
  const body = pageText(doc);
  const offset = pageOffset(body);
  const single = items.some((i) => !i.day) ? onlyDate(body) : undefined;
  const schedule: TalkRef[] = [];
  for (const item of items) {
    if (schedule.length >= MAX_SCHEDULE) break;
    if (BREAK.test(item.title) && item.speakers.length === 0) continue;
    const talk = toTalk({ ...item, day: item.day ?? single }, offset, url.href);
    if (talk) schedule.push(talk);
  }
  if (schedule.length < 2) return null;
  const event = buildEvent({ name: eventName(doc) }, url.href);
  return { kind: 'page', platform: 'programme', schedule, ...(event ? { event } : {}) };
}

export const programmeAdapter: CaptureAdapter = {
  id: 'programme',
  // `table tr, time, h2, h3, h4` read from the tag collections, not a selector pass over the page
  matches: (_url, doc) =>
    byTags(doc, ['time', 'h2', 'h3', 'h4'], 1).length > 0 || firstMatch(doc, 'tr', 'table tr') !== null,
  capture: (doc, url) => readProgramme(doc, url),
};
