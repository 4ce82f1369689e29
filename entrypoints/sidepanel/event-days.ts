/** The event view's day grouping: pure (no browser APIs), so it is tested on its own. */
import { dayOf } from '../../capture/time';
import type { TalkRecord } from '../../storage/types';

/** "Wednesday, June 27, 2012" for `2012-06-27`: a calendar day, the same in any time zone. */
export const dayLabel = (day: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));

/** Talks grouped by the day they fall on in the event's zone; talks without a time come last. */
export function byDay(talks: readonly TalkRecord[], zone?: string): { day: string; talks: TalkRecord[] }[] {
  const groups = new Map<string, TalkRecord[]>();
  for (const t of talks) {
    const day = (t.startsAt && dayOf(t.startsAt, zone ?? t.timezone)) || '';
    const list = groups.get(day) ?? [];
    list.push(t);
    groups.set(day, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([day, list]) => ({ day, talks: list }));
}
