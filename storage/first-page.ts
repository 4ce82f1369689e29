/**
 * The side panel's persisted first page (issue 17): the first screen of rows of a list, kept small
 * in `storage.local`, so that the next panel paints them at once — before the database and the
 * list's code are loaded — and replaces them with live data when that is on screen.
 *
 * Never stale: every committed write to notes or talks, from any context (Dexie's `storagemutated`
 * notification, local commits and other contexts' alike), stamps `firstPageStaleAt`; a page saved
 * from a read that started before that stamp is not shown. The stamp is taken after the commit, so a
 * read that might have missed the write always started before it.
 */
import { browser } from 'wxt/browser';
import { FIRST_PAGE_KEY, FIRST_PAGE_STALE_KEY } from './first-page-keys';
import type { NoteKind, NoteRecord } from './types';

/** `storage.local` keys: the page, and when notes or talks last changed (epoch ms). */
export { FIRST_PAGE_KEY, FIRST_PAGE_STALE_KEY };
/** Rows kept: a screen of the panel at most. */
export const FIRST_PAGE_ROWS = 16;
/** Characters of a body kept (a row shows two lines). */
export const FIRST_PAGE_BODY = 300;

/** What a row shows of a note. */
export interface FirstRow {
  id: string;
  body: string;
  kind: NoteKind;
  tags: string[];
  visibility?: NoteRecord['visibility'];
  createdAt: number;
  /** The talk's title, the page's title or its address. */
  where: string;
  thumbnail: boolean;
}

export interface FirstPage {
  /** Which list: `library:all`, … */
  key: string;
  /** When the read these rows came from started (epoch ms). */
  at: number;
  /** The list's length when known. */
  count?: number;
  rows: FirstRow[];
}

/** The row of a note as the lists show it. */
export function firstRow(note: NoteRecord, where: string): FirstRow {
  const row: FirstRow = {
    id: note.id,
    body: note.body.length > FIRST_PAGE_BODY ? note.body.slice(0, FIRST_PAGE_BODY) : note.body,
    kind: note.kind,
    tags: note.tags.slice(0, 4),
    createdAt: note.createdAt,
    where,
    thumbnail: Boolean(note.thumbnailId),
  };
  if (note.visibility) row.visibility = note.visibility;
  return row;
}

const isRow = (r: unknown): r is FirstRow => {
  const x = r as FirstRow;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.id === 'string' &&
    typeof x.body === 'string' &&
    typeof x.kind === 'string' &&
    Array.isArray(x.tags) &&
    x.tags.every((t) => typeof t === 'string') &&
    typeof x.createdAt === 'number' &&
    typeof x.where === 'string'
  );
};

/**
 * Whether a read started at `at` (epoch ms) came after the last change to notes or talks stamped in
 * `got` ({@link FIRST_PAGE_STALE_KEY}, read in the same `storage.local.get` as the page): the one
 * staleness rule of every kept page (this one, and "This page"'s: storage/this-page-first.ts).
 */
export function readSinceLastChange(at: unknown, got: Record<string, unknown>): boolean {
  return typeof at === 'number' && at > Number(got[FIRST_PAGE_STALE_KEY] ?? 0);
}

/**
 * The first page of `key` in `got` (what `storage.local.get` answered for {@link FIRST_PAGE_KEY} and
 * {@link FIRST_PAGE_STALE_KEY}, read together), or null when there is none, it is malformed or
 * anything changed since.
 */
export function firstPageIn(got: Record<string, unknown>, key: string): FirstPage | null {
  const page = got[FIRST_PAGE_KEY] as FirstPage | undefined;
  if (!page || typeof page !== 'object' || page.key !== key || !readSinceLastChange(page.at, got))
    return null;
  if (!Array.isArray(page.rows) || page.rows.length > FIRST_PAGE_ROWS || !page.rows.every(isRow)) return null;
  return page;
}

/** The stored first page of `key`, or null when there is none, it is malformed or anything changed since. */
export async function loadFirstPage(key: string): Promise<FirstPage | null> {
  try {
    return firstPageIn(await browser.storage.local.get([FIRST_PAGE_KEY, FIRST_PAGE_STALE_KEY]), key);
  } catch {
    return null;
  }
}

/** Keeps `page` as the first page to show next time (one page is kept: the list last shown). */
export async function saveFirstPage(page: FirstPage): Promise<void> {
  try {
    await browser.storage.local.set({
      [FIRST_PAGE_KEY]: { ...page, rows: page.rows.slice(0, FIRST_PAGE_ROWS) },
    });
  } catch {
    // Not kept: the next panel reads the database as before.
  }
}
