/** Deck records (one per canonical URL) and notes filed on decks: deck link, slide order, thumbnails that fail soft. */
import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { getDb } from '../../../storage/db';
import {
  attachDeckToTalk,
  deckByUrl,
  ensureDeck,
  linkDeckToTalk,
  notesForDeck,
} from '../../../storage/decks';
import { fileNote, fileNoteDetailed } from '../../../storage/file-note';
import { trashNote, updateNote } from '../../../storage/notes';
import { setStarred, upsertTalk } from '../../../storage/talks';

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

describe('notes follow their deck to its talk', () => {
  const SESSION: PageCapture = {
    url: 'https://sched.example/event/ABC/scaling-the-scheduler',
    title: 'Scaling the scheduler',
    kind: 'session',
    platform: 'sched',
    talk: { title: 'Scaling the scheduler', speakers: [{ name: 'Ana Lima' }] },
  };
  const notesOf = async () =>
    (await getDb().notes.orderBy('createdAt').toArray()).map((n) => [n.body, n.talkId ?? null]);

  it('files a deck’s stranded notes under the talk it is attached to, in one step', async () => {
    await fileNote('Why replicate', onSlide(1, '2'));
    await fileNote('Quorums', onSlide(5, '6'));
    const deck = (await deckByUrl(deckUrl))!;
    const talk = await upsertTalk({ talk: SESSION.talk!, platform: 'sched', pageUrl: SESSION.url });
    const before = (await getDb().notes.toArray()).map((n) => n.updatedAt);

    await attachDeckToTalk({ title: 'reveal.js demo', url: deckUrl }, 'reveal', talk.id);

    expect(await notesOf()).toEqual([
      ['Why replicate', talk.id],
      ['Quorums', talk.id],
    ]);
    expect((await deckByUrl(deckUrl))?.talkId).toBe(talk.id);
    // A move is an edit of the note: it is stamped, so sync and the library see it as new.
    const after = (await getDb().notes.toArray()).map((n) => n.updatedAt);
    for (const [i, t] of after.entries()) expect(t).toBeGreaterThan(before[i]!);
    expect(deck.id).toBe((await deckByUrl(deckUrl))?.id);
  });

  it('moves notes from the deck’s old talk, but leaves notes moved by hand, trashed or filed under an event', async () => {
    const first = await upsertTalk({ talk: SESSION.talk!, platform: 'sched', pageUrl: SESSION.url });
    const other = await upsertTalk({
      talk: { title: 'Keynote', speakers: [] },
      platform: 'sched',
      pageUrl: 'https://sched.example/event/KEY/keynote',
    });
    const second = await upsertTalk({
      talk: { title: 'Scaling the scheduler (repeat)', speakers: [] },
      platform: 'sched',
      pageUrl: 'https://sched.example/event/REP/repeat',
    });
    const deckId = await ensureDeck({ title: 'reveal.js demo', url: deckUrl }, 'reveal', first.id);
    const onFirst = await fileNote('On the first talk', onSlide(0, '1'));
    const byHand = await fileNote('Belongs to the keynote', onSlide(1, '2'));
    await updateNote(byHand.id, { talkId: other.id });
    const hallway = await fileNote('Said in the hallway', onSlide(2, '3'));
    await getDb().notes.update(hallway.id, { talkId: undefined, eventId: 'EVENT-1' });
    const gone = await fileNote('Trashed', onSlide(3, '4'));
    await trashNote(gone.id);

    await linkDeckToTalk(deckId, second.id);

    const talkOf = async (id: string) => (await getDb().notes.get(id))?.talkId;
    expect(await talkOf(onFirst.id)).toBe(second.id);
    expect(await talkOf(byHand.id)).toBe(other.id);
    expect(await talkOf(hallway.id)).toBeUndefined();
    expect(await talkOf(gone.id)).toBe(first.id);
  });

  it('does not pull back a note moved out when the next note is saved on the same deck and talk', async () => {
    const talk = await upsertTalk({ talk: SESSION.talk!, platform: 'sched', pageUrl: SESSION.url });
    const deckId = await ensureDeck({ title: 'reveal.js demo', url: deckUrl }, 'reveal', talk.id);
    const note = await fileNote('Not about this talk', onSlide(0, '1'));
    expect(note.talkId).toBe(talk.id);
    await updateNote(note.id, { talkId: undefined });
    await linkDeckToTalk(deckId, talk.id); // what saving the next note on the deck does
    expect((await getDb().notes.get(note.id))?.talkId).toBeUndefined();
  });

  it('a session page that names the deck as its slides brings the deck’s notes along', async () => {
    await fileNote('Noted before the session page was seen', onSlide(4, '5'));
    const talk = await upsertTalk({
      talk: { ...SESSION.talk!, slidesUrl: deckUrl },
      platform: 'sched',
      pageUrl: SESSION.url,
    });
    expect(await notesOf()).toEqual([['Noted before the session page was seen', talk.id]]);
  });

  it('a deck noted while a starred talk runs becomes that talk’s deck, with its earlier notes', async () => {
    const early = await fileNote('Before the talk started', onSlide(0, '1'));
    expect(early.talkId).toBeUndefined();
    const start = Date.parse('2026-03-19T14:30:00Z');
    const talk = await upsertTalk({
      talk: { ...SESSION.talk!, startsAt: '2026-03-19T14:30:00Z', endsAt: '2026-03-19T15:05:00Z' },
      platform: 'sched',
      pageUrl: SESSION.url,
    });
    await setStarred(talk.id, true);
    const during = await fileNoteDetailed('During the talk', onSlide(1, '2'), { now: start + 10 * 60_000 });
    expect(during.filedUnder).toMatchObject({ talkId: talk.id, via: 'now' });
    expect((await deckByUrl(deckUrl))?.talkId).toBe(talk.id);
    expect(await notesOf()).toEqual([
      ['Before the talk started', talk.id],
      ['During the talk', talk.id],
    ]);
  });
});
