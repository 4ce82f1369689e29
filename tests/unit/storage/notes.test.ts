import { describe, expect, it } from 'vitest';
import { getDb } from '../../../storage/db';
import {
  countNotesForUrl,
  createNote,
  MAX_NOTE_CHARS,
  NoteValidationError,
  notesForUrl,
  restoreNote,
  trashNote,
  updateNote,
} from '../../../storage/notes';

const url = 'https://example.org/talk';

describe('notes repository', () => {
  it('saves a tagged note with ULID id and timestamps', async () => {
    const note = await createNote({ body: 'Replicate translator needs tuning #GlusterFS #storage', url });
    expect(note.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(note.tags).toEqual(['glusterfs', 'storage']);
    expect(note.createdAt).toBe(note.updatedAt);
    expect(await getDb().notes.get(note.id)).toEqual(note);
  });

  it('refuses an empty note and an oversized one with a clear message', async () => {
    await expect(createNote({ body: '   \n', url })).rejects.toThrow(NoteValidationError);
    await expect(createNote({ body: 'x'.repeat(MAX_NOTE_CHARS + 1), url })).rejects.toThrow(
      /notes hold up to/,
    );
    expect(await getDb().notes.count()).toBe(0);
  });

  it('re-derives tags on edit and keeps explicit ones', async () => {
    const note = await createNote({ body: 'first #a', url, tags: ['Pinned'] });
    expect(note.tags).toEqual(['a', 'pinned']);
    const edited = await updateNote(note.id, { body: 'second #b' });
    expect(edited.tags).toEqual(['b', 'pinned']);
    expect(edited.updatedAt).toBeGreaterThan(note.updatedAt);
  });

  it('moves to trash and restores', async () => {
    const note = await createNote({ body: 'temp', url });
    await trashNote(note.id);
    expect(await notesForUrl(url)).toEqual([]);
    expect(await countNotesForUrl(url)).toBe(0);
    expect((await getDb().notes.get(note.id))?.deletedAt).toBeTypeOf('number');
    await restoreNote(note.id);
    const back = await notesForUrl(url);
    expect(back.map((n) => n.id)).toEqual([note.id]);
    expect(back[0]).not.toHaveProperty('deletedAt');
  });
});
