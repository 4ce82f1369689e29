/**
 * Files a note typed on a page under what the page shows: its canonical URL and, where capture
 * knows them, the slide (and later the deck, talk and event records).
 */
import type { PageCapture } from '../capture/types';
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

/** Saves `body` as a note on the captured page. */
export async function fileNote(
  body: string,
  capture: PageCapture,
  extra: { thumbnailId?: string } = {},
): Promise<NoteRecord> {
  return createNote({
    body,
    url: capture.url,
    pageTitle: capture.title,
    anchor: anchorFrom(capture),
    thumbnailId: extra.thumbnailId,
  });
}
