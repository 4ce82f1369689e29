/**
 * Events repository: conferences. One record per canonical URL (else per name), created with the
 * first talk noted or starred there, refreshed by later captures except in fields the user edited.
 */
import type { EventRef } from '../capture/types';
import { getDb } from './db';
import { createRecord, editByHand, type Fields, updateRecord } from './records';
import type { EventRecord } from './types';

/** Event fields a capture fills and the user may edit. */
export const EVENT_FIELDS = ['name', 'url', 'startDate', 'endDate', 'timezone', 'location'] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

/** The live event with this URL, else with this name (case-insensitive). Call inside a transaction. */
export async function findEvent(ref: EventRef): Promise<EventRecord | undefined> {
  const db = getDb();
  if (ref.url) {
    const byUrl = await db.events
      .where('url')
      .equals(ref.url)
      .filter((e) => !e.deletedAt)
      .first();
    if (byUrl) return byUrl;
  }
  const name = ref.name.trim().toLowerCase();
  return db.events
    .where('name')
    .equalsIgnoreCase(ref.name.trim())
    .filter(
      (e) =>
        !e.deletedAt && e.name.trim().toLowerCase() === name && (!ref.url || !e.url || e.url === ref.url),
    )
    .first();
}

/** Creates or refreshes the event a capture names; fields the user edited are left alone. */
export async function upsertEvent(ref: EventRef, now = Date.now()): Promise<EventRecord> {
  const db = getDb();
  return db.transaction('rw', db.events, async () => {
    const found = await findEvent(ref);
    if (!found) {
      const fields: Fields<EventRecord> = { name: ref.name };
      for (const key of EVENT_FIELDS) {
        const value = ref[key];
        if (value) Object.assign(fields, { [key]: value });
      }
      return createRecord(db.events, fields, now);
    }
    const edited = new Set(found.editedFields ?? []);
    const stored = await updateRecord(
      db.events,
      found.id,
      (old) => {
        const next: EventRecord = { ...old };
        let changed = false;
        for (const key of EVENT_FIELDS) {
          const value = ref[key];
          if (!value || edited.has(key) || old[key] === value) continue;
          Object.assign(next, { [key]: value });
          changed = true;
        }
        return changed ? next : undefined;
      },
      { now },
    );
    return stored ?? found;
  });
}

/** Edits an event by hand: the edited fields are remembered and later captures leave them alone. */
export function editEvent(id: string, patch: Partial<Pick<EventRecord, EventField>>): Promise<EventRecord> {
  return editByHand(getDb().events, id, patch, {
    keys: EVENT_FIELDS,
    required: 'name',
    missing: 'That event no longer exists.',
  });
}

/** One event. */
export function getEvent(id: string): Promise<EventRecord | undefined> {
  return getDb().events.get(id);
}

/** Every live event, latest first (by start date, then by creation). */
export async function listEvents(): Promise<EventRecord[]> {
  const all = await getDb()
    .events.filter((e) => !e.deletedAt)
    .toArray();
  return all.sort(
    (a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || b.createdAt - a.createdAt,
  );
}
