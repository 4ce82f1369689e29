/**
 * Slides promised for later (issue 16, item 2; issue 13, item 4): what makes a promise, the watchlist,
 * keeping it when a slides link turns up, and what the post says before and after. Expected text
 * written by hand from docs/templates.md.
 */
import { describe, expect, it } from 'vitest';
import { keepPromiseFrom } from '../../../components/talk/PromiseWatch';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { getDb } from '../../../storage/db';
import { createNote } from '../../../storage/notes';
import {
  deckMatchesTalk,
  keepPromise,
  markSlidesPromised,
  notePromises,
  promisedBy,
  promisedTalks,
  slidesPromiseOf,
} from '../../../storage/promises';
import { upsertTalk } from '../../../storage/talks';

const PAGE = 'https://conf.example/sessions/raft-in-practice';
const captured = (slidesUrl?: string) => ({
  talk: {
    title: 'Raft in practice',
    speakers: [{ name: 'Ada Lovelace' }],
    url: PAGE,
    ...(slidesUrl ? { slidesUrl } : {}),
  },
  platform: 'jsonld',
  pageUrl: PAGE,
});

describe('what makes a promise', () => {
  it('finds the user’s words, and when the slides are due', () => {
    expect(notePromises('Ada said: slides will be posted by Friday')).toBe(true);
    expect(notePromises('SLIDES   LATER, she says')).toBe(true);
    expect(notePromises('great slides')).toBe(false);
    expect(notePromises('deck coming soon', ['deck coming'])).toBe(true);
    expect(promisedBy('slides will be posted by friday')).toBe('Friday');
    expect(promisedBy('slides later, by next Monday')).toBe('next Monday');
    expect(promisedBy('by 2024-05-10 at the latest')).toBe('2024-05-10');
    expect(promisedBy('slides later')).toBeUndefined();
  });

  it('matches a deck to a talk by its title', () => {
    expect(deckMatchesTalk('Raft in Practice — KubeCon 2024', 'Raft in practice')).toBe(true);
    expect(deckMatchesTalk('raft-in-practice', 'Raft in practice')).toBe(true);
    expect(deckMatchesTalk('Raft', 'Raft in practice')).toBe(false);
    expect(deckMatchesTalk('Paxos made simple', 'Raft in practice')).toBe(false);
  });

  it('reads a promise from the card or from a note', () => {
    expect(slidesPromiseOf({ slidesPromise: { at: 1, by: 'Friday' } })).toEqual({
      by: 'Friday',
      kept: false,
    });
    const notes = [
      { id: 'n1', body: 'Intro', createdAt: 1 },
      { id: 'n2', body: 'slides will be posted by Friday', createdAt: 2 },
    ];
    expect(slidesPromiseOf({}, notes)).toEqual({ by: 'Friday', noteId: 'n2', kept: false });
    expect(slidesPromiseOf({ slidesUrl: 'https://s.example/x' }, notes)).toEqual({
      by: 'Friday',
      noteId: 'n2',
      kept: true,
    });
    expect(slidesPromiseOf({}, [notes[0]!])).toBeUndefined();
  });
});

describe('the watchlist', () => {
  it('keeps a card promise when the session page gains a slides link, once', async () => {
    const talk = await upsertTalk(captured());
    await markSlidesPromised(talk.id, 'Friday');
    expect((await promisedTalks()).map((t) => t.id)).toEqual([talk.id]);

    // The session page, visited again, now links the slides.
    const capture = {
      url: PAGE,
      title: 'Raft in practice',
      kind: 'session' as const,
      platform: 'jsonld',
      talk: captured('https://slides.example/raft.pdf').talk,
    };
    const kept = await keepPromiseFrom(capture);
    expect(kept?.slidesUrl).toBe('https://slides.example/raft.pdf');
    const stored = await getDb().talks.get(talk.id);
    expect(stored?.slidesUrl).toBe('https://slides.example/raft.pdf');
    expect(stored?.slidesPromise?.fulfilledAt).toBeGreaterThan(0);
    expect(await promisedTalks()).toEqual([]);
    // The next visit tells nobody again.
    expect(await keepPromiseFrom(capture)).toBeUndefined();
  });

  it('keeps a note’s promise when a deck with the talk’s title is opened', async () => {
    const talk = await upsertTalk(captured());
    await createNote({ body: 'slides later, she said', url: PAGE, talkId: talk.id });
    const kept = await keepPromiseFrom({
      url: 'https://speakerdeck.com/ada/raft-in-practice',
      title: 'Raft in practice - Speaker Deck',
      kind: 'slides',
      platform: 'speakerdeck',
      deck: { title: 'Raft in Practice', url: 'https://speakerdeck.com/ada/raft-in-practice' },
    });
    expect(kept?.id).toBe(talk.id);
    expect((await getDb().talks.get(talk.id))?.slidesUrl).toBe(
      'https://speakerdeck.com/ada/raft-in-practice',
    );
  });

  it('does nothing for a talk with no promise', async () => {
    const talk = await upsertTalk(captured());
    expect(await keepPromise(talk.id, 'https://slides.example/raft.pdf')).toBeUndefined();
    expect((await getDb().talks.get(talk.id))?.slidesUrl).toBeUndefined();
  });
});

describe('the promise in a post', () => {
  const dayPost = builtinTemplate('builtin:day-post')!.source;

  it('says the slides are promised, then links them', async () => {
    const talk = await upsertTalk(captured());
    await markSlidesPromised(talk.id, 'Friday');
    const note = await createNote({ body: 'Leaders step down on a partition', url: PAGE, talkId: talk.id });
    const before = composeRecap(
      { title: 'Day', talks: [{ talk: (await getDb().talks.get(talk.id))!, notes: [note] }] },
      { template: dayPost },
    );
    if (!before.ok) throw new Error(before.error.message);
    expect(before.markdown).toBe(
      '# Day\n\nFirst, [Raft in practice](https://conf.example/sessions/raft-in-practice) by Ada Lovelace. Leaders step down on a partition. The slides are promised for Friday.\n',
    );
    await keepPromise(talk.id, 'https://slides.example/raft.pdf');
    const after = composeRecap(
      { title: 'Day', talks: [{ talk: (await getDb().talks.get(talk.id))!, notes: [note] }] },
      { template: dayPost },
    );
    if (!after.ok) throw new Error(after.error.message);
    expect(after.markdown).toBe(
      '# Day\n\nFirst, [Raft in practice](https://conf.example/sessions/raft-in-practice) by Ada Lovelace ([slides](https://slides.example/raft.pdf)). Leaders step down on a partition. The slides are now [online](https://slides.example/raft.pdf).\n',
    );
  });

  it('replaces the note that made the promise by the link once known', async () => {
    const talk = await upsertTalk(captured());
    const a = await createNote({ body: 'Leaders step down on a partition', url: PAGE, talkId: talk.id });
    const b = await createNote({ body: 'Slides will be posted by Friday', url: PAGE, talkId: talk.id });
    await keepPromise(talk.id, 'https://slides.example/raft.pdf');
    const out = composeRecap(
      { title: 'Day', talks: [{ talk: (await getDb().talks.get(talk.id))!, notes: [a, b] }] },
      { template: dayPost },
    );
    if (!out.ok) throw new Error(out.error.message);
    expect(out.markdown).toContain(
      'Leaders step down on a partition. The slides are now [online](https://slides.example/raft.pdf).\n',
    );
    expect(out.markdown).not.toContain('will be posted');
  });
});
