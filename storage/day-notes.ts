/**
 * The notes of a day that belong to no talk: the day's "moments" (the hallway, a blog post read
 * between two talks, a PDF deck never attached to a talk). A note's day is the calendar day of its
 * creation in the event's zone, else in the browser's: the same Intl rule as a talk's day
 * (`talkDay`, through capture/time's `dayOf`), fed with the note's creation instant.
 */
import { dayOf, isValidZone, userZone } from '../capture/time';
import { getDb } from './db';
import type { EventRecord, NoteRecord } from './types';

const HOUR = 3_600_000;

/** The zone a day is counted in: the event's, else the browser's. */
export function dayZone(event?: Pick<EventRecord, 'timezone'>): string {
  const zone = event?.timezone;
  return isValidZone(zone) ? zone : userZone();
}

/** The calendar day (YYYY-MM-DD) a note was written on, in `zone`. */
export function noteDay(note: Pick<NoteRecord, 'createdAt'>, zone: string): string {
  if (!Number.isFinite(note.createdAt)) return '';
  return dayOf(new Date(note.createdAt).toISOString(), zone) ?? '';
}

/** Live notes created within reach of `day` in some zone (UTC−12 to UTC+14), oldest first; callers keep their day's. */
export async function notesAround(day: string): Promise<NoteRecord[]> {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(midnight)) return [];
  const notes = await getDb()
    .notes.where('createdAt')
    .between(midnight - 15 * HOUR, midnight + 39 * HOUR)
    .toArray();
  return notes.filter((n) => !n.deletedAt);
}

const byTime = (a: NoteRecord, b: NoteRecord) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The moments of a day: live notes on no talk written on `day`, oldest first.
 * - For an event's day (`event` given): notes filed under that event, and notes filed under no
 *   event, both counted in the event's zone (the browser's when the event has none). Notes filed
 *   under another event belong to that event's days.
 * - For a plain date (no event): every note on no talk, each counted in the zone of the event it is
 *   filed under, or the browser's zone.
 */
export async function momentsOfDay(
  day: string,
  event?: Pick<EventRecord, 'id' | 'timezone'>,
): Promise<NoteRecord[]> {
  const near = (await notesAround(day)).filter((n) => !n.talkId);
  if (event) {
    const zone = dayZone(event);
    return near
      .filter((n) => (n.eventId === undefined || n.eventId === event.id) && noteDay(n, zone) === day)
      .sort(byTime);
  }
  const eventIds = [...new Set(near.flatMap((n) => (n.eventId ? [n.eventId] : [])))];
  const events = await getDb().events.bulkGet(eventIds);
  const zoneOf = new Map(eventIds.map((id, i) => [id, dayZone(events[i])]));
  const browser = dayZone();
  return near.filter((n) => noteDay(n, (n.eventId && zoneOf.get(n.eventId)) || browser) === day).sort(byTime);
}

/** The days (YYYY-MM-DD, in the event's zone) on which notes were filed under an event without a talk, with how many. */
export async function eventMomentDays(
  event: Pick<EventRecord, 'id' | 'timezone'>,
): Promise<Map<string, number>> {
  const notes = await getDb().notes.where('eventId').equals(event.id).toArray();
  const zone = dayZone(event);
  const days = new Map<string, number>();
  for (const n of notes) {
    if (n.deletedAt || n.talkId) continue;
    const day = noteDay(n, zone);
    if (day) days.set(day, (days.get(day) ?? 0) + 1);
  }
  return days;
}
