/**
 * Files a note typed on a page under what the page shows: its canonical URL and, where capture
 * knows them, the slide, deck, talk and event. Where it goes is decided by storage/filing.ts; this
 * writes that plan.
 */
import type { PageCapture } from '../capture/types';
import { getDb } from './db';
import { ensureDeck, linkDeckToTalk } from './decks';
import { type FiledUnder, type FilingPlan, planFiling } from './filing';
import type { NotePlace } from './move-notes';
import { validateBody } from './note-rules';
import { createNote, type NewImage, type NewNote } from './notes';
import { liveOffsetSec } from './recording-moments';
import { getTalk, upsertTalk } from './talks';
import type { NoteAnchor, NoteRecord } from './types';

/** The anchor a note gets from the page it was written on. */
export function anchorFrom(capture: PageCapture): NoteAnchor | undefined {
  const anchor: NoteAnchor = {};
  if (capture.slide) {
    const { index, label, title, links } = capture.slide;
    anchor.slide = title ? { index, label, title } : { index, label };
    if (links?.length)
      anchor.slide.links = links.map((l) => (l.text ? { url: l.url, text: l.text } : { url: l.url }));
  }
  if (capture.video) anchor.time = capture.video.currentTime;
  return anchor.slide || anchor.time !== undefined ? anchor : undefined;
}

/**
 * Saves `body` as a note on the captured page. A note on a deck links to the deck record (created
 * once per canonical URL) and gets a thumbnail of the slide when `thumbnail` can take one; a
 * thumbnail that fails leaves the note without one, never unsaved.
 */
export async function fileNote(
  body: string,
  capture: PageCapture,
  extra: { thumbnailId?: string; thumbnail?: () => Promise<string | NewImage | null> } = {},
): Promise<NoteRecord> {
  return (await fileNoteDetailed(body, capture, extra)).note;
}

/**
 * Writes a filing plan and the note in one transaction: the deck (created once per canonical URL),
 * the page's talk and event (created or refreshed) with the deck linked to it, then the note.
 */
export async function writeFiling(
  plan: FilingPlan,
  note: Omit<NewNote, 'talkId' | 'deckId'>,
  image?: NewImage,
): Promise<{ note: NoteRecord; filedUnder?: FiledUnder }> {
  const db = getDb();
  return db.transaction('rw', [db.events, db.talks, db.decks, db.notes, db.blobs], async () => {
    const choice = plan.talk;
    // A deck without a talk, noted while a starred talk runs, is taken to be that talk's deck: it
    // is linked, and its earlier notes follow (decks.ts, linkDeckToTalk).
    const nowTalk = choice?.via === 'now' ? choice.record.id : undefined;
    const deckId = plan.deck ? await ensureDeck(plan.deck.ref, plan.deck.platform, nowTalk) : undefined;
    let filedUnder: FiledUnder | undefined;
    let talkOffsetSec: number | undefined;
    if (choice?.via === 'page') {
      const talk = await upsertTalk(choice.capture, { now: plan.now });
      if (deckId) await linkDeckToTalk(deckId, talk.id);
      filedUnder = { talkId: talk.id, title: talk.title, via: 'page' };
      talkOffsetSec = liveOffsetSec(talk, plan.now);
    } else if (choice) {
      if (deckId && choice.via === 'deck' && choice.linkDeck) await linkDeckToTalk(deckId, choice.record.id);
      filedUnder = { talkId: choice.record.id, title: choice.record.title, via: choice.via };
      talkOffsetSec = liveOffsetSec(choice.record, plan.now);
    }
    // A note taken while its talk runs keeps its moment in the talk, for the recording (recordings.ts).
    // The slide image is written with the note, in this transaction: no orphan image on a failure.
    const saved = await createNote({ ...note, deckId, talkId: filedUnder?.talkId, talkOffsetSec }, image);
    return { note: saved, filedUnder };
  });
}

/**
 * {@link fileNote}, also telling which talk the note went under and why: the page's own talk
 * (created or refreshed with its event), the deck's talk, or the starred talk running now.
 */
export async function fileNoteDetailed(
  body: string,
  capture: PageCapture,
  extra: {
    thumbnailId?: string;
    /** Takes the slide's image: stored with the note (or, as before, an id already stored). */
    thumbnail?: () => Promise<string | NewImage | null>;
    now?: number;
    /** Where the user chose to file the note, overriding the plan (`{}`: under no talk). */
    place?: NotePlace;
  } = {},
): Promise<{ note: NoteRecord; filedUnder?: FiledUnder }> {
  validateBody(body); // before any thumbnail is stored for it
  const plan = await planFiling(capture, extra.now);
  if (extra.place) {
    // The user chose where the note goes (the popup's destination): that talk, or none. The page's
    // deck is still recorded, but not linked to a talk the user did not say it belongs to.
    const chosen = extra.place.talkId ? await getTalk(extra.place.talkId) : undefined;
    plan.talk = chosen && !chosen.deletedAt ? { via: 'chosen', record: chosen } : undefined;
  }
  let thumbnailId = extra.thumbnailId;
  let image: NewImage | undefined;
  if (!thumbnailId && extra.thumbnail && (capture.slide || capture.video)) {
    const taken = await extra.thumbnail().catch(() => null);
    if (typeof taken === 'string') thumbnailId = taken;
    else if (taken) image = taken;
  }
  return writeFiling(
    plan,
    {
      body,
      url: capture.url,
      pageTitle: capture.title,
      anchor: anchorFrom(capture),
      thumbnailId,
    },
    image,
  );
}
