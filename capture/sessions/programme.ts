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
import { cleanName, speakersFromText } from '../speakers';
import { cleanText, metaContent } from '../text';
import { offsetOfLabel, wallToIsoWithOffset } from '../time';
import type { CaptureAdapter, PageCapture, Speaker, TalkRef } from '../types';
import { safeHttpUrl } from '../url';
import { buildEvent, buildTalk, isSlidesLink, isVideoLink } from './common';
import { findDate, findTimes } from './datetext';
import { MAX_SCHEDULE } from './schema-event';

/** A clock time at the start of a text: "13:10", "9.30", "10h00", "8:30 am", "2 pm". */
const TIME_START =
  /^\s*(?:\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?=$|[\s\-–—~/]|[^\w])/i;
/** A text that is only a time or a time span ("09:00 - 10:30", "14:45-16:30"). */
const TIME_ONLY =
  /^\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:-|–|—|to|bis|à)\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?)?\s*$/i;
/** Rows that are not talks. */
const BREAK =
  /^(?:(?:coffee|tea|lunch|dinner|morning|afternoon|health|poster)?\s*(?:break|pause)|coffee|lunch(?:\s+time)?|dinner|breakfast|registration|reception|kaffeepause|mittagspause|déjeuner|dejeuner|almuerzo|comida)\b/i;
/** Words that are a role or a format, never a speaker's name. */
const NOT_A_NAME =
  /^(?:chairs?|co-?chairs?|organi[sz]ers?|moderators?|tba|tbd|tbc|all|everyone|n\/a|various|live|video|online|in person|session\s*\d*|track\s*\d*|room\s*\d*)\b/i;
/** Honorifics a programme prints before a name. */
const HONORIFIC = /^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+/i;
/** Column headers that name rooms in a day grid (any header that is not one of these labels names a room). */
const NOT_A_ROOM =
  /^(?:time|times|hour|hours|heure|horaire|zeit|uhrzeit|hora|when|start|end|event|events|title|talk|talks|session|sessions|speakers?|presenters?|authors?|activity|activities|what|who|details?|description|type|programme|program|agenda|topic)\b/i;
/** Headings that name the page's kind, not its event. */
const GENERIC_NAME =
  /^(?:programme|program|programm|programa|schedule|agenda|timetable|horaire|zeitplan|day\s*\d|workshop programme|conference programme|full programme)$/i;
/** Elements that hold a secondary line (speakers, authors, format) in a title cell. */
const SECONDARY = '.font-italic, em, i, small, .speaker, .speakers, .authors, .author, br ~ span';
/** Link texts beside a title that are not part of it. */
const ASIDE_LABEL = /\b(?:zoom|link|join|watch|register|here|webex|teams|meet)\b/i;
/** Link texts that name a deck. */
const SLIDES_LABEL = /^(?:slides?|deck|folien|diapositives?|transparents?|diapos)$/i;
const DOCUMENT_FILE = /\.(?:pdf|pptx?|key|odp)(?:$|[?#])/i;
/** Link texts that name a recording. */
const MEDIA_LABEL =
  /^(?:watch(?:\s+the)?\s+)?(?:video|recording|replay|stream|youtube|vid[ée]o|aufzeichnung)$/i;

const MAX_TABLES = 100;
const MAX_ROWS = 400;
const MAX_TIMES = 400;
/** Elements a time is printed in. */
const TIME_TAGS = new Set(['TIME', 'SPAN', 'DIV', 'P', 'TD', 'B', 'STRONG', 'DT', 'LI', 'EM', 'SMALL']);

interface Day {
  y: number;
  mo: number;
  d: number;
}

interface Item {
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

function text(el: Element | null | undefined, max = 500): string {
  return cleanText(el?.textContent, max);
}

/** Speakers from a secondary line: "(A, B and C)", "Prof. A", "Dr. A, Affiliation". */
function speakersOf(raw: string): Speaker[] {
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

/** A cell's title: its bold lead, else its text without secondary lines and bracketed links. */
function cellTitle(cell: Element): string {
  const first = cell.firstElementChild;
  if (first && /^(?:STRONG|B)$/.test(first.tagName) && !cell.firstChild?.nodeValue?.trim()) {
    return cleanText(first.textContent, 500).replace(/[;:,]$/, '');
  }
  // The cell's text without its secondary lines and media links, read in one walk (no copy of the cell).
  const parts: string[] = [];
  const walk = (el: Element, depth: number) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) parts.push(n.nodeValue ?? '');
      else if (n.nodeType === 1 && depth < 20) {
        const child = n as Element;
        if (child.tagName === 'BR') parts.push(' ');
        else if (!child.matches(SECONDARY) && !(child.matches('iframe, a[href]') && isMediaLink(child)))
          walk(child, depth + 1);
      }
    }
  };
  walk(cell, 0);
  return cleanText(parts.join('').replace(/\[[^\]]*\]/g, ' '), 500).replace(/[;:,]$/, '');
}

/** A "Watch video" / "Slides" link or an embedded player beside a title: the talk's media, not its title. */
function isMediaLink(el: Element): boolean {
  const href = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
  const label = cleanText(el.textContent, 100);
  return el.tagName === 'IFRAME' || isVideoLink(href) || MEDIA_LABEL.test(label) || SLIDES_LABEL.test(label);
}

/**
 * The slides and video a title cell links: a recording's host or file (links first, embedded players
 * after); slides only from a deck host or a link that says "Slides" (a PDF beside a title is its
 * paper, a "Presentation submission" form is not a deck).
 */
function mediaOf(cell: Element, base: string): { slidesUrl?: string; videoUrl?: string } {
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

function secondaryText(cell: Element): string {
  return [...cell.querySelectorAll(SECONDARY)].map((s) => s.textContent ?? '').join(', ');
}

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

function rowCells(tr: Element): Element[] {
  return [...tr.children].filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
}

/** Room names from a table's header row (a day grid), by column. */
function roomColumns(table: Element): Map<number, string> {
  const rooms = new Map<number, string>();
  const head = table.querySelector('thead tr') ?? table.querySelector('tr');
  if (!head) return rooms;
  const cells = rowCells(head);
  if (cells.length < 3 || !cells.every((c) => c.tagName === 'TH')) return rooms;
  cells.forEach((c, i) => {
    const name = text(c, 200);
    if (i > 0 && name && !NOT_A_ROOM.test(name) && !findDate(name)) rooms.set(i, name);
  });
  return rooms.size >= 2 ? rooms : new Map();
}

function tableItems(doc: Document, base: string, dayOf: (el: Element) => Day | undefined): Item[] {
  const items: Item[] = [];
  let rows = 0;
  for (const table of [...doc.querySelectorAll('table')].slice(0, MAX_TABLES)) {
    if (table.querySelector('table')) continue; // a layout table: its inner tables are read
    const headText = text(table.querySelector('thead, caption'), 300);
    const headDate = headText ? findDate(headText) : undefined;
    const day = headDate ? { y: headDate.y, mo: headDate.mo, d: headDate.d } : dayOf(table);
    const rooms = roomColumns(table);
    for (const tr of table.querySelectorAll('tr')) {
      if (++rows > MAX_ROWS) return items;
      const cells = rowCells(tr);
      const at = cells.findIndex((c) => TIME_START.test(c.textContent ?? ''));
      if (at < 0 || at > 1) continue;
      const times = findTimes(text(cells[at], 100)).slice(0, 2);
      if (times.length === 0) continue;
      const rest = cells.slice(at + 1);
      if (rooms.size > 0) {
        rest.forEach((cell, k) => {
          const room = rooms.get(at + 1 + k);
          const title = cellTitle(cell);
          if (!room || !title) return;
          items.push({
            el: cell,
            title,
            speakers: speakersOf(secondaryText(cell)),
            times,
            day,
            room,
            level: 9,
            url: linkOf(cell, base, title),
            ...mediaOf(cell, base),
          });
        });
        continue;
      }
      let cell: Element | undefined;
      let title = '';
      for (let k = rest.length - 1; k >= 0 && !title; k--) {
        cell = rest[k];
        title = cell ? cellTitle(cell) : '';
        if (/^\(.*\)$/.test(title)) title = ''; // "(Chairs)": a note on the row, not its title
      }
      if (!cell || !title) continue;
      items.push({
        el: tr,
        title,
        speakers: speakersOf(secondaryText(cell)),
        times,
        day,
        level: 9,
        url: linkOf(cell, base, title),
        ...mediaOf(cell, base),
      });
    }
  }
  return items;
}

/** The link the title itself is (the talk's page, or its paper); a "Zoom link" beside it is not the talk. */
function linkOf(el: Element, base: string, title: string): string | undefined {
  const a = [...el.querySelectorAll('a[href]')].find((x) => text(x, 500) === title);
  if (!a) return undefined;
  try {
    const u = new URL(a.getAttribute('href') ?? '', base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Elements whose own text is only a time or a time span: found from the text nodes, in one walk. */
function timeElements(doc: Document): Element[] {
  const out: Element[] = [];
  const body = doc.body;
  if (!body) return out;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  let seen = 0;
  for (
    let node = walker.nextNode();
    node && out.length < MAX_TIMES && seen < 200_000;
    node = walker.nextNode()
  ) {
    seen++;
    const data = node.nodeValue ?? '';
    if (data.length > 40 || !/\d/.test(data)) continue;
    const el = node.parentElement;
    if (!el || !TIME_TAGS.has(el.tagName) || out[out.length - 1] === el) continue;
    const t = el.textContent ?? '';
    if (t.length <= 40 && TIME_ONLY.test(t)) out.push(el);
  }
  return out;
}

/** A code before a name in a heading ("1A-1"): the paper's number, its title being the line after. */
const PAPER_CODE = /^[A-Z0-9][\w.-]{0,7}$/;

/**
 * One heading of a block as a talk. Templates put the speaker in a `span` inside the heading
 * ("Keynote <span>Ada Lovelace</span>"), or the paper's number and authors there and its title in
 * the line after ("1A-1 <span>A, B</span>" then the title); else the line after is the speakers.
 */
function headingTalk(h: Element, timeSet: Set<Element>): { title: string; speakers: Speaker[] } {
  const copy = h.cloneNode(true) as Element;
  for (const a of copy.querySelectorAll('a[href], iframe')) if (isAsideLink(a)) a.remove();
  const inner = copy.querySelector('span, small');
  const innerText = text(inner, 500);
  if (inner && innerText) {
    inner.remove();
    const base = text(copy, 500);
    const next = h.nextElementSibling;
    if (base && PAPER_CODE.test(base) && next?.tagName === 'P' && text(next, 500))
      return { title: text(next, 500), speakers: speakersOf(innerText) };
    if (base) return { title: base, speakers: speakersOf(innerText) };
    return { title: '', speakers: [] };
  }
  const next = h.nextElementSibling;
  const line = next && !timeSet.has(next) && (next.textContent?.length ?? 0) <= 200 ? text(next, 200) : '';
  return { title: text(copy, 500), speakers: line ? speakersOf(line) : [] };
}

/** A link beside a title that is not the title: "Zoom link", "Watch video", "See program here". */
function isAsideLink(a: Element): boolean {
  return isMediaLink(a) || ASIDE_LABEL.test(cleanText(a.textContent, 100));
}

function blockItems(doc: Document, dayOf: (el: Element) => Day | undefined): Item[] {
  const times = timeElements(doc).filter((t) => !t.closest('table')); // rows are read as rows
  const timeSet = new Set(times);
  // How many times each near ancestor holds, counted once up front (not per block).
  const held = new Map<Element, number>();
  for (const t of times) {
    let a = t.parentElement;
    for (let depth = 0; a && depth < 5; depth++, a = a.parentElement) held.set(a, (held.get(a) ?? 0) + 1);
  }
  const items: Item[] = [];
  for (const t of times) {
    let block: Element | null = t.parentElement;
    for (let depth = 0; block && depth < 5; depth++, block = block.parentElement) {
      if ((held.get(block) ?? 0) > 1) break; // this block holds other rows' times: too far up
      const first = block.querySelector('h2, h3, h4, h5');
      if (!first) continue;
      // Parallel talks of one time slot: every heading of the first one's level in the block.
      const headings = [...block.querySelectorAll(first.tagName)].slice(0, 8);
      const clock = findTimes(text(t, 60)).slice(0, 2);
      const day = dayOf(block);
      for (const h of headings) {
        const { title, speakers } = headingTalk(h, timeSet);
        if (title)
          items.push({ el: block, title, speakers, times: clock, day, level: Number(h.tagName.slice(1)) });
      }
      break;
    }
  }
  return items;
}

function minutes(t: { h: number; mi: number } | undefined): number {
  return t ? t.h * 60 + t.mi : -1;
}

/** Blocks whose span holds later, lower-level blocks are sessions: they name those blocks' track. */
function foldSessions(items: Item[]): Item[] {
  const sessions = new Set<Item>();
  items.forEach((s, i) => {
    const start = minutes(s.times[0]);
    const end = minutes(s.times[1]);
    if (end <= start) return;
    for (let j = i + 1; j < items.length; j++) {
      const t = items[j] as Item;
      const at = minutes(t.times[0]);
      if (at < start || at >= end || t.level <= s.level) break;
      t.track ??= s.title;
      sessions.add(s);
    }
  });
  return items.filter((s) => !sessions.has(s));
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
  const headings = doc.querySelectorAll('h1, h2, h3');
  for (let i = 0; i < Math.min(headings.length, 200); i++) {
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
  const h1 = [...doc.querySelectorAll('h1')].map((h) => text(h, 500).toLowerCase());
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
  matches: (_url, doc) => doc.querySelector('table tr, time, h2, h3, h4') !== null,
  capture: (doc, url) => readProgramme(doc, url),
};
