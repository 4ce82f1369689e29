/**
 * The library's browse levels: events → days → talks, plus notes on no talk grouped by page, and
 * the kind views. Each level is read when it is opened, with counts of live notes.
 */
import { getDb } from './db';
import { listEvents } from './events';
import { trashedIds } from './library';
import { talkDay } from './talk-day';
import type { EventRecord, NoteKind, NoteRecord, TalkRecord } from './types';

export interface EventRow {
  event: EventRecord;
  talks: number;
}

export interface DayRow {
  /** `YYYY-MM-DD` as at the venue, or `''` for talks without a time. */
  day: string;
  talkIds: string[];
  notes: number;
}

export interface TalkRow {
  talk: TalkRecord;
  notes: number;
}

export interface PageRow {
  url: string;
  title: string;
  notes: number;
  /** Id of the page's newest note (lists are newest first). */
  latestId: string;
}

/** What the trash holds, per talk and per kind: counts read from indexes subtract these. */
interface TrashStats {
  byTalk: Map<string, number>;
  byKind: Map<NoteKind, number>;
}

async function trashStats(): Promise<TrashStats> {
  const trashed: NoteRecord[] = await getDb().notes.where('deletedAt').above(0).toArray();
  const stats: TrashStats = { byTalk: new Map(), byKind: new Map() };
  for (const n of trashed) {
    if (n.talkId) stats.byTalk.set(n.talkId, (stats.byTalk.get(n.talkId) ?? 0) + 1);
    stats.byKind.set(n.kind, (stats.byKind.get(n.kind) ?? 0) + 1);
  }
  return stats;
}

/** Live notes on these talks: one native index count per talk (no cursor, no note read). */
async function notesOnTalks(talkIds: string[], trash: TrashStats): Promise<number> {
  const notes = getDb().notes;
  const counts = await Promise.all(talkIds.map((id) => notes.where('talkId').equals(id).count()));
  return counts.reduce((sum, n, i) => sum + n - (trash.byTalk.get(talkIds[i]!) ?? 0), 0);
}

/** Every event in {@link listEvents} order, with its talks counted (cheap: the library's start paints on it). */
export async function eventRows(): Promise<EventRow[]> {
  const db = getDb();
  const events = await listEvents();
  return Promise.all(
    events.map(async (event) => ({ event, talks: await db.talks.where('eventId').equals(event.id).count() })),
  );
}

/** Live notes per event (read after the list is on screen: it counts per talk). */
export async function eventNoteCounts(): Promise<Map<string, number>> {
  const db = getDb();
  const [talks, trash] = await Promise.all([db.talks.orderBy('eventId').keys(), trashStats()]);
  const ids = await db.talks.orderBy('eventId').primaryKeys();
  const byEvent = new Map<string, string[]>();
  talks.forEach((eventId, i) => {
    const list = byEvent.get(String(eventId)) ?? [];
    list.push(ids[i]!);
    byEvent.set(String(eventId), list);
  });
  const counts = new Map<string, number>();
  for (const [eventId, talkIds] of byEvent) counts.set(eventId, await notesOnTalks(talkIds, trash));
  return counts;
}

/** Events for pickers: id and name, newest first (no counting). */
export async function eventChoices(): Promise<{ id: string; name: string }[]> {
  return (await listEvents()).map((e) => ({ id: e.id, name: e.name }));
}

/** An event's live talks, each with the day it is on at the venue. */
async function talksOfEvent(eventId: string): Promise<{ talk: TalkRecord; day: string }[]> {
  const db = getDb();
  const [event, talks] = await Promise.all([
    db.events.get(eventId),
    db.talks.where('eventId').equals(eventId).toArray(),
  ]);
  return talks.filter((t) => !t.deletedAt).map((talk) => ({ talk, day: talkDay(talk, event) }));
}

/** The days of an event, in order, with their talks (undated talks last). */
export async function eventDays(eventId: string): Promise<DayRow[]> {
  const [talks, trashed] = await Promise.all([talksOfEvent(eventId), trashStats()]);
  const byDay = new Map<string, string[]>();
  for (const { talk, day } of talks) byDay.set(day, [...(byDay.get(day) ?? []), talk.id]);
  const days = [...byDay.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return Promise.all(
    days.map(async (day) => {
      const talkIds = byDay.get(day) ?? [];
      return { day, talkIds, notes: await notesOnTalks(talkIds, trashed) };
    }),
  );
}

/** The talks of an event (on one day, when given), by start time, with note counts. */
export async function talksOn(eventId: string, day?: string): Promise<TalkRow[]> {
  const [talks, trashed] = await Promise.all([talksOfEvent(eventId), trashStats()]);
  const chosen = talks
    .filter((t) => day === undefined || t.day === day)
    .map((t) => t.talk)
    .sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a.title.localeCompare(b.title));
  return Promise.all(chosen.map(async (talk) => ({ talk, notes: await notesOnTalks([talk.id], trashed) })));
}

/**
 * Pages with notes on no talk, newest first. Walks the `url` index by key only (no note records),
 * then reads one note per page for its title.
 */
export async function untalkedPages(): Promise<PageRow[]> {
  const db = getDb();
  const [talked, trashed] = await Promise.all([
    db.notes
      .orderBy('talkId')
      .primaryKeys()
      .then((ids) => new Set(ids)),
    trashedIds(),
  ]);
  const pages = new Map<string, { notes: number; latestId: string }>();
  await db.notes.orderBy('url').eachKey((url, cursor) => {
    const id = String(cursor.primaryKey);
    if (talked.has(id) || trashed.has(id)) return;
    const page = pages.get(String(url));
    if (!page) pages.set(String(url), { notes: 1, latestId: id });
    else {
      page.notes++;
      if (id > page.latestId) page.latestId = id;
    }
  });
  const rows = [...pages].map(([url, p]) => ({ url, title: '', ...p }));
  rows.sort((a, b) => (a.latestId < b.latestId ? 1 : -1));
  const latest = await db.notes.bulkGet(rows.map((r) => r.latestId));
  latest.forEach((n, i) => {
    const row = rows[i];
    if (row) row.title = n?.pageTitle || row.url;
  });
  return rows;
}

/** Live notes of one kind (for the "Questions for the speaker" and "To do" entries). */
export async function countKind(kind: NoteKind): Promise<number> {
  const [all, trash] = await Promise.all([getDb().notes.where('kind').equals(kind).count(), trashStats()]);
  return all - (trash.byKind.get(kind) ?? 0);
}
