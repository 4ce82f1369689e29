/** The event view's day grouping: pure (no browser APIs), so it is tested on its own. */
import { talkDay } from '../../storage/talk-day';
import type { EventRecord, TalkRecord } from '../../storage/types';

/** "Wednesday, June 27, 2012" for `2012-06-27`: a calendar day, the same in any time zone. */
export const dayLabel = (day: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));

/** Talks grouped by the day they are on at the venue (see storage/talk-day.ts); talks without a time come last. */
export function byDay(
  talks: readonly TalkRecord[],
  event?: Pick<EventRecord, 'timezone'>,
): { day: string; talks: TalkRecord[] }[] {
  const groups = new Map<string, TalkRecord[]>();
  for (const t of talks) {
    const day = talkDay(t, event);
    const list = groups.get(day) ?? [];
    list.push(t);
    groups.set(day, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([day, list]) => ({ day, talks: list }));
}
