/**
 * Note visibility in the repository (issue 16, item 3): the `% ` prefix, the toggle, and what an
 * edit keeps. Public is stored as no field at all.
 */
import { describe, expect, it } from 'vitest';
import { isPrivateNote, splitPrivate } from '../../../storage/kinds';
import { copyNoteWithBody, createNote, updateNote } from '../../../storage/notes';

describe('splitPrivate', () => {
  it('takes the mark off before or after a kind prefix, and keeps a lone %', () => {
    expect(splitPrivate('% ran over')).toEqual({ private: true, body: 'ran over' });
    expect(splitPrivate('! % ran over')).toEqual({ private: true, body: '! ran over' });
    expect(splitPrivate('50% of pods idle')).toEqual({ private: false, body: '50% of pods idle' });
    expect(splitPrivate('%')).toEqual({ private: false, body: '%' });
  });

  it('reads the private tag the user names, without case', () => {
    expect(isPrivateNote({ tags: ['Private'] })).toBe(true);
    expect(isPrivateNote({ tags: ['mine'] }, '#mine')).toBe(true);
    expect(isPrivateNote({ tags: ['private'] }, 'mine')).toBe(false);
    expect(isPrivateNote({ visibility: 'private', tags: [] })).toBe(true);
  });
});

describe('the repository', () => {
  it('stores a typed % as private, the toggle makes it public (no field), a typed % in an edit private again', async () => {
    const note = await createNote({ body: '! % Keep an eye on this team', url: 'https://example.org/a' });
    expect([note.body, note.kind, note.visibility]).toEqual([
      'Keep an eye on this team',
      'takeaway',
      'private',
    ]);
    const open = await updateNote(note.id, { visibility: 'public' });
    expect('visibility' in open).toBe(false);
    const edited = await updateNote(note.id, { body: 'Keep an eye on this team, really' });
    expect('visibility' in edited).toBe(false);
    const again = await updateNote(note.id, { body: '% Keep an eye on this team' });
    expect([again.body, again.visibility]).toEqual(['Keep an eye on this team', 'private']);
    // An edit without a mark keeps a private note private.
    expect((await updateNote(note.id, { body: 'Still mine' })).visibility).toBe('private');
    // "Keep both" after a stale edit keeps the visibility.
    expect((await copyNoteWithBody(note.id, 'A copy')).visibility).toBe('private');
  });
});
