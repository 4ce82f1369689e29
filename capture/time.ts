/**
 * Time-zone logic with the platform's Intl only. Talk times are stored as ISO 8601 with an offset
 * (plus an IANA zone where the page declares one). A local time without an offset gets the zone the
 * event declares; where nothing declares one, nothing is invented: the result is undefined.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True for an IANA zone name this browser knows ("Europe/Brussels", "UTC"). */
export function isValidZone(zone: string | null | undefined): zone is string {
  if (!zone || zone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC in minutes at the instant `utcMs` (east positive). */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** "+02:00" / "-05:30" / "+00:00" for an offset in minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

interface LocalParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validParts(p: LocalParts): boolean {
  if (p.y < 1900 || p.y > 2200 || p.mo < 1 || p.mo > 12 || p.d < 1 || p.h > 24 || p.mi > 59 || p.s > 60) {
    return false;
  }
  const leap = p.y % 4 === 0 && (p.y % 100 !== 0 || p.y % 400 === 0);
  const days = p.mo === 2 ? (leap ? 29 : 28) : (MONTH_DAYS[p.mo - 1] ?? 31);
  return p.d <= days && !(p.h === 24 && (p.mi > 0 || p.s > 0));
}

function isoOf(p: LocalParts, offsetMin: number): string {
  return `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}${formatOffset(offsetMin)}`;
}

function partsAt(utcMs: number, offsetMin: number): LocalParts {
  const d = new Date(utcMs + offsetMin * 60_000);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
}

/**
 * The instant a wall-clock time in `zone` denotes, as ISO with that zone's offset. A time skipped by
 * a DST change moves forward by the gap; an ambiguous one takes the earlier offset.
 */
export function localToIso(p: LocalParts, zone: string): string | undefined {
  if (!validParts(p) || !isValidZone(zone)) return undefined;
  const wall = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  const candidates = new Set<number>();
  for (const probe of [wall - 36 * 3_600_000, wall, wall + 36 * 3_600_000]) {
    candidates.add(zoneOffsetMinutes(zone, probe));
  }
  const fits = [...candidates]
    .sort((a, b) => b - a) // larger offset = earlier instant: the earlier reading of an ambiguous time
    .filter((off) => zoneOffsetMinutes(zone, wall - off * 60_000) === off);
  if (fits[0] !== undefined) return isoOf(p, fits[0]);
  // In a gap: use the offset before the change; the result reads as the wall time after the gap.
  const before = zoneOffsetMinutes(zone, wall - 36 * 3_600_000);
  const utc = wall - before * 60_000;
  const after = zoneOffsetMinutes(zone, utc);
  return isoOf(partsAt(utc, after), after);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Parsed pieces of an ISO 8601 date-time: wall-clock parts and the offset when it carries one. */
export interface ParsedIso {
  parts: LocalParts;
  /** Minutes east of UTC; undefined when the string had no (valid) offset. */
  offset?: number;
  hasTime: boolean;
  /** True when an offset was written but is not a real one ("+2:720"). */
  badOffset: boolean;
}

/** Reads an ISO 8601 date or date-time; undefined when it is not one (or an impossible one). */
export function parseIso(raw: string | null | undefined): ParsedIso | undefined {
  if (!raw || raw.length > 64) return undefined;
  const text = raw.trim();
  const m = ISO.exec(text);
  let badOffset = false;
  let match = m;
  if (!match) {
    // A date-time whose offset is garbage keeps its wall time; the offset is reported as bad.
    const loose = /^(\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2})?)([+-][\d:]+)$/.exec(text);
    if (!loose?.[1]) return undefined;
    match = ISO.exec(loose[1]);
    badOffset = true;
    if (!match) return undefined;
  }
  const num = (i: number) => (match?.[i] ? Number(match[i]) : 0);
  const parts = { y: num(1), mo: num(2), d: num(3), h: num(4), mi: num(5), s: Math.min(num(6), 59) };
  if (!validParts(parts)) return undefined;
  const hasTime = match[4] !== undefined;
  let offset: number | undefined;
  const z = match[7];
  if (z) {
    if (/^z$/i.test(z)) offset = 0;
    else {
      const digits = z.slice(1).replace(':', '');
      const hh = Number(digits.slice(0, 2));
      const mm = digits.length > 2 ? Number(digits.slice(2)) : 0;
      if (hh <= 14 && mm < 60) offset = (z[0] === '-' ? -1 : 1) * (hh * 60 + mm);
      else badOffset = true;
    }
  }
  return { parts, offset, hasTime, badOffset };
}

/**
 * A talk time as stored: ISO 8601 with offset. A string with its own offset keeps it (if `zone` is
 * given and valid the instant is re-expressed in that zone); a string without one is read as wall
 * time in `zone`; with neither, undefined. Date-only strings are not talk times.
 */
export function normalizeDateTime(raw: string | null | undefined, zone?: string): string | undefined {
  const parsed = parseIso(raw);
  if (!parsed?.hasTime) return undefined;
  const knownZone = isValidZone(zone) ? zone : undefined;
  if (parsed.offset !== undefined) {
    const { parts: p, offset } = parsed;
    if (!knownZone) return isoOf(p, offset);
    const utc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - offset * 60_000;
    const zoned = zoneOffsetMinutes(knownZone, utc);
    return isoOf(partsAt(utc, zoned), zoned);
  }
  return knownZone ? localToIso(parsed.parts, knownZone) : undefined;
}

/** A calendar date (YYYY-MM-DD) from an ISO date or date-time, as written. */
export function normalizeDate(raw: string | null | undefined): string | undefined {
  const parsed = parseIso(raw);
  if (!parsed) return undefined;
  const { y, mo, d } = parsed.parts;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

/** Epoch ms of a stored ISO time; NaN when it is not one. */
export function instantOf(iso: string | undefined): number {
  if (!iso) return Number.NaN;
  const parsed = parseIso(iso);
  if (!parsed?.hasTime || parsed.offset === undefined) return Number.NaN;
  const p = parsed.parts;
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - parsed.offset * 60_000;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in `zone`, else in its own written offset. */
export function dayOf(iso: string, zone?: string): string | undefined {
  const ms = instantOf(iso);
  if (Number.isNaN(ms)) return normalizeDate(iso);
  if (isValidZone(zone)) {
    const p = partsAt(ms, zoneOffsetMinutes(zone, ms));
    return `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}`;
  }
  return normalizeDate(iso);
}

/** Zone abbreviations that name exactly one offset (ambiguous ones like CST and IST are left out). */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  ACDT: 630,
  AWST: 480,
  NZST: 720,
  NZDT: 780,
};

/** The offset (minutes) a zone label denotes: "CEST", "UTC+1", "GMT-05:00"; undefined when unknown. */
export function offsetOfLabel(label: string): number | undefined {
  const text = label.trim().toUpperCase();
  if (text in ABBREVIATIONS) return ABBREVIATIONS[text];
  const m = /^(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  if (h > 14 || mi > 59) return undefined;
  return (m[1] === '+' ? 1 : -1) * (h * 60 + mi);
}

/** ISO with a fixed offset for a wall-clock time, when only the offset (not the zone) is known. */
export function wallToIsoWithOffset(p: LocalParts, offsetMin: number): string | undefined {
  return validParts(p) ? isoOf(p, offsetMin) : undefined;
}

let zoneRead: { zone: string; at: number } | undefined;

/** The zone the browser runs in. */
export function userZone(): string {
  // Read again after a few seconds, not on every call: a formatter costs about 0.1 ms and a recap
  // asks once per note; a laptop that changes zone is still followed.
  const now = Date.now();
  if (zoneRead && now - zoneRead.at < 5000 && now >= zoneRead.at) return zoneRead.zone;
  let zone = 'UTC';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // No Intl zone data: UTC.
  }
  zoneRead = { zone, at: now };
  return zone;
}

/** The zone a stored time is shown in: the event's zone, else the time's own offset as a fixed zone. */
function displayZone(iso: string, zone?: string): string {
  if (isValidZone(zone)) return zone;
  const off = parseIso(iso)?.offset ?? 0;
  if (off % 60 !== 0) return 'UTC';
  // Etc/GMT zones have inverted signs: Etc/GMT-2 is UTC+2.
  return off === 0 ? 'UTC' : `Etc/GMT${off > 0 ? '-' : '+'}${Math.abs(off / 60)}`;
}

export interface TimeDisplay {
  /** "Sat 1 Feb, 10:30–11:00" in the event's own time. */
  event: string;
  /** Zone label shown with it: "Europe/Brussels" or "UTC+01:00". */
  eventZone: string;
  /** The same span in the user's zone, only when it reads differently. */
  user?: string;
  userZone?: string;
}

function spanText(startMs: number, endMs: number, zone: string, locale?: string): string {
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  const start = `${day.format(startMs)}, ${time.format(startMs)}`;
  if (Number.isNaN(endMs)) return start;
  const sameDay = day.format(startMs) === day.format(endMs);
  return `${start}–${sameDay ? time.format(endMs) : `${day.format(endMs)}, ${time.format(endMs)}`}`;
}

/** How a talk's time is shown: in the event's time, and in the user's when that differs. */
export function describeTime(
  startsAt: string | undefined,
  endsAt: string | undefined,
  zone?: string,
  options: { userZone?: string; locale?: string } = {},
): TimeDisplay | undefined {
  const startMs = instantOf(startsAt);
  if (!startsAt || Number.isNaN(startMs)) return undefined;
  const endMs = instantOf(endsAt);
  const shownZone = displayZone(startsAt, zone);
  const event = spanText(startMs, endMs, shownZone, options.locale);
  const eventZone = isValidZone(zone) ? zone : `UTC${formatOffset(parseIso(startsAt)?.offset ?? 0)}`;
  const mine = options.userZone ?? userZone();
  const user = spanText(startMs, endMs, isValidZone(mine) ? mine : 'UTC', options.locale);
  const sameOffset =
    isValidZone(mine) && zoneOffsetMinutes(mine, startMs) === zoneOffsetMinutes(shownZone, startMs);
  return sameOffset || user === event ? { event, eventZone } : { event, eventZone, user, userZone: mine };
}
