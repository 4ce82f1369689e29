/**
 * Decks repository: one record per canonical deck URL, created the first time a note is filed on
 * the deck and kept up to date (title, slide count) by later captures. Each write is one transaction.
 */
import type { DeckRef } from '../capture/types';
import { getDb } from './db';
import { createRecord, type Fields, nextStamp, putRecords, updateRecord } from './records';
import type { DeckRecord, NoteRecord } from './types';

/** The live deck with this canonical URL, if one was recorded. */
export function deckByUrl(url: string): Promise<DeckRecord | undefined> {
  return getDb()
    .decks.where('url')
    .equals(url)
    .filter((d) => !d.deletedAt)
    .first();
}

/**
 * The deck record for `deck.url`: created once, refreshed when the page tells more; returns its id.
 * `talkId` links a deck that has no talk yet (and brings its notes along, see {@link linkDeckToTalk}).
 */
export async function ensureDeck(deck: DeckRef, platform: string, talkId?: string): Promise<string> {
  const db = getDb();
  return db.transaction('rw', db.decks, db.notes, async () => {
    const found = await deckByUrl(deck.url);
    if (!found) {
      const fields: Fields<DeckRecord> = { url: deck.url, title: deck.title, platform };
      if (deck.author) fields.author = deck.author;
      if (deck.slideCount !== undefined) fields.slideCount = deck.slideCount;
      if (talkId) fields.talkId = talkId;
      return (await createRecord(db.decks, fields)).id;
    }
    await updateRecord(db.decks, found.id, (old) => {
      const patch: Partial<DeckRecord> = {};
      if (deck.title && deck.title !== old.title) patch.title = deck.title;
      if (deck.author && deck.author !== old.author) patch.author = deck.author;
      if (deck.slideCount !== undefined && deck.slideCount !== old.slideCount)
        patch.slideCount = deck.slideCount;
      return Object.keys(patch).length > 0 ? { ...old, ...patch } : undefined;
    });
    if (talkId && !found.talkId) await linkDeckToTalk(found.id, talkId);
    return found.id;
  });
}

/**
 * Links a deck to the talk it was presented at (a later link replaces an earlier one) and brings
 * its notes along: a deck noted before anyone knew its talk has notes under no talk, and they
 * belong to the talk as much as the next note will. Notes under no talk (and not filed under an
 * event by hand), or under the talk the deck had before, follow the deck; a note the user moved to
 * another talk stays there. Nothing happens when the deck already has this talk, so a note moved
 * out by hand is not pulled back by the next note saved on the deck.
 */
export async function linkDeckToTalk(deckId: string, talkId: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.decks, db.notes, async () => {
    let previous: string | undefined;
    let changed = false;
    await updateRecord(db.decks, deckId, (deck) => {
      if (deck.talkId === talkId) return undefined;
      previous = deck.talkId;
      changed = true;
      return { ...deck, talkId };
    });
    if (!changed) return;
    const now = Date.now();
    const follow = (n: NoteRecord) =>
      !n.deletedAt && (n.talkId === undefined ? n.eventId === undefined : n.talkId === previous);
    const moved = (await db.notes.where('deckId').equals(deckId).filter(follow).toArray()).map(
      (n): NoteRecord => ({ ...n, talkId, updatedAt: nextStamp(n, now) }),
    );
    await putRecords(db.notes, moved);
  });
}

/** Records a deck (if new) and links it to a talk, in one transaction (attaching a deck by hand). */
export async function attachDeckToTalk(deck: DeckRef, platform: string, talkId: string): Promise<string> {
  const db = getDb();
  return db.transaction('rw', db.decks, db.notes, async () => {
    const deckId = await ensureDeck(deck, platform);
    await linkDeckToTalk(deckId, talkId);
    return deckId;
  });
}

/** A deck's live notes in slide order (notes without a slide last), oldest first within a slide. */
export async function notesForDeck(deckId: string): Promise<NoteRecord[]> {
  const notes = await getDb()
    .notes.where('deckId')
    .equals(deckId)
    .filter((n) => !n.deletedAt)
    .toArray();
  const slideOf = (n: NoteRecord) => n.anchor?.slide?.index ?? Number.MAX_SAFE_INTEGER;
  return notes.sort((a, b) => slideOf(a) - slideOf(b) || a.createdAt - b.createdAt);
}
