/**
 * Talks repository: one record per canonical session URL (talks a schedule lists without a page of
 * their own are matched by title and start). Created when the user notes or stars a talk; later
 * captures refresh it, but only from a page of the talk's own site, and never in the fields the user
 * edited by hand (`editedFields`). Starring sets `starredAt` (the personal agenda).
 */
import { sameSite, siteOf } from '../capture/site';
import { TALK_FIELDS, type TalkField } from '../capture/talk-fields';
import type { EventRef, TalkRef } from '../capture/types';
import { getDb } from './db';
import { deckByUrl, linkDeckToTalk } from './decks';
import { findEvent, upsertEvent } from './events';
import { createRecord, editByHand, type Fields, updateRecord } from './records';
import type { DeckRecord, NoteRecord, TalkRecord } from './types';

/** What a capture knows about one talk. */
export interface CapturedTalk {
  talk: TalkRef;
  event?: EventRef;
  platform: string;
  /** The page it was read from. */
  pageUrl: string;
}

const live = (t: TalkRecord) => !t.deletedAt;

/** The live talk with this canonical URL. */
export function talkByUrl(url: string): Promise<TalkRecord | undefined> {
  return getDb().talks.where('url').equals(url).filter(live).first();
}

/** One talk. */
export function getTalk(id: string): Promise<TalkRecord | undefined> {
  return getDb().talks.get(id);
}

async function findTalk(talk: TalkRef, eventId: string | undefined): Promise<TalkRecord | undefined> {
  if (talk.url) return talkByUrl(talk.url);
  // No page of its own (a Sessionize list item): same title, same start, same event.
  const title = talk.title.trim().toLowerCase();
  return getDb()
    .talks.filter(
      (t) =>
        live(t) &&
        !t.url &&
        t.title.trim().toLowerCase() === title &&
        t.startsAt === talk.startsAt &&
        t.eventId === eventId,
    )
    .first();
}

/**
 * A page describes only itself (DESIGN.md §4): a talk URL on another site than the page that read it
 * names no talk here, so it is dropped (the talk is then matched as one without a page of its own).
 */
function ownTalk(talk: TalkRef, pageUrl: string): TalkRef {
  if (!talk.url || sameSite(talk.url, pageUrl)) return talk;
  const { url: _foreign, ...rest } = talk;
  return rest;
}

/** The site a stored talk belongs to: its own page's, else the page it was first read from. */
function siteOfTalk(talk: TalkRecord): string | undefined {
  return siteOf(talk.url ?? talk.source?.url);
}

/** Whether a page may refresh a stored talk: only a page of the talk's own site may. */
function speaksFor(pageUrl: string, talk: TalkRecord): boolean {
  const site = siteOfTalk(talk);
  return site !== undefined && site === siteOf(pageUrl);
}

/**
 * The event a capture names. A page of the event's own site (or an event without a URL) creates or
 * refreshes it; a page elsewhere that names it only finds it, or creates it when it is not there yet.
 */
async function eventOf(ref: EventRef, pageUrl: string, now: number) {
  if (!ref.url || sameSite(ref.url, pageUrl)) return upsertEvent(ref, now);
  return (await findEvent(ref)) ?? upsertEvent(ref, now);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Creates or refreshes a talk (and its event) from a capture; returns the stored record. Only a page
 * of the talk's own site refreshes it (a page elsewhere that matches it may still star it), and never
 * in the fields the user edited. A talk that names its slides links that deck when it was already
 * recorded without a talk.
 */
export async function upsertTalk(
  input: CapturedTalk,
  options: { star?: boolean; now?: number } = {},
): Promise<TalkRecord> {
  const now = options.now ?? Date.now();
  const db = getDb();
  return db.transaction('rw', db.talks, db.events, db.decks, db.notes, async () => {
    const event = input.event ? await eventOf(input.event, input.pageUrl, now) : undefined;
    const talk = ownTalk(input.talk, input.pageUrl);
    const found = await findTalk(talk, event?.id);
    const source = { platform: input.platform, url: input.pageUrl, capturedAt: now };
    if (!found) {
      const fields: Fields<TalkRecord> = {
        title: talk.title,
        speakers: talk.speakers,
        tags: [],
        source,
      };
      for (const key of TALK_FIELDS) {
        const value = talk[key];
        if (value !== undefined && value !== '') Object.assign(fields, { [key]: value });
      }
      if (event) fields.eventId = event.id;
      if (options.star) fields.starredAt = now;
      return linkSlidesDeck(await createRecord(db.talks, fields, now));
    }
    const stored = await updateRecord(
      db.talks,
      found.id,
      (old) => {
        if (!speaksFor(input.pageUrl, old)) {
          // Another site's page: it may star the talk (the user asked), never rewrite it.
          return options.star && !old.starredAt ? { ...old, starredAt: now } : undefined;
        }
        const edited = new Set(old.editedFields ?? []);
        const next: TalkRecord = { ...old, source };
        for (const key of TALK_FIELDS) {
          const value = talk[key];
          // Missing data never erases what an earlier capture (or the user) recorded.
          const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
          if (empty || edited.has(key) || sameValue(old[key], value)) continue;
          Object.assign(next, { [key]: value });
        }
        if (event && !edited.has('eventId')) next.eventId = event.id;
        if (options.star && !old.starredAt) next.starredAt = now;
        return next;
      },
      { now },
    );
    return linkSlidesDeck(stored!);
  });
}

/** A talk that names its slides links that deck, if the deck was already visited and has no talk yet. */
async function linkSlidesDeck(talk: TalkRecord): Promise<TalkRecord> {
  if (!talk.slidesUrl) return talk;
  const deck = (await deckByUrl(talk.slidesUrl)) ?? (await deckByUrl(talk.slidesUrl.replace(/\/$/, '')));
  if (deck && !deck.talkId) await linkDeckToTalk(deck.id, talk.id);
  return talk;
}

/** Stars or unstars a talk (the personal agenda). */
export async function setStarred(id: string, starred: boolean): Promise<void> {
  await updateRecord(getDb().talks, id, (found) => {
    if (Boolean(found.starredAt) === starred) return undefined;
    const next: TalkRecord = { ...found };
    if (starred) next.starredAt = Date.now();
    else delete next.starredAt;
    return next;
  });
}

export type TalkPatch = Partial<Pick<TalkRecord, TalkField | 'eventId'>>;

/** Edits a talk by hand: edited fields are remembered, so later captures leave them alone. */
export function editTalk(id: string, patch: TalkPatch): Promise<TalkRecord> {
  return editByHand(getDb().talks, id, patch, {
    keys: [...TALK_FIELDS, 'eventId'],
    required: 'title',
    missing: 'That talk no longer exists.',
  });
}

/** Live talks of an event, in time order (talks without a time last, by title). */
export async function talksOfEvent(eventId: string): Promise<TalkRecord[]> {
  const talks = await getDb().talks.where('eventId').equals(eventId).filter(live).toArray();
  return talks.sort(byTime);
}

/** Starred talks in time order. */
export async function starredTalks(): Promise<TalkRecord[]> {
  const talks = await getDb().talks.where('starredAt').above(0).filter(live).toArray();
  return talks.sort(byTime);
}

function byTime(a: TalkRecord, b: TalkRecord): number {
  const ta = a.startsAt ? Date.parse(a.startsAt) : Number.POSITIVE_INFINITY;
  const tb = b.startsAt ? Date.parse(b.startsAt) : Number.POSITIVE_INFINITY;
  return ta - tb || a.title.localeCompare(b.title);
}

/** Stars the talk a page shows (creating it and its event first). */
export async function starCapturedTalk(input: CapturedTalk, starred = true): Promise<TalkRecord> {
  const db = getDb();
  return db.transaction('rw', db.talks, db.events, db.decks, db.notes, async () => {
    const talk = await upsertTalk(input, { star: starred });
    if (!starred && talk.starredAt) await setStarred(talk.id, false);
    return talk;
  });
}

/** A talk's live notes, oldest first. */
export async function notesForTalk(talkId: string): Promise<NoteRecord[]> {
  const notes = await getDb()
    .notes.where('talkId')
    .equals(talkId)
    .filter((n) => !n.deletedAt)
    .toArray();
  return notes.sort((a, b) => a.createdAt - b.createdAt);
}

/** The decks linked to a talk. */
export function decksForTalk(talkId: string): Promise<DeckRecord[]> {
  return getDb()
    .decks.where('talkId')
    .equals(talkId)
    .filter((d) => !d.deletedAt)
    .toArray();
}

/** Talks to offer when attaching a deck or moving a note: starred ones first, then the latest touched. */
export async function talkChoices(limit = 30): Promise<TalkRecord[]> {
  const starred = await starredTalks();
  const recent = await getDb().talks.orderBy('updatedAt').reverse().filter(live).limit(limit).toArray();
  const seen = new Set<string>();
  return [...starred, ...recent].filter((t) => !seen.has(t.id) && seen.add(t.id)).slice(0, limit);
}

/** The stored talk a capture describes (by canonical URL, else by title and start), if any. */
export function storedTalk(captured: TalkRef, pageUrl: string): Promise<TalkRecord | undefined> {
  const talk = ownTalk(captured, pageUrl);
  return findTalk({ ...talk, url: talk.url ?? undefined }, undefined).then(
    async (found) => found ?? (talk.url ? undefined : talkByUrl(pageUrl)),
  );
}

/** The stored talks among those a schedule page lists (by URL, else by title and start). */
export async function storedAmong(refs: readonly TalkRef[]): Promise<TalkRecord[]> {
  const urls = refs.map((r) => r.url).filter((u): u is string => !!u);
  const byUrl = urls.length ? await getDb().talks.where('url').anyOf(urls).filter(live).toArray() : [];
  const loose = refs.filter((r) => !r.url);
  if (loose.length === 0) return byUrl;
  const keys = new Set(loose.map((r) => `${r.title.trim().toLowerCase()}|${r.startsAt ?? ''}`));
  const byTitle = await getDb()
    .talks.filter((t) => live(t) && !t.url && keys.has(`${t.title.trim().toLowerCase()}|${t.startsAt ?? ''}`))
    .toArray();
  return [...byUrl, ...byTitle];
}
