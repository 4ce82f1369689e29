/**
 * Events repository: conferences. One record per canonical URL (else per name), created with the
 * first talk noted or starred there, refreshed by later captures except in fields the user edited.
 */
import type { EventRef } from '../capture/types';
import { getDb } from './db';
import { newId } from './ids';
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
      const record: EventRecord = { id: newId(now), createdAt: now, updatedAt: now, name: ref.name };
      for (const key of EVENT_FIELDS) {
        const value = ref[key];
        if (value) Object.assign(record, { [key]: value });
      }
      await db.events.add(record);
      return record;
    }
    const edited = new Set(found.editedFields ?? []);
    const next: EventRecord = { ...found };
    let changed = false;
    for (const key of EVENT_FIELDS) {
      const value = ref[key];
      if (!value || edited.has(key) || found[key] === value) continue;
      Object.assign(next, { [key]: value });
      changed = true;
    }
    if (!changed) return found;
    next.updatedAt = Math.max(now, found.updatedAt + 1);
    await db.events.put(next);
    return next;
  });
}

/** Edits an event by hand: the edited fields are remembered and later captures leave them alone. */
export async function editEvent(
  id: string,
  patch: Partial<Pick<EventRecord, EventField>>,
): Promise<EventRecord> {
  const db = getDb();
  return db.transaction('rw', db.events, async () => {
    const found = await db.events.get(id);
    if (!found) throw new Error('That event no longer exists.');
    const next: EventRecord = { ...found };
    const edited = new Set(found.editedFields ?? []);
    for (const key of EVENT_FIELDS) {
      if (!(key in patch)) continue;
      const value = patch[key]?.trim();
      if (key === 'name' && !value) continue; // an event keeps a name
      if (value) Object.assign(next, { [key]: value });
      else delete next[key];
      edited.add(key);
    }
    next.editedFields = [...edited];
    next.updatedAt = Math.max(Date.now(), found.updatedAt + 1);
    await db.events.put(next);
    return next;
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
