/**
 * Files a note typed on a page under what the page shows: its canonical URL and, where capture
 * knows them, the slide (and later the deck, talk and event records).
 */
import type { PageCapture } from '../capture/types';
import { ensureDeck } from './decks';
import { validateBody } from './note-rules';
import { createNote } from './notes';
import { type FiledUnder, talkForNote } from './talks';
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
  return (await fileNoteDetailed(body, capture, extra)).note;
}

/**
 * {@link fileNote}, also telling which talk the note went under and why: the page's own talk
 * (created or refreshed with its event), the deck's talk, or the starred talk running now.
 */
export async function fileNoteDetailed(
  body: string,
  capture: PageCapture,
  extra: { thumbnailId?: string; thumbnail?: () => Promise<string | null>; now?: number } = {},
): Promise<{ note: NoteRecord; filedUnder?: FiledUnder }> {
  validateBody(body); // before any thumbnail is stored for it
  const deckId = capture.deck ? await ensureDeck(capture.deck, capture.platform) : undefined;
  const filedUnder = await talkForNote(capture, deckId, extra.now);
  let thumbnailId = extra.thumbnailId;
  if (!thumbnailId && extra.thumbnail && (capture.slide || capture.video)) {
    thumbnailId = (await extra.thumbnail().catch(() => null)) ?? undefined;
  }
  const note = await createNote({
    body,
    url: capture.url,
    pageTitle: capture.title,
    anchor: anchorFrom(capture),
    thumbnailId,
    deckId,
    talkId: filedUnder?.talkId,
  });
  return { note, filedUnder };
}
