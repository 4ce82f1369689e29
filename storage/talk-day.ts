/**
 * "Which day is this talk on": the one answer the library, the event view and recaps share. The
 * day is the venue's calendar day, computed with Intl in an explicit zone, so it never depends on
 * the zone of the computer the extension runs on.
 */
import { dayOf, isValidZone } from '../capture/time';
import type { EventRecord, TalkRecord } from './types';

/**
 * The calendar day (YYYY-MM-DD) a talk starts on: in the talk's own zone, else the event's, else
 * as its start time is written (the offset it carries). `''` for a talk without a start time.
 */
export function talkDay(
  talk: Pick<TalkRecord, 'startsAt' | 'timezone'>,
  event?: Pick<EventRecord, 'timezone'>,
): string {
  if (!talk.startsAt) return '';
  const zone = [talk.timezone, event?.timezone].find((z) => isValidZone(z));
  return dayOf(talk.startsAt, zone) ?? '';
}
