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
