import { describe, expect, it } from 'vitest';
import { detectKind, isNoteKind, kindAfterEdit } from '../../../storage/kinds';
import { createNote, updateNote } from '../../../storage/notes';

const url = 'https://example.org/talk';

describe('detectKind', () => {
  it('reads the prefixes', () => {
    expect(detectKind('? How does self-heal pick a source?')).toBe('question');
    expect(detectKind('! Replicate before you distribute')).toBe('takeaway');
    expect(detectKind('> Storage is hard')).toBe('quote');
    expect(detectKind('[ ] try the new translator')).toBe('todo');
    expect(detectKind('- [ ] try it')).toBe('todo');
    expect(detectKind('[] try it')).toBe('todo');
    expect(detectKind('TODO read the paper')).toBe('todo');
    expect(detectKind('todo: read the paper')).toBe('todo');
    expect(detectKind('  ? leading space is fine')).toBe('question');
  });
  it('leaves everything else alone', () => {
    for (const body of [
      'Why? Because.',
      '?no space',
      '!important',
      '>quote',
      'todos everywhere',
      '[x] done',
      '',
    ]) {
      expect(detectKind(body)).toBeUndefined();
    }
  });
});

describe('kindAfterEdit', () => {
  it('follows the prefix, keeps a hand-picked kind, and drops a removed prefix', () => {
    expect(kindAfterEdit({ body: 'plain', kind: 'note' }, '? now a question')).toBe('question');
    expect(kindAfterEdit({ body: '? q', kind: 'question' }, 'no longer')).toBe('note');
    expect(kindAfterEdit({ body: 'picked', kind: 'takeaway' }, 'still picked')).toBe('takeaway');
    expect(kindAfterEdit({ body: '? q', kind: 'question' }, '? q', 'todo')).toBe('todo');
  });
  it('knows the kind names', () => {
    expect(isNoteKind('quote')).toBe(true);
    expect(isNoteKind('Quote')).toBe(false);
    expect(isNoteKind(3)).toBe(false);
  });
});

describe('kinds on save', () => {
  it('sets the kind from the prefix when a note is saved and edited', async () => {
    const q = await createNote({ body: '? Does it scale past 100 bricks? #glusterfs', url });
    expect(q.kind).toBe('question');
    const plain = await createNote({ body: 'Nothing special', url });
    expect(plain.kind).toBe('note');
    const explicit = await createNote({ body: '? but picked', url, kind: 'takeaway' });
    expect(explicit.kind).toBe('takeaway');
    expect((await updateNote(plain.id, { body: 'TODO: try it' })).kind).toBe('todo');
    expect((await updateNote(plain.id, { body: 'done with it' })).kind).toBe('note');
    expect((await updateNote(plain.id, { kind: 'quote' })).kind).toBe('quote');
    expect((await updateNote(plain.id, { body: 'still a quote' })).kind).toBe('quote');
  });
});
