/** Dates and times as a recap shows them: at the venue's wall clock, in English, with no date library. */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(day: string | undefined): day is string {
  const m = day ? DAY.exec(day) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/** "Wednesday" for "2012-06-27". */
export function weekdayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()] ?? '';
}

/** "Wednesday, June 27, 2012" for "2012-06-27". */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${weekdayOf(day)}, ${MONTHS[m! - 1]} ${d}, ${y}`;
}

const zoned = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = zoned.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return null;
    }
    zoned.set(timeZone, f);
  }
  return f;
}

/** Date and time at the venue: in `timeZone` when known, else as written in the ISO string itself. */
export function wallClock(iso: string | undefined, timeZone?: string): { day: string; time: string } | null {
  if (!iso) return null;
  const written = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  const f = timeZone ? formatter(timeZone) : null;
  const ms = Date.parse(iso);
  if (f && !Number.isNaN(ms)) {
    const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
    return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
  }
  if (written) return { day: written[1]!, time: `${written[2]}:${written[3]}` };
  const dateOnly = /^(\d{4}-\d{2}-\d{2})$/.exec(iso);
  return dateOnly ? { day: dateOnly[1]!, time: '' } : null;
}

/** "10:40–11:40", "10:40" or "". */
export function timeRange(
  startsAt: string | undefined,
  endsAt: string | undefined,
  timeZone?: string,
): string {
  const start = wallClock(startsAt, timeZone)?.time ?? '';
  const end = wallClock(endsAt, timeZone)?.time ?? '';
  if (start && end && start !== end) return `${start}–${end}`;
  return start;
}

/** "12:34" or "1:02:03" for a video position in seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
