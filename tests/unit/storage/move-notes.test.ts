/** Moving notes (one or a selection) to a talk, an event, or their page alone, and undoing it. */
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../storage/db';
import { moveNotes, placeNotes } from '../../../storage/move-notes';
import { createNote, trashNote } from '../../../storage/notes';

const place = async (id: string) => {
  const n = await getDb().notes.get(id);
  return { talkId: n?.talkId, eventId: n?.eventId, updatedAt: n?.updatedAt };
};

describe('moving notes', () => {
  it('moves a selection to a talk in one step and undoes it exactly', async () => {
    const a = await createNote({ body: 'on a page', url: 'https://a.example/' });
    const b = await createNote({ body: 'on talk 1', url: 'https://b.example/', talkId: 'TALK1' });
    const c = await createNote({ body: 'in the hallway', url: 'https://c.example/' });
    await getDb().notes.update(c.id, { eventId: 'EVENT1' });

    const previous = await moveNotes([a.id, b.id, c.id, a.id], { talkId: 'TALK2' });

    expect(previous).toEqual([
      { id: a.id, talkId: undefined, eventId: undefined },
      { id: b.id, talkId: 'TALK1', eventId: undefined },
      { id: c.id, talkId: undefined, eventId: 'EVENT1' },
    ]);
    for (const id of [a.id, b.id, c.id])
      expect(await place(id)).toMatchObject({ talkId: 'TALK2', eventId: undefined });
    expect((await place(a.id)).updatedAt).toBeGreaterThan(a.updatedAt);

    await placeNotes(previous);
    expect(await place(a.id)).toMatchObject({ talkId: undefined, eventId: undefined });
    expect(await place(b.id)).toMatchObject({ talkId: 'TALK1', eventId: undefined });
    expect(await place(c.id)).toMatchObject({ talkId: undefined, eventId: 'EVENT1' });
    // No key is left behind holding `undefined`: the stored record has no talkId at all.
    expect(Object.keys((await getDb().notes.get(a.id))!)).not.toContain('talkId');
  });

  it('files under an event without a talk, or under nothing, and skips notes already there or trashed', async () => {
    const a = await createNote({ body: 'keynote aside', url: 'https://a.example/', talkId: 'TALK1' });
    const b = await createNote({ body: 'already there', url: 'https://b.example/' });
    await getDb().notes.update(b.id, { eventId: 'EVENT1' });
    const gone = await createNote({ body: 'trashed', url: 'https://c.example/', talkId: 'TALK1' });
    await trashNote(gone.id);

    const previous = await moveNotes([a.id, b.id, gone.id, 'NO-SUCH-NOTE'], { eventId: 'EVENT1' });
    expect(previous).toEqual([{ id: a.id, talkId: 'TALK1', eventId: undefined }]);
    expect(await place(a.id)).toMatchObject({ talkId: undefined, eventId: 'EVENT1' });
    expect(await place(gone.id)).toMatchObject({ talkId: 'TALK1' });

    expect(await moveNotes([a.id], {})).toEqual([{ id: a.id, talkId: undefined, eventId: 'EVENT1' }]);
    expect(await place(a.id)).toMatchObject({ talkId: undefined, eventId: undefined });
  });
});
