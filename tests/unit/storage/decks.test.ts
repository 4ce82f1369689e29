/** Deck records (one per canonical URL) and notes filed on decks: deck link, slide order, thumbnails that fail soft. */
import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { getDb } from '../../../storage/db';
import { deckByUrl, ensureDeck, linkDeckToTalk, notesForDeck } from '../../../storage/decks';
import { fileNote } from '../../../storage/file-note';

const deckUrl = 'http://127.0.0.1:8000/demo.html';
const onSlide = (index: number, label: string, title?: string): PageCapture => ({
  url: deckUrl,
  title: 'reveal.js demo',
  kind: 'slides',
  platform: 'reveal',
  deck: { title: 'reveal.js demo', url: deckUrl, slideCount: 41 },
  slide: { index, label, ...(title ? { title } : {}) },
});

describe('decks repository', () => {
  it('creates a deck once per canonical URL, even under concurrent filing, and refreshes what changed', async () => {
    const ids = await Promise.all([
      ensureDeck({ title: 'Deck', url: deckUrl }, 'reveal'),
      ensureDeck({ title: 'Deck', url: deckUrl }, 'reveal'),
      ensureDeck({ title: 'Deck', url: deckUrl, slideCount: 41 }, 'reveal'),
    ]);
    expect(new Set(ids).size).toBe(1);
    expect(await getDb().decks.count()).toBe(1);
    expect(await deckByUrl(deckUrl)).toMatchObject({ title: 'Deck', slideCount: 41, platform: 'reveal' });
    await ensureDeck({ title: 'Deck, v2', url: deckUrl }, 'reveal', 'talk-1');
    expect(await deckByUrl(deckUrl)).toMatchObject({ title: 'Deck, v2', slideCount: 41, talkId: 'talk-1' });
    await linkDeckToTalk(ids[0] as string, 'talk-2');
    expect((await deckByUrl(deckUrl))?.talkId).toBe('talk-2');
  });

  it('files notes on a deck with the deck link, slide anchor and thumbnail; lists them in slide order', async () => {
    const late = await fileNote('Quorums matter', onSlide(5, '4', 'Quorums'), {
      thumbnail: async () => 'blob-1',
    });
    const early = await fileNote('Why replicate', onSlide(1, '2'));
    const again = await fileNote('Still slide 2', onSlide(1, '2'), {
      thumbnail: async () => {
        throw new Error('tab not visible');
      },
    });
    expect(late).toMatchObject({
      anchor: { slide: { index: 5, label: '4', title: 'Quorums' } },
      thumbnailId: 'blob-1',
    });
    expect(again.thumbnailId).toBeUndefined(); // failed thumbnail: the note is saved without one
    const deck = await deckByUrl(deckUrl);
    expect(late.deckId).toBe(deck?.id);
    expect((await notesForDeck(deck?.id as string)).map((n) => n.id)).toEqual([early.id, again.id, late.id]);
  });

  it('takes no thumbnail for an empty note (nothing stored for a note that is refused)', async () => {
    let asked = false;
    const thumbnail = async () => {
      asked = true;
      return 'x';
    };
    await expect(fileNote('   ', onSlide(0, '1'), { thumbnail })).rejects.toThrow('empty');
    expect(asked).toBe(false);
  });

  it('a page without a deck gets no deck record', async () => {
    const note = await fileNote('Plain page', {
      url: 'https://example.org/',
      title: 'x',
      kind: 'page',
      platform: 'page',
    });
    expect(note.deckId).toBeUndefined();
    expect(await getDb().decks.count()).toBe(0);
  });
});
