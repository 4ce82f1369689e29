/** Display formatting with the platform's Intl (no date library). */

const sameDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const otherDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "14:05" today, "Nov 24, 2026, 14:05" otherwise. */
export function formatWhen(epochMs: number, now = Date.now()): string {
  const d = new Date(epochMs);
  return new Date(now).toDateString() === d.toDateString() ? sameDay.format(d) : otherDay.format(d);
}
