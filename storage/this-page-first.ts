/**
 * "This page"'s kept first notes (issue 17), as the library keeps its first page
 * (storage/first-page.ts): the notes that fill the panel for one page, kept small in
 * `storage.local`, so that the next panel opened on that page paints them with its first bundle —
 * before Dexie, tldts, the view's code and the notes query — and replaces them with the live list.
 *
 * Keyed by what decides the list: the capture's URL (the notes of that URL) and its talk (the notes
 * filed under that talk are listed by the talk card, not here). Never stale, by the library's rule:
 * every committed write to notes or talks stamps `firstPageStaleAt` (storage/first-page-stale.ts),
 * and a page kept from a read that started before that stamp is not shown — a deleted, edited,
 * moved or newly private note is never painted from it. One page is kept: the one last shown.
 */
import { browser } from 'wxt/browser';
import type { PageCapture } from '../capture/types';
import { FIRST_PAGE_BODY, FIRST_PAGE_ROWS, readSinceLastChange } from './first-page';
import { FIRST_PAGE_STALE_KEY, THIS_PAGE_FIRST_KEY } from './first-page-keys';
import { withoutTrailingTags } from './tags';
import type { NoteKind, NoteRecord } from './types';

export { THIS_PAGE_FIRST_KEY };
/** Notes kept: as many as "This page" paints first (components/capture/ThisPageNotes.tsx's FIRST_NOTES). */
export const THIS_PAGE_FIRST_ROWS = FIRST_PAGE_ROWS;

/** What a kept note shows (components/notes/NoteItem.tsx, read-only). */
export interface ThisPageRow {
  id: string;
  /** The text as the note shows it (without its trailing `#tags`), cut to FIRST_PAGE_BODY. */
  text: string;
  kind: NoteKind;
  tags: string[];
  visibility?: NoteRecord['visibility'];
  createdAt: number;
  /** The slide line ("Slide 4 — Title"), when the note is anchored to one. */
  slide?: string;
}

export interface ThisPageFirst {
  /** The page it lists: {@link thisPageKey} of its capture. */
  key: string;
  /** When the read these rows came from started (epoch ms). */
  at: number;
  /** How many notes the page had. */
  count: number;
  rows: ThisPageRow[];
}

/** The key of the list "This page" shows for a capture: its URL and its talk (ThisPage.tsx, pageNotes). */
export function thisPageKey(capture: Pick<PageCapture, 'url' | 'talk'>): string {
  const t = capture.talk;
  return JSON.stringify([capture.url, t ? [t.title ?? '', t.url ?? '', t.startsAt ?? ''] : null]);
}

/** The kept row of a note: its text as NoteItem shows it. */
export function thisPageRow(note: NoteRecord): ThisPageRow {
  const untagged = note.tags.length > 0 ? withoutTrailingTags(note.body).trimEnd() : note.body;
  const text = untagged.trim() ? untagged : note.body;
  const row: ThisPageRow = {
    id: note.id,
    text: text.length > FIRST_PAGE_BODY ? `${text.slice(0, FIRST_PAGE_BODY)}…` : text,
    kind: note.kind,
    tags: note.tags.slice(0, 8),
    createdAt: note.createdAt,
  };
  if (note.visibility) row.visibility = note.visibility;
  const slide = note.anchor?.slide;
  if (slide) row.slide = `Slide ${slide.label}${slide.title ? ` — ${slide.title}` : ''}`;
  return row;
}

const isRow = (r: unknown): r is ThisPageRow => {
  const x = r as ThisPageRow;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.id === 'string' &&
    typeof x.text === 'string' &&
    typeof x.kind === 'string' &&
    Array.isArray(x.tags) &&
    x.tags.every((t) => typeof t === 'string') &&
    typeof x.createdAt === 'number' &&
    (x.slide === undefined || typeof x.slide === 'string')
  );
};

/**
 * The kept page in `got` (what `storage.local.get` answered for {@link THIS_PAGE_FIRST_KEY} and
 * `firstPageStaleAt`, read together) when it is well formed and nothing changed since its read —
 * whichever page it lists: that is checked against the tab's capture with {@link keptFor}.
 */
export function thisPageFirstIn(got: Record<string, unknown>): ThisPageFirst | null {
  const page = got[THIS_PAGE_FIRST_KEY] as ThisPageFirst | undefined;
  if (!page || typeof page !== 'object' || typeof page.key !== 'string') return null;
  if (!readSinceLastChange(page.at, got) || typeof page.count !== 'number') return null;
  if (!Array.isArray(page.rows) || page.rows.length > THIS_PAGE_FIRST_ROWS || !page.rows.every(isRow)) {
    return null;
  }
  return page;
}

/**
 * Whether "This page" keeps first notes for `capture`: a page with a URL that is neither a deck (a
 * deck's notes are the deck view's) nor a talk page, where the talk card with the talk's notes comes
 * above the page's other notes once the view has read them, and kept notes would be pushed down.
 */
export function keepsFirstNotes(
  capture: Pick<PageCapture, 'url' | 'talk' | 'deck'> | null | undefined,
): boolean {
  return Boolean(capture?.url && !capture.deck && !capture.talk);
}

/** `page` when it lists what "This page" shows for `capture` ({@link keepsFirstNotes}). */
export function keptFor(
  page: ThisPageFirst | null,
  capture: Pick<PageCapture, 'url' | 'talk' | 'deck'> | null | undefined,
): ThisPageFirst | null {
  if (!page || !capture || !keepsFirstNotes(capture)) return null;
  return page.key === thisPageKey(capture) ? page : null;
}

/** The kept page, current, or null (none, malformed, or anything changed since). */
export async function loadThisPageFirst(): Promise<ThisPageFirst | null> {
  try {
    return thisPageFirstIn(await browser.storage.local.get([THIS_PAGE_FIRST_KEY, FIRST_PAGE_STALE_KEY]));
  } catch {
    return null;
  }
}

/** Keeps `page` for the next panel opened on its page (one page is kept: the one last shown). */
export async function saveThisPageFirst(page: ThisPageFirst): Promise<void> {
  try {
    await browser.storage.local.set({
      [THIS_PAGE_FIRST_KEY]: { ...page, rows: page.rows.slice(0, THIS_PAGE_FIRST_ROWS) },
    });
  } catch {
    // Not kept: the next panel reads the database as before.
  }
}
