/** Recaps repository, and the reads that gather talks and notes for the composer. */
import { dayZone, eventMomentDays, momentsOfDay, noteDay, notesAround } from './day-notes';
import { getDb } from './db';
import { createRecord, softDelete, updateRecord } from './records';
import { talkDay } from './talk-day';
import type { DeckRecord, EventRecord, NoteRecord, RecapRecord, TalkRecord } from './types';

/** A talk with its live notes, oldest first. */
export interface TalkWithNotes {
  talk: TalkRecord;
  notes: NoteRecord[];
}

/**
 * What a recap shows, as stored (recap/model's input): its event, its talks in its order with their
 * live notes and attached decks, the day's moments it keeps; and, for a day's recap, the day's
 * notes it leaves out by the user's choice.
 */
export interface RecapContent {
  title?: string;
  intro?: string;
  outro?: string;
  event?: EventRecord;
  day?: string;
  /** The zone the day's notes are counted in: the event's, else the browser's. */
  zone: string;
  talks: (TalkWithNotes & {
    options?: NonNullable<RecapRecord['talkOptions']>[string];
    /** Decks attached to the talk (their link is the recap's "Slides"). */
    decks: DeckRecord[];
  })[];
  /** The day's notes on no talk that go in, oldest first (none for a recap of picked talks). */
  moments: NoteRecord[];
  /** "Takeaways by theme": the themes the user chose; notes whose thumbnail shows in the post. */
  themes?: RecapRecord['themes'];
  pictures?: RecapRecord['pictures'];
  /** Of the day: attended talks not in the recap, and moments the user unticked. */
  dayLeftOut: { talks: TalkWithNotes[]; moments: NoteRecord[] };
}

export type RecapFields = Omit<RecapRecord, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

/** Saves a new recap. */
export async function createRecap(fields: RecapFields): Promise<RecapRecord> {
  return createRecord(getDb().recaps, fields);
}

/** Changes a recap; `updatedAt` always moves forward (newer wins in imports and sync). */
export async function updateRecap(id: string, patch: Partial<RecapFields>): Promise<RecapRecord> {
  const recap = await updateRecord(getDb().recaps, id, (old) => ({ ...old, ...patch }), {
    missing: () => new Error('That recap no longer exists.'),
  });
  return recap!;
}

/** Moves a recap to the trash. */
export async function trashRecap(id: string): Promise<void> {
  await softDelete(getDb().recaps, [id]);
}

/** One recap, or undefined when gone or trashed. */
export async function getRecap(id: string): Promise<RecapRecord | undefined> {
  const r = await getDb().recaps.get(id);
  return r && !r.deletedAt ? r : undefined;
}

/** Saved recaps, most recently changed first. */
export async function listRecaps(): Promise<RecapRecord[]> {
  const all = await getDb().recaps.orderBy('updatedAt').reverse().toArray();
  return all.filter((r) => !r.deletedAt);
}

/** Live notes of one talk, oldest first. */
export async function notesOfTalk(talkId: string): Promise<NoteRecord[]> {
  const notes = await getDb().notes.where('talkId').equals(talkId).sortBy('createdAt');
  return notes.filter((n) => !n.deletedAt);
}

/** Talks worth a recap: the user wrote a note on them or starred them. Ordered by start time. */
async function attended(talks: TalkRecord[]): Promise<TalkRecord[]> {
  const db = getDb();
  const live = talks.filter((t) => !t.deletedAt);
  const withNotes = await Promise.all(
    live.map(
      async (t) =>
        t.starredAt !== undefined ||
        (await db.notes
          .where('talkId')
          .equals(t.id)
          .filter((n) => !n.deletedAt)
          .count()) > 0,
    ),
  );
  return live
    .filter((_, i) => withNotes[i])
    .sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a.title.localeCompare(b.title));
}

/** Attended talks of an event, grouped by venue-local day (YYYY-MM-DD, '' for talks without a time). */
export async function attendedByDay(eventId: string): Promise<Map<string, TalkRecord[]>> {
  const db = getDb();
  const [event, talks] = await Promise.all([
    db.events.get(eventId),
    db.talks.where('eventId').equals(eventId).toArray(),
  ]);
  const days = new Map<string, TalkRecord[]>();
  for (const t of await attended(talks)) {
    const day = talkDay(t, event);
    days.set(day, [...(days.get(day) ?? []), t]);
  }
  return new Map([...days].sort(([a], [b]) => (a || '9').localeCompare(b || '9')));
}

/** Attended talks of an event on one venue-local day, in start order. */
export async function talksForDay(eventId: string, day: string): Promise<TalkRecord[]> {
  return (await attendedByDay(eventId)).get(day) ?? [];
}

/**
 * The days an event's recap can be about: each day with attended talks or with notes filed under
 * the event without a talk, in order (the day of talks without a time, '', last).
 */
export async function eventRecapDays(
  eventId: string,
): Promise<Map<string, { talks: TalkRecord[]; moments: number }>> {
  const event = await getDb().events.get(eventId);
  const [talks, moments] = await Promise.all([
    attendedByDay(eventId),
    event ? eventMomentDays(event) : Promise.resolve(new Map<string, number>()),
  ]);
  const days = new Map<string, { talks: TalkRecord[]; moments: number }>();
  for (const day of new Set([...talks.keys(), ...moments.keys()])) {
    days.set(day, { talks: talks.get(day) ?? [], moments: moments.get(day) ?? 0 });
  }
  return new Map([...days].sort(([a], [b]) => (a || '9').localeCompare(b || '9')));
}

/**
 * Attended talks of any event (or none) on a calendar day, each day counted at its venue, in start
 * order; then the talks with no time noted that day (`timelessNotedOn`).
 */
export async function attendedOnDate(day: string): Promise<TalkRecord[]> {
  const db = getDb();
  const at = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(at)) return [];
  // Start times are ISO strings with an offset: the day before to the day after holds every zone's.
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const near = await db.talks
    .where('startsAt')
    .between(iso(at - 86_400_000), `${iso(at + 86_400_000)}\uffff`)
    .toArray();
  const eventIds = [...new Set(near.flatMap((t) => (t.eventId ? [t.eventId] : [])))];
  const events = await db.events.bulkGet(eventIds);
  const eventOf = new Map(eventIds.map((id, i) => [id, events[i]]));
  const onDay = near.filter((t) => talkDay(t, t.eventId ? eventOf.get(t.eventId) : undefined) === day);
  return [...(await attended(onDay)), ...(await timelessNotedOn(day))];
}

/**
 * Talks with no time (a talk video, a page that names no schedule) noted on `day`: such a talk has
 * no day of its own, so it counts on the days its notes were written, each note's day taken in its
 * talk's event zone (else the browser's), as a note on no talk is. In the order of their first note
 * that day, after the talks that have a time.
 */
async function timelessNotedOn(day: string): Promise<TalkRecord[]> {
  const db = getDb();
  const notes = (await notesAround(day)).filter((n) => n.talkId); // oldest first
  const talkIds = [...new Set(notes.map((n) => n.talkId!))];
  const found = await db.talks.bulkGet(talkIds);
  const timeless = new Map(
    found.flatMap((t) => (t && !t.deletedAt && !t.startsAt ? [[t.id, t] as const] : [])),
  );
  const eventIds = [...new Set([...timeless.values()].flatMap((t) => (t.eventId ? [t.eventId] : [])))];
  const events = await db.events.bulkGet(eventIds);
  const zoneOf = new Map(eventIds.map((id, i) => [id, dayZone(events[i])]));
  const browser = dayZone();
  const out: TalkRecord[] = [];
  for (const n of notes) {
    const talk = timeless.get(n.talkId!);
    if (!talk || out.includes(talk)) continue;
    if (noteDay(n, (talk.eventId && zoneOf.get(talk.eventId)) || browser) === day) out.push(talk);
  }
  return out;
}

/** The attended talks of a recap's day: the event's day, or the plain date. */
function talksOfRecapDay(eventId: string | undefined, day: string): Promise<TalkRecord[]> {
  return eventId ? talksForDay(eventId, day) : attendedOnDate(day);
}

/** Every live talk the user has notes on or starred, newest first (for picking any talks). */
export async function attendedTalks(limit = 500): Promise<TalkRecord[]> {
  // By last change, not start time: talks captured without a time have no `startsAt` key.
  const talks = await getDb().talks.orderBy('updatedAt').reverse().limit(limit).toArray();
  return (await attended(talks)).reverse();
}

/** Live decks attached to each of the talks, newest change first. */
async function decksOf(talkIds: string[]): Promise<Map<string, DeckRecord[]>> {
  const decks = talkIds.length ? await getDb().decks.where('talkId').anyOf(talkIds).toArray() : [];
  const out = new Map<string, DeckRecord[]>();
  for (const d of decks.sort((a, b) => b.updatedAt - a.updatedAt)) {
    if (d.deletedAt || !d.talkId) continue;
    out.set(d.talkId, [...(out.get(d.talkId) ?? []), d]);
  }
  return out;
}

/** A recap's list of unticked moments, read defensively (it may come from an old or foreign backup). */
function idList(ids: unknown): Set<string> {
  return new Set(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []);
}

/**
 * Reads what a recap shows: its event, its talks in its order with their notes and decks; for a
 * recap of a day, that day's moments (notes on no talk, see storage/day-notes.ts) and what of the
 * day it leaves out.
 */
export async function loadRecapInput(
  recap: Pick<
    RecapRecord,
    'title' | 'eventId' | 'day' | 'talkIds' | 'intro' | 'outro' | 'talkOptions' | 'momentsOut'
  > &
    Partial<Pick<RecapRecord, 'themes' | 'pictures'>>,
): Promise<RecapContent> {
  const db = getDb();
  const [stored, talks, decks] = await Promise.all([
    recap.eventId ? db.events.get(recap.eventId) : Promise.resolve(undefined),
    db.talks.bulkGet(recap.talkIds),
    decksOf(recap.talkIds),
  ]);
  const event = stored && !stored.deletedAt ? stored : undefined;
  const present = talks.filter((t): t is TalkRecord => !!t && !t.deletedAt);
  const notes = await Promise.all(present.map((t) => notesOfTalk(t.id)));
  const day = recap.day && /^\d{4}-\d{2}-\d{2}$/.test(recap.day) ? recap.day : undefined;
  // A recap of an event's day needs the event; one whose event is gone gathers nothing more.
  const ofDay = day && (event || !recap.eventId);
  const [dayTalks, dayMoments] = ofDay
    ? await Promise.all([talksOfRecapDay(event?.id, day), momentsOfDay(day, event)])
    : [[], []];
  const inRecap = new Set(present.map((t) => t.id));
  const otherTalks = dayTalks.filter((t) => !inRecap.has(t.id));
  const otherNotes = await Promise.all(otherTalks.map((t) => notesOfTalk(t.id)));
  const out = idList(recap.momentsOut);
  return {
    title: recap.title,
    intro: recap.intro,
    outro: recap.outro,
    event,
    day: recap.day,
    zone: dayZone(event),
    talks: present.map((talk, i) => ({
      talk,
      notes: notes[i] ?? [],
      options: recap.talkOptions?.[talk.id],
      decks: decks.get(talk.id) ?? [],
    })),
    moments: dayMoments.filter((n) => !out.has(n.id)),
    ...(recap.themes?.length ? { themes: recap.themes } : {}),
    ...(recap.pictures?.length ? { pictures: recap.pictures } : {}),
    dayLeftOut: {
      talks: otherTalks.map((talk, i) => ({ talk, notes: otherNotes[i] ?? [] })),
      moments: dayMoments.filter((n) => out.has(n.id)),
    },
  };
}

/** Thumbnails by blob id (mime and bytes), for the notes a recap shows with thumbnails. */
export async function loadThumbnails(
  ids: string[],
): Promise<Map<string, { mime: string; bytes: Uint8Array }>> {
  const unique = [...new Set(ids)];
  const blobs = await getDb().blobs.bulkGet(unique);
  const out = new Map<string, { mime: string; bytes: Uint8Array }>();
  for (const b of blobs) {
    if (b && !b.deletedAt) out.set(b.id, { mime: b.mime, bytes: new Uint8Array(await b.data.arrayBuffer()) });
  }
  return out;
}

/** Every talk with its event, live notes and attached decks, and the notes filed under no talk (for the archive). */
export async function loadAllNotes(): Promise<{
  talks: { talk: TalkRecord; event?: EventRecord; notes: NoteRecord[]; decks: DeckRecord[] }[];
  loose: NoteRecord[];
}> {
  const db = getDb();
  const [events, talks, notes, decks] = await Promise.all([
    db.events.toArray(),
    db.talks.toArray(),
    db.notes.toArray(),
    db.decks.toArray(),
  ]);
  const decksByTalk = new Map<string, DeckRecord[]>();
  for (const d of decks.sort((a, b) => b.updatedAt - a.updatedAt)) {
    if (!d.deletedAt && d.talkId) decksByTalk.set(d.talkId, [...(decksByTalk.get(d.talkId) ?? []), d]);
  }
  const eventById = new Map(events.filter((e) => !e.deletedAt).map((e) => [e.id, e]));
  const byTalk = new Map<string, NoteRecord[]>();
  const loose: NoteRecord[] = [];
  for (const n of notes) {
    if (n.deletedAt) continue;
    if (!n.talkId) {
      loose.push(n);
      continue;
    }
    const list = byTalk.get(n.talkId);
    if (list) list.push(n);
    else byTalk.set(n.talkId, [n]);
  }
  const live = talks.filter((t) => !t.deletedAt && byTalk.has(t.id));
  const known = new Set(live.map((t) => t.id));
  for (const [talkId, list] of byTalk) if (!known.has(talkId)) loose.push(...list);
  return {
    talks: live.map((talk) => ({
      talk,
      event: talk.eventId ? eventById.get(talk.eventId) : undefined,
      notes: (byTalk.get(talk.id) ?? []).sort((a, b) => a.createdAt - b.createdAt),
      decks: decksByTalk.get(talk.id) ?? [],
    })),
    loose,
  };
}

/**
 * The day to suggest for a new recap: the day of the talk (venue time) or event the user wrote on
 * last — an event's day, or the plain date of a talk without an event, or of the note when its talk
 * has no time — with that day's attended talks in start order. Undefined when no note is on a talk or filed under an event.
 */
export async function suggestedDay(): Promise<
  { eventId?: string; day: string; talkIds: string[] } | undefined
> {
  const db = getDb();
  let last: NoteRecord | undefined;
  await db.notes
    .orderBy('updatedAt')
    .reverse()
    .until(() => last !== undefined)
    .each((n) => {
      if (!n.deletedAt && (n.talkId || n.eventId) && last === undefined) last = n;
    });
  if (!last) return undefined;
  const talk = last.talkId ? await db.talks.get(last.talkId) : undefined;
  const eventId = last.talkId ? talk?.eventId : last.eventId;
  const event = eventId ? await db.events.get(eventId) : undefined;
  if (talk && !talk.startsAt) {
    // A talk with no time has no day of its own: the plain date the note was written on, whose
    // talks include it (attendedOnDate).
    const date = noteDay(last, dayZone(event));
    return date ? { day: date, talkIds: (await attendedOnDate(date)).map((t) => t.id) } : undefined;
  }
  const day = talk ? talkDay(talk, event) : last.talkId ? '' : noteDay(last, dayZone(event));
  if (!day || (eventId && !event)) return undefined;
  const talks = await talksOfRecapDay(eventId, day);
  return { ...(eventId ? { eventId } : {}), day, talkIds: talks.map((t) => t.id) };
}
