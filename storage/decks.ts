/**
 * Decks repository: one record per canonical deck URL, created the first time a note is filed on
 * the deck and kept up to date (title, slide count) by later captures. Each write is one transaction.
 */
import type { DeckRef } from '../capture/types';
import { getDb } from './db';
import { newId } from './ids';
import type { DeckRecord, NoteRecord } from './types';

/** The live deck with this canonical URL, if one was recorded. */
export function deckByUrl(url: string): Promise<DeckRecord | undefined> {
  return getDb()
    .decks.where('url')
    .equals(url)
    .filter((d) => !d.deletedAt)
    .first();
}

/** The deck record for `deck.url`: created once, refreshed when the page tells more; returns its id. */
export async function ensureDeck(deck: DeckRef, platform: string, talkId?: string): Promise<string> {
  const db = getDb();
  return db.transaction('rw', db.decks, async () => {
    const found = await deckByUrl(deck.url);
    const now = Date.now();
    if (!found) {
      const record: DeckRecord = {
        id: newId(now),
        createdAt: now,
        updatedAt: now,
        url: deck.url,
        title: deck.title,
        platform,
      };
      if (deck.author) record.author = deck.author;
      if (deck.slideCount !== undefined) record.slideCount = deck.slideCount;
      if (talkId) record.talkId = talkId;
      await db.decks.add(record);
      return record.id;
    }
    const patch: Partial<DeckRecord> = {};
    if (deck.title && deck.title !== found.title) patch.title = deck.title;
    if (deck.author && deck.author !== found.author) patch.author = deck.author;
    if (deck.slideCount !== undefined && deck.slideCount !== found.slideCount)
      patch.slideCount = deck.slideCount;
    if (talkId && !found.talkId) patch.talkId = talkId;
    if (Object.keys(patch).length > 0) {
      await db.decks.update(found.id, { ...patch, updatedAt: Math.max(now, found.updatedAt + 1) });
    }
    return found.id;
  });
}

/** Links a deck to the talk it was presented at (a later link replaces an earlier one). */
export async function linkDeckToTalk(deckId: string, talkId: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.decks, async () => {
    const deck = await db.decks.get(deckId);
    if (deck && deck.talkId !== talkId) await db.decks.update(deckId, { talkId, updatedAt: Date.now() });
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
