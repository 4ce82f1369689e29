/**
 * "This page"'s kept first notes (storage/this-page-first.ts, issue 17): kept for one page (its URL
 * and talk), read back only for the capture of that page, and never read back once a note or talk
 * changed after the read they came from (a note trashed, moved, made private) — the library's rule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageCapture } from '../../../capture/types';
import { getDb } from '../../../storage/db';
import { FIRST_PAGE_STALE_KEY, PANEL_FIRST_READ } from '../../../storage/first-page-keys';
import { createNote, trashNote, updateNote } from '../../../storage/notes';
import {
  keptFor,
  loadThisPageFirst,
  saveThisPageFirst,
  THIS_PAGE_FIRST_KEY,
  THIS_PAGE_FIRST_ROWS,
  type ThisPageFirst,
  type ThisPageRow,
  thisPageFirstIn,
  thisPageKey,
  thisPageRow,
} from '../../../storage/this-page-first';

afterEach(() => fakeBrowser.reset());

const PAGE: PageCapture = { url: 'https://conf.example/talks/a', title: 'A', kind: 'page', platform: 'page' };
const TALK_PAGE: PageCapture = {
  ...PAGE,
  talk: { title: 'Talk A', speakers: [], url: PAGE.url, startsAt: '2026-05-01T10:00' },
};
const row = (id: string): ThisPageRow => ({
  id,
  text: `Text of ${id}`,
  kind: 'note',
  tags: [],
  createdAt: 1,
});
const kept = (at: number, key = thisPageKey(PAGE), rows = [row('n1'), row('n2')]): ThisPageFirst => ({
  key,
  at,
  count: rows.length,
  rows,
});

/** Waits (on the condition) until the stale stamp is at least `after`. */
async function stampedAfter(after: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const got = await fakeBrowser.storage.local.get(FIRST_PAGE_STALE_KEY);
    if (Number(got[FIRST_PAGE_STALE_KEY] ?? 0) >= after) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('never stamped');
}

describe('"This page" kept first notes', () => {
  it("is keyed by the page's URL and its talk", () => {
    expect(thisPageKey(PAGE)).toBe(JSON.stringify(['https://conf.example/talks/a', null]));
    expect(thisPageKey(TALK_PAGE)).toBe(
      JSON.stringify([
        'https://conf.example/talks/a',
        ['Talk A', 'https://conf.example/talks/a', '2026-05-01T10:00'],
      ]),
    );
    expect(thisPageKey({ url: 'https://conf.example/talks/b' })).not.toBe(thisPageKey(PAGE));
  });

  it('is shown for the capture of its own page only, never for a deck or a talk page', () => {
    const page = kept(Date.now());
    expect(keptFor(page, PAGE)).toBe(page);
    expect(keptFor(page, { ...PAGE, title: 'Retitled' } as PageCapture)).toBe(page);
    expect(keptFor(page, { ...PAGE, url: 'https://conf.example/talks/b' })).toBeNull();
    expect(keptFor(page, TALK_PAGE)).toBeNull();
    // A talk page's talk card (with the talk's notes) comes above the kept ones: not kept there.
    expect(keptFor(kept(Date.now(), thisPageKey(TALK_PAGE)), TALK_PAGE)).toBeNull();
    expect(keptFor(page, { ...PAGE, deck: { url: PAGE.url, title: 'Deck', slideCount: 3 } })).toBeNull();
    expect(keptFor(page, null)).toBeNull();
    expect(keptFor(null, PAGE)).toBeNull();
  });

  it('keeps what NoteItem shows of a note: the text without its trailing tags, cut, the slide line', () => {
    const r = thisPageRow({
      id: 'x',
      body: `${'y'.repeat(400)} #a #b`,
      kind: 'question',
      tags: ['a', 'b'],
      createdAt: 1,
      updatedAt: 2,
      url: PAGE.url,
      visibility: 'private',
      anchor: { slide: { index: 3, label: '4', title: 'Results' } },
    });
    expect(r).toEqual({
      id: 'x',
      text: `${'y'.repeat(300)}…`,
      kind: 'question',
      tags: ['a', 'b'],
      createdAt: 1,
      visibility: 'private',
      slide: 'Slide 4 — Results',
    });
    // Only tags: the body is shown whole, as NoteItem does.
    expect(
      thisPageRow({
        id: 'z',
        body: '#a',
        kind: 'note',
        tags: ['a'],
        createdAt: 1,
        updatedAt: 1,
        url: PAGE.url,
      }).text,
    ).toBe('#a');
  });

  it('keeps a screen of notes at most, and refuses malformed pages', async () => {
    const many = Array.from({ length: THIS_PAGE_FIRST_ROWS + 4 }, (_, i) => row(`n${i}`));
    await saveThisPageFirst(kept(Date.now(), thisPageKey(PAGE), many));
    expect((await loadThisPageFirst())?.rows).toHaveLength(THIS_PAGE_FIRST_ROWS);
    await fakeBrowser.storage.local.set({
      [THIS_PAGE_FIRST_KEY]: { ...kept(Date.now()), rows: [{ id: 3 }] },
    });
    expect(await loadThisPageFirst()).toBeNull();
    await fakeBrowser.storage.local.set({ [THIS_PAGE_FIRST_KEY]: { ...kept(Date.now()), count: 'two' } });
    expect(await loadThisPageFirst()).toBeNull();
    await fakeBrowser.storage.local.set({ [THIS_PAGE_FIRST_KEY]: 'nonsense' });
    expect(await loadThisPageFirst()).toBeNull();
  });

  it('is not read back once a note was trashed, moved or made private after its read', async () => {
    await getDb().open();
    const note = await createNote({ body: 'On the page', url: PAGE.url });
    const writes: [string, () => Promise<unknown>][] = [
      ['trashed', () => trashNote(note.id)],
      ['moved', () => updateNote(note.id, { talkId: 'another-talk' })],
      ['made private', () => updateNote(note.id, { visibility: 'private' })],
    ];
    for (const [what, write] of writes) {
      // Kept from a read after every earlier write: current, until the next one.
      await new Promise((r) => setTimeout(r, 5));
      await saveThisPageFirst(kept(Date.now(), thisPageKey(PAGE), [thisPageRow(note)]));
      expect(await loadThisPageFirst(), what).not.toBeNull();
      await new Promise((r) => setTimeout(r, 5));
      const before = Date.now();
      await write();
      await stampedAfter(before);
      expect(await loadThisPageFirst(), what).toBeNull();
    }
  });

  it("reads the same from the panel's one early read as on its own", async () => {
    await saveThisPageFirst(kept(Date.now()));
    const got = await fakeBrowser.storage.local.get(PANEL_FIRST_READ);
    expect(thisPageFirstIn(got)).toEqual(await loadThisPageFirst());
    expect(thisPageFirstIn(got)?.rows.map((r) => r.id)).toEqual(['n1', 'n2']);
    expect(thisPageFirstIn({})).toBeNull();
    // Kept before the last stamp: stale.
    expect(thisPageFirstIn({ ...got, [FIRST_PAGE_STALE_KEY]: Date.now() + 1 })).toBeNull();
  });
});
