/** Where a note will go, told before it is written, and the user's choice honoured when it is. */
import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { getDb } from '../../../storage/db';
import { noteDestination } from '../../../storage/destination';
import { fileNoteDetailed } from '../../../storage/file-note';
import { setStarred, upsertTalk } from '../../../storage/talks';

const SESSION: PageCapture = {
  url: 'https://sched.example/event/ABC/scaling',
  title: 'Scaling the scheduler',
  kind: 'session',
  platform: 'sched',
  talk: { title: 'Scaling the scheduler', speakers: [{ name: 'Ana Lima' }] },
};
const BLOG: PageCapture = {
  url: 'https://blog.example/post',
  title: 'A post',
  kind: 'page',
  platform: 'page',
};

describe('note destination', () => {
  it('names a page’s talk before it is stored, then counts its notes and its star', async () => {
    expect(await noteDestination(SESSION)).toEqual({
      talk: { id: undefined, title: 'Scaling the scheduler', via: 'page', starred: false, notes: 0 },
      choices: [],
    });
    const first = await fileNoteDetailed('One', SESSION);
    await fileNoteDetailed('Two', SESSION);
    await setStarred(first.filedUnder!.talkId, true);
    expect(await noteDestination(SESSION)).toEqual({
      talk: {
        id: first.filedUnder!.talkId,
        title: 'Scaling the scheduler',
        via: 'page',
        starred: true,
        notes: 2,
      },
      choices: [{ id: first.filedUnder!.talkId, title: 'Scaling the scheduler' }],
    });
  });

  it('a page with no talk goes nowhere but the page, and the user may pick a talk instead', async () => {
    const keynote = await upsertTalk({
      talk: { title: 'Keynote', speakers: [] },
      platform: 'sched',
      pageUrl: 'https://sched.example/key',
    });
    expect((await noteDestination(BLOG)).talk).toBeUndefined();
    const chosen = await fileNoteDetailed('About the keynote', BLOG, { place: { talkId: keynote.id } });
    expect(chosen.filedUnder).toEqual({ talkId: keynote.id, title: 'Keynote', via: 'chosen' });
    expect((await getDb().notes.get(chosen.note.id))?.talkId).toBe(keynote.id);
  });

  it('“no talk” keeps a note on a talk page off that talk, and stores no talk for it', async () => {
    const off = await fileNoteDetailed('Not about this talk', SESSION, { place: {} });
    expect(off.filedUnder).toBeUndefined();
    expect((await getDb().notes.get(off.note.id))?.talkId).toBeUndefined();
    expect(await getDb().talks.count()).toBe(0);
  });
});
