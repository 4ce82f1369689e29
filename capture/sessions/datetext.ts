/**
 * Dates and times as session pages print them for people: "Thursday July 5, 2018 17:30 - 18:30",
 * "Wed, 13 Nov 2024 • 11:15am – 11:45am EST", "12 Sep 2024, 14:00". English month names and
 * 12/24-hour clocks; anything else yields nothing rather than a guess.
 */
import { isValidZone, localToIso, offsetOfLabel, wallToIsoWithOffset } from '../time';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface Ymd {
  y: number;
  mo: number;
  d: number;
}
interface Hm {
  h: number;
  mi: number;
}

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const MONTH_DAY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH}\\s+(\\d{4})\\b`, 'i');
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const TIME = /\b(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?=\b|\s|$)/gi;

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The first calendar date written in `text`, with where it ends. */
export function findDate(text: string): (Ymd & { at: number; end: number }) | undefined {
  const candidates: (Ymd & { at: number; end: number })[] = [];
  const md = MONTH_DAY.exec(text);
  if (md?.[1]) {
    const mo = monthIndex(md[1]);
    candidates.push({ y: Number(md[3]), mo, d: Number(md[2]), at: md.index, end: md.index + md[0].length });
  }
  const dm = DAY_MONTH.exec(text);
  if (dm?.[2]) {
    const mo = monthIndex(dm[2]);
    candidates.push({ y: Number(dm[3]), mo, d: Number(dm[1]), at: dm.index, end: dm.index + dm[0].length });
  }
  const iso = ISO_DAY.exec(text);
  if (iso) {
    candidates.push({
      y: Number(iso[1]),
      mo: Number(iso[2]),
      d: Number(iso[3]),
      at: iso.index,
      end: iso.index + iso[0].length,
    });
  }
  const first = candidates.filter((c) => c.mo > 0).sort((a, b) => a.at - b.at)[0];
  return first;
}

/** Clock times written in `text` (after a date, so "2018" is never read as a time). */
export function findTimes(text: string): Hm[] {
  const out: Hm[] = [];
  for (const m of text.matchAll(TIME)) {
    const hasMinutes = m[2] !== undefined;
    const meridiem = m[3]?.toLowerCase().replace(/\./g, '');
    if (!hasMinutes && !meridiem) continue; // a bare number is a day or a year, not a time
    let h = Number(m[1]);
    const mi = hasMinutes ? Number(m[2]) : 0;
    if (h > 24 || mi > 59) continue;
    if (meridiem === 'pm' && h < 12) h += 12;
    if (meridiem === 'am' && h === 12) h = 0;
    out.push({ h, mi });
  }
  return out;
}

/** A trailing zone label: an IANA name, "UTC+1", or an unambiguous abbreviation such as "CEST". */
export function findZoneLabel(text: string): { zone?: string; offset?: number } {
  for (const m of text.matchAll(/\b([A-Z][A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)\b/g)) {
    if (isValidZone(m[1])) return { zone: m[1] };
  }
  const label = /\b((?:UTC|GMT)\s*[+−-]\s*\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\s*\)?\s*$/.exec(text.trim());
  if (label?.[1]) {
    const offset = offsetOfLabel(label[1].replace('−', '-'));
    if (offset !== undefined) return { offset };
  }
  return {};
}

export interface TextSpan {
  startsAt?: string;
  endsAt?: string;
  /** The IANA zone the text itself named, if any. */
  zone?: string;
}

/**
 * A start and end from human text. Times are read in the zone the text names, else in `zone` (the
 * zone the event declares); with neither, nothing is returned.
 */
export function parseTimeText(raw: string | null | undefined, zone?: string): TextSpan {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, 400);
  const date = findDate(text);
  if (!date) return {};
  const rest = text.slice(date.end);
  const secondDate = findDate(rest);
  const times = findTimes(secondDate ? rest.slice(0, secondDate.at) : rest);
  const endTimes = secondDate ? findTimes(rest.slice(secondDate.end)) : [];
  const start = times[0];
  if (!start) return {};
  const end = secondDate ? endTimes[0] : times[1];
  const named = findZoneLabel(text);
  const useZone = named.zone ?? (named.offset === undefined && isValidZone(zone) ? zone : undefined);
  const toIso = (d: Ymd, t: Hm) => {
    const parts = { ...d, h: t.h, mi: t.mi, s: 0 };
    if (useZone) return localToIso(parts, useZone);
    if (named.offset !== undefined) return wallToIsoWithOffset(parts, named.offset);
    return undefined;
  };
  const startsAt = toIso(date, start);
  if (!startsAt) return {};
  let endsAt = end ? toIso(secondDate ?? date, end) : undefined;
  // "23:30 - 00:30" on one date ends the next day.
  if (endsAt && !secondDate && end && (end.h < start.h || (end.h === start.h && end.mi < start.mi))) {
    const next = new Date(Date.UTC(date.y, date.mo - 1, date.d + 1));
    endsAt = toIso({ y: next.getUTCFullYear(), mo: next.getUTCMonth() + 1, d: next.getUTCDate() }, end);
  }
  return { startsAt, endsAt, zone: named.zone };
}

/**
 * Month names and abbreviations in English, German, French, Spanish and Italian, lower case, as
 * talk pages print them ("März", "févr.", "septiembre", "giugno").
 */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero', 'febbraio'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'mär'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mag'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'settembre', 'set'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dicembre'],
];
const MONTH_OF = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) MONTH_OF.set(n, i + 1);
});
const MONTH_WORD = `(${[...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const ORD = '(?:st|nd|rd|th|er|e|º|°|\\.)?';
/** "Oct 1, 2015", "March 11, 2023", "August 17" (year optional). */
const WORDS_MD = new RegExp(
  `(?<![\\p{L}])${MONTH_WORD}\\s+(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?(?![\\d\\p{L}])`,
  'iu',
);
/** "12th November 2015", "17. März 2015", "12 de marzo de 2015", "5th November" (year optional). */
const WORDS_DM = new RegExp(
  `(?<![\\d\\p{L}])(\\d{1,2})${ORD}\\s*(?:de\\s+)?${MONTH_WORD}(?:,?\\s+(?:de\\s+)?(\\d{4}))?(?![\\d\\p{L}])`,
  'iu',
);
/** "26.03.2015", "2015-03-26". */
const NUMERIC_DMY = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])/;
const NUMERIC_YMD = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;
/** "10:00 AM", "14:30", "14h30", "9 PM", "h 9:30". */
const CLOCK = /(?<![\d:])(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|uhr)?(?![\d\p{L}])/giu;

/** A calendar day and, where the text gives one, a clock time and the zone it names. */
export interface WallTime {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  /** End clock time on the same day, where a range is written ("14:30–15:15"). */
  endH?: number;
  endMi?: number;
  /** Minutes east of UTC, from a zone label the text writes ("CET", "UTC+1"). */
  offset?: number;
}

function validDay(y: number, mo: number, d: number): boolean {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

interface DayMatch {
  y?: number;
  mo: number;
  d: number;
  at: number;
  end: number;
}

function findDay(text: string): DayMatch | undefined {
  const found: DayMatch[] = [];
  const md = WORDS_MD.exec(text);
  if (md?.[1] && md[2]) {
    const mo = MONTH_OF.get(md[1].toLowerCase().replace(/\.$/, '')) ?? 0;
    found.push({
      mo,
      d: Number(md[2]),
      y: md[3] ? Number(md[3]) : undefined,
      at: md.index,
      end: md.index + md[0].length,
    });
  }
  const dm = WORDS_DM.exec(text);
  if (dm?.[1] && dm[2]) {
    const mo = MONTH_OF.get(dm[2].toLowerCase().replace(/\.$/, '')) ?? 0;
    found.push({
      mo,
      d: Number(dm[1]),
      y: dm[3] ? Number(dm[3]) : undefined,
      at: dm.index,
      end: dm.index + dm[0].length,
    });
  }
  const dmy = NUMERIC_DMY.exec(text);
  if (dmy) {
    found.push({
      d: Number(dmy[1]),
      mo: Number(dmy[2]),
      y: Number(dmy[3]),
      at: dmy.index,
      end: dmy.index + dmy[0].length,
    });
  }
  const ymd = NUMERIC_YMD.exec(text);
  if (ymd) {
    found.push({
      y: Number(ymd[1]),
      mo: Number(ymd[2]),
      d: Number(ymd[3]),
      at: ymd.index,
      end: ymd.index + ymd[0].length,
    });
  }
  // the earliest written date; with a year before one without at the same place
  return found.filter((f) => f.mo > 0).sort((a, b) => a.at - b.at || (b.y ? 1 : 0) - (a.y ? 1 : 0))[0];
}

function clocks(text: string): { h: number; mi: number }[] {
  const out: { h: number; mi: number }[] = [];
  for (const m of text.matchAll(CLOCK)) {
    const hasMinutes = m[2] !== undefined;
    const mer = m[3]?.toLowerCase().replace(/\./g, '');
    if (!hasMinutes && !mer) continue; // a bare number is a day or a year
    let h = Number(m[1]);
    const mi = hasMinutes ? Number(m[2]) : 0;
    if (h > 24 || mi > 59 || (mer && mer !== 'uhr' && (h > 12 || h === 0))) continue;
    if (mer === 'pm' && h < 12) h += 12;
    if (mer === 'am' && h === 12) h = 0;
    out.push({ h, mi });
    if (out.length >= 2) break;
  }
  return out;
}

/**
 * The day and time a talk page prints, in the forms such pages use ("Thu, Oct 1, 2015",
 * "Feb 5, 2018 10:00 AM — 11:00 AM", "26.03.2015 14:30", "Thursday 12th November 2015, h 9:30",
 * "January 17, 2021 at 9:00 PM CET", "17. März 2015, 14 Uhr"). A date without a year takes `year`
 * (the year the page's event or address names) or gives nothing. Times are wall-clock times; the
 * offset is set only when the text names a zone.
 */
export function readWallTime(raw: string | null | undefined, year?: number): WallTime | undefined {
  const text = (raw ?? '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .slice(0, 400);
  if (!text) return undefined;
  const day = findDay(text);
  if (!day) return undefined;
  const y = day.y ?? year;
  if (!y || !validDay(y, day.mo, day.d)) return undefined;
  const out: WallTime = { y, mo: day.mo, d: day.d };
  // times after the date (a second date ends the first one's times), else before it ("14:30, 26.03.2015")
  const rest = text.slice(day.end);
  const next = findDay(rest);
  const after = next ? rest.slice(0, next.at) : rest;
  const found = clocks(after.replace(/\b\d{4}\b/g, ' '));
  const times = found.length ? found : clocks(text.slice(0, day.at));
  const start = times[0];
  if (start) {
    out.h = start.h;
    out.mi = start.mi;
    const end = times[1];
    if (end) {
      out.endH = end.h;
      out.endMi = end.mi;
    }
    for (const zone of after.matchAll(/\b((?:UTC|GMT)\s*[+−-]\s*\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\b/g)) {
      const offset = zone[1] ? offsetOfLabel(zone[1].replace('−', '-')) : undefined;
      if (offset !== undefined) {
        out.offset = offset;
        break;
      }
    }
  }
  return out;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2015-10-01", "2015-10-01T14:30", "2021-01-17T21:00+01:00": how a wall time reads, for evidence and tests. */
export function formatWallTime(t: WallTime): string {
  const day = `${t.y}-${pad2(t.mo)}-${pad2(t.d)}`;
  if (t.h === undefined) return day;
  const clock = `${day}T${pad2(t.h)}:${pad2(t.mi ?? 0)}`;
  if (t.offset === undefined) return clock;
  const sign = t.offset < 0 ? '-' : '+';
  const abs = Math.abs(t.offset);
  return `${clock}${sign}${pad2(Math.trunc(abs / 60))}:${pad2(abs % 60)}`;
}
