/**
 * The side panel's persisted first page (issue 17): kept and read back for its own list only, and
 * never read back once a note or talk changed after the read it came from — whichever context wrote.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { NOTE_SETTINGS_KEY } from '../../../platform/note-settings';
import { getDb } from '../../../storage/db';
import {
  FIRST_PAGE_KEY,
  FIRST_PAGE_ROWS,
  FIRST_PAGE_STALE_KEY,
  type FirstPage,
  firstPageIn,
  firstRow,
  loadFirstPage,
  saveFirstPage,
} from '../../../storage/first-page';
import { PANEL_FIRST_READ, PANEL_SETTINGS_KEY } from '../../../storage/first-page-keys';
import { touchesFirstPage } from '../../../storage/first-page-stale';
import { createNote, updateNote } from '../../../storage/notes';

afterEach(() => fakeBrowser.reset());

const row = (id: string, body = `Body of ${id}`) => ({
  id,
  body,
  kind: 'note' as const,
  tags: ['a'],
  createdAt: 1_700_000_000_000,
  where: 'A talk',
  thumbnail: false,
});
const page = (at: number, rows = [row('n1'), row('n2')]): FirstPage => ({
  key: 'library:all',
  at,
  count: 2,
  rows,
});

/** Waits (on the condition) until the stale stamp is at least `after`. */
async function stampedAfter(after: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const got = await fakeBrowser.storage.local.get(FIRST_PAGE_STALE_KEY);
    const at = Number(got[FIRST_PAGE_STALE_KEY] ?? 0);
    if (at >= after) return at;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('never stamped');
}

describe('persisted first page', () => {
  it('is read back for its own list, and for no other', async () => {
    await saveFirstPage(page(Date.now()));
    expect((await loadFirstPage('library:all'))?.rows.map((r) => r.id)).toEqual(['n1', 'n2']);
    expect(await loadFirstPage('library:root')).toBeNull();
  });

  it('keeps a screen of rows at most, and refuses malformed ones', async () => {
    const many = Array.from({ length: FIRST_PAGE_ROWS + 5 }, (_, i) => row(`n${i}`));
    await saveFirstPage(page(Date.now(), many));
    expect((await loadFirstPage('library:all'))?.rows).toHaveLength(FIRST_PAGE_ROWS);
    await fakeBrowser.storage.local.set({ [FIRST_PAGE_KEY]: { ...page(Date.now()), rows: [{ id: 3 }] } });
    expect(await loadFirstPage('library:all')).toBeNull();
    await fakeBrowser.storage.local.set({ [FIRST_PAGE_KEY]: 'nonsense' });
    expect(await loadFirstPage('library:all')).toBeNull();
  });

  it('is not read back once a note was saved or edited (made private) after its read', async () => {
    const db = getDb();
    await db.open();
    const readAt = Date.now();
    await saveFirstPage(page(readAt));
    const before = Date.now();
    const note = await createNote({ body: 'A new note', url: 'https://example.org/' });
    await stampedAfter(before);
    expect(await loadFirstPage('library:all')).toBeNull();

    // A page read after that write is current again, until the next write (an edit: made private).
    await saveFirstPage(page(Date.now() + 1));
    expect(await loadFirstPage('library:all')).not.toBeNull();
    const edited = Date.now() + 1;
    await new Promise((r) => setTimeout(r, 5));
    await updateNote(note.id, { body: 'Now private #private' });
    await stampedAfter(edited);
    expect(await loadFirstPage('library:all')).toBeNull();
  });

  it('keeps what a row shows of a note, the body cut to two lines’ worth', () => {
    const r = firstRow(
      {
        id: 'x',
        body: 'y'.repeat(1000),
        kind: 'question',
        tags: ['a', 'b', 'c', 'd', 'e'],
        createdAt: 1,
        updatedAt: 2,
        url: 'https://example.org/',
        thumbnailId: 't',
        visibility: 'private',
      },
      'Where',
    );
    expect(r).toEqual({
      id: 'x',
      body: 'y'.repeat(300),
      kind: 'question',
      tags: ['a', 'b', 'c', 'd'],
      createdAt: 1,
      where: 'Where',
      thumbnail: true,
      visibility: 'private',
    });
  });

  it('is made stale by changes to notes and talks, not by other tables', () => {
    expect(touchesFirstPage({ 'idb://talkmarks/notes/': {} as never })).toBe(true);
    expect(touchesFirstPage({ 'idb://talkmarks/talks/eventId': {} as never })).toBe(true);
    expect(touchesFirstPage({ all: {} as never })).toBe(true);
    expect(touchesFirstPage({ 'idb://talkmarks/syncReplica/': {} as never })).toBe(false);
  });

  it("reads the same from the panel's one early read (settings and page together) as on its own", async () => {
    expect(PANEL_SETTINGS_KEY).toBe(NOTE_SETTINGS_KEY);
    const settings = { privateTag: 'secret', promiseWords: ['slides'], notifySlides: false };
    await fakeBrowser.storage.local.set({ [NOTE_SETTINGS_KEY]: settings });
    await saveFirstPage(page(Date.now()));
    const got = await fakeBrowser.storage.local.get(PANEL_FIRST_READ);
    expect(got[PANEL_SETTINGS_KEY]).toEqual(settings);
    expect(firstPageIn(got, 'library:all')).toEqual(await loadFirstPage('library:all'));
    expect(firstPageIn(got, 'library:all')?.rows.map((r) => r.id)).toEqual(['n1', 'n2']);
    expect(firstPageIn(got, 'library:tag:a')).toBeNull();

    const readAt = Date.now();
    await createNote({ body: 'after the read', url: 'https://example.org/' });
    await stampedAfter(readAt);
    const later = await fakeBrowser.storage.local.get(PANEL_FIRST_READ);
    expect(firstPageIn(later, 'library:all')).toBeNull();
    expect(firstPageIn({}, 'library:all')).toBeNull();
    expect(firstPageIn({ [FIRST_PAGE_KEY]: 'not a page' }, 'library:all')).toBeNull();
  });
});
