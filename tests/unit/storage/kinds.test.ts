import { describe, expect, it } from 'vitest';
import { detectKind, isNoteKind, splitKind, withKindSplit } from '../../../storage/kinds';
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

describe('splitKind', () => {
  it('takes each prefix off and names its kind', () => {
    expect(splitKind('? How does self-heal pick a source?')).toEqual({
      kind: 'question',
      body: 'How does self-heal pick a source?',
    });
    expect(splitKind('! Replicate before you distribute')).toEqual({
      kind: 'takeaway',
      body: 'Replicate before you distribute',
    });
    expect(splitKind('> Storage is hard')).toEqual({ kind: 'quote', body: 'Storage is hard' });
    expect(splitKind('[ ] try the new translator')).toEqual({ kind: 'todo', body: 'try the new translator' });
    expect(splitKind('- [ ] try it')).toEqual({ kind: 'todo', body: 'try it' });
    expect(splitKind('[] try it')).toEqual({ kind: 'todo', body: 'try it' });
    expect(splitKind('TODO read the paper')).toEqual({ kind: 'todo', body: 'read the paper' });
    expect(splitKind('todo: read the paper')).toEqual({ kind: 'todo', body: 'read the paper' });
    expect(splitKind('  ? leading space is fine  ')).toEqual({
      kind: 'question',
      body: 'leading space is fine',
    });
  });
  it('takes off a repeated prefix and every line marker of a block quote', () => {
    expect(splitKind('! ! Quorum')).toEqual({ kind: 'takeaway', body: 'Quorum' });
    expect(splitKind('> line one\n>\n> line two')).toEqual({ kind: 'quote', body: 'line one\n\nline two' });
    // Only the first line marks a question: a later "> " is the user's own Markdown.
    expect(splitKind('? why\n> because')).toEqual({ kind: 'question', body: 'why\n> because' });
  });
  it('leaves bodies without a prefix, and a bare prefix, as text', () => {
    expect(splitKind('Why? Because.')).toEqual({ body: 'Why? Because.' });
    expect(splitKind('[x] done')).toEqual({ body: '[x] done' });
    expect(splitKind('todo:')).toEqual({ body: 'todo:' });
  });
  it('keeps a hand-picked kind and gives a plain note the kind of its prefix', () => {
    const stored = { id: 'n', body: '? picked by hand', kind: 'takeaway' as const, updatedAt: 5 };
    expect(withKindSplit(stored)).toEqual({
      id: 'n',
      body: 'picked by hand',
      kind: 'takeaway',
      updatedAt: 5,
    });
    expect(withKindSplit({ body: '> Most of your pods', kind: 'note' as const })).toEqual({
      body: 'Most of your pods',
      kind: 'quote',
    });
    const clean = { body: 'nothing to do', kind: 'question' as const };
    expect(withKindSplit(clean)).toBe(clean);
  });
});

describe('isNoteKind', () => {
  it('knows the kind names', () => {
    expect(isNoteKind('quote')).toBe(true);
    expect(isNoteKind('Quote')).toBe(false);
    expect(isNoteKind(3)).toBe(false);
  });
});

describe('kinds on save', () => {
  it('sets the kind from the prefix and takes the prefix off the body', async () => {
    const q = await createNote({ body: '? Does it scale past 100 bricks? #glusterfs', url });
    expect(q.kind).toBe('question');
    expect(q.body).toBe('Does it scale past 100 bricks? #glusterfs');
    expect(q.tags).toEqual(['glusterfs']);
    const quote = await createNote({ body: '> Most of your pods are idle', url });
    expect([quote.kind, quote.body]).toEqual(['quote', 'Most of your pods are idle']);
    const todo = await createNote({ body: '[ ] check the quorum settings', url });
    expect([todo.kind, todo.body]).toEqual(['todo', 'check the quorum settings']);
    const plain = await createNote({ body: 'Nothing special', url });
    expect([plain.kind, plain.body]).toEqual(['note', 'Nothing special']);
  });
  it('lets a kind given explicitly win, and still takes the prefix off', async () => {
    const explicit = await createNote({ body: '? but picked', url, kind: 'takeaway' });
    expect([explicit.kind, explicit.body]).toEqual(['takeaway', 'but picked']);
  });
  it('sets the kind and strips the prefix when an edit types one; keeps the kind otherwise', async () => {
    const plain = await createNote({ body: 'Nothing special', url });
    const todo = await updateNote(plain.id, { body: 'TODO: try it' });
    expect([todo.kind, todo.body]).toEqual(['todo', 'try it']);
    // The stored body has no prefix, so editing the text keeps the kind.
    const still = await updateNote(plain.id, { body: 'try it today' });
    expect([still.kind, still.body]).toEqual(['todo', 'try it today']);
    const q = await updateNote(plain.id, { body: '? try it when?' });
    expect([q.kind, q.body]).toEqual(['question', 'try it when?']);
    const toggled = await updateNote(plain.id, { kind: 'note' });
    expect([toggled.kind, toggled.body]).toEqual(['note', 'try it when?']);
    const both = await updateNote(plain.id, { body: '! a takeaway typed', kind: 'quote' });
    expect([both.kind, both.body]).toEqual(['quote', 'a takeaway typed']);
  });
});
