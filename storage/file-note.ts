/**
 * Files a note typed on a page under what the page shows: its canonical URL and, where capture
 * knows them, the slide (and later the deck, talk and event records).
 */
import type { PageCapture } from '../capture/types';
import { ensureDeck } from './decks';
import { validateBody } from './note-rules';
import { createNote } from './notes';
import type { NoteAnchor, NoteRecord } from './types';

/** The anchor a note gets from the page it was written on. */
export function anchorFrom(capture: PageCapture): NoteAnchor | undefined {
  const anchor: NoteAnchor = {};
  if (capture.slide) {
    const { index, label, title } = capture.slide;
    anchor.slide = title ? { index, label, title } : { index, label };
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
  extra: { thumbnailId?: string; thumbnail?: () => Promise<string | null> } = {},
): Promise<NoteRecord> {
  validateBody(body); // before any thumbnail is stored for it
  const deckId = capture.deck ? await ensureDeck(capture.deck, capture.platform) : undefined;
  let thumbnailId = extra.thumbnailId;
  if (!thumbnailId && extra.thumbnail && (capture.slide || capture.video)) {
    thumbnailId = (await extra.thumbnail().catch(() => null)) ?? undefined;
  }
  return createNote({
    body,
    url: capture.url,
    pageTitle: capture.title,
    anchor: anchorFrom(capture),
    thumbnailId,
    deckId,
  });
}
