/**
 * Date and time pickers over stored talk times. A talk time is stored as ISO 8601 with an offset
 * ("2026-03-19T14:30:00+01:00", capture/time.ts); the forms show it as a day and a wall-clock time
 * in one zone — an IANA zone ("Europe/Brussels"), or, where no zone is known, the fixed offset the
 * time was written with ("+01:00") — and write it back in the same stored form.
 */
import {
  formatOffset,
  instantOf,
  isValidZone,
  localToIso,
  parseIso,
  userZone,
  wallToIsoWithOffset,
  zoneOffsetMinutes,
} from '../../capture/time';

/** What a day and a time picker hold: `YYYY-MM-DD` and `HH:MM`, each empty when not set. */
export interface WallTime {
  date: string;
  time: string;
}

/** Where a form's zone came from, said in words next to it. */
export type ZoneSource = 'talk' | 'event' | 'offset' | 'browser';

const FIXED = /^[+-](\d{2}):(\d{2})$/;

/** Minutes east of UTC of a fixed-offset zone choice ("+05:30" → 330); undefined for an IANA name. */
export function fixedOffset(zone: string): number | undefined {
  const m = FIXED.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 14 * 60 || Number(m[2]) > 59 ? undefined : zone[0] === '-' ? -minutes : minutes;
}

/** True for a zone a form can use: an IANA name this browser knows, or a fixed offset. */
export function isZoneChoice(zone: string): boolean {
  return fixedOffset(zone) !== undefined || isValidZone(zone);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The day and time a stored ISO string shows in `zone`. Empty pickers for an empty or unreadable
 * value (the form then saves nothing for it unless the user types a time). Seconds are not shown.
 */
export function isoToWall(iso: string | undefined, zone: string): WallTime {
  const ms = instantOf(iso);
  if (Number.isNaN(ms)) return { date: '', time: '' };
  const offset = fixedOffset(zone) ?? (isValidZone(zone) ? zoneOffsetMinutes(zone, ms) : undefined);
  if (offset === undefined) return { date: '', time: '' };
  const d = new Date(ms + offset * 60_000);
  return {
    date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/** Why a day and a time could not be read as a talk time. */
export type WallError = 'no-time' | 'no-date' | 'invalid';

/**
 * The stored ISO string (with offset) for a day and a wall-clock time in `zone`; `''` when both
 * pickers are empty (the time is cleared). In an IANA zone a time skipped by a DST change moves
 * forward by the gap, and a time that occurs twice takes its first occurrence (capture/time.ts).
 */
export function wallToIso(wall: WallTime, zone: string): { iso: string } | { error: WallError } {
  const date = wall.date.trim();
  const time = wall.time.trim();
  if (!date && !time) return { iso: '' };
  if (!time) return { error: 'no-time' };
  if (!date) return { error: 'no-date' };
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) return { error: 'invalid' };
  const parts = {
    y: Number(d[1]),
    mo: Number(d[2]),
    d: Number(d[3]),
    h: Number(t[1]),
    mi: Number(t[2]),
    s: Number(t[3] ?? 0),
  };
  if (parts.h > 23) return { error: 'invalid' };
  const offset = fixedOffset(zone);
  const iso =
    offset !== undefined
      ? wallToIsoWithOffset(parts, offset)
      : isValidZone(zone)
        ? localToIso(parts, zone)
        : undefined;
  return iso ? { iso } : { error: 'invalid' };
}

/**
 * The zone a talk's times are shown and typed in: the talk's own zone, else its event's, else the
 * offset its start time was written with, else the browser's zone.
 */
export function talkZone(
  startsAt: string | undefined,
  talkTz: string | undefined,
  eventTz: string | undefined,
  browserTz: string = userZone(),
): { zone: string; source: ZoneSource } {
  if (isValidZone(talkTz)) return { zone: talkTz, source: 'talk' };
  if (isValidZone(eventTz)) return { zone: eventTz, source: 'event' };
  const offset = parseIso(startsAt)?.offset;
  if (offset !== undefined && !Number.isNaN(instantOf(startsAt))) {
    return { zone: formatOffset(offset), source: 'offset' };
  }
  return { zone: isValidZone(browserTz) ? browserTz : 'UTC', source: 'browser' };
}

/** A zone choice in words: "Europe/Brussels", "UTC+02:00". */
export function zoneName(zone: string): string {
  return fixedOffset(zone) !== undefined ? `UTC${zone}` : zone;
}

/**
 * The zones a select offers: the fixed offsets in `keep` first (the offset a time was written
 * with), then every zone this browser knows, UTC and the zones in `keep` among them, sorted.
 */
export function zoneOptions(keep: readonly string[] = []): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf('timeZone');
  } catch {
    known = []; // an engine without the list: the zones in use, the browser's and UTC
  }
  const fixed = keep.filter((z) => fixedOffset(z) !== undefined);
  const named = new Set([...known, 'UTC', userZone(), ...keep.filter((z) => isValidZone(z))]);
  return [...new Set(fixed), ...[...named].sort((a, b) => a.localeCompare(b))];
}
