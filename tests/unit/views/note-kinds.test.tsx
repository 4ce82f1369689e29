// @vitest-environment jsdom
/**
 * Kinds in the views: a side-panel note shows its kind as a mark and label and its text without a
 * prefix or the `#tags` it ends with (those are chips); a library row shows the kind once.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteRow } from '../../../components/library/LibraryRow';
import { NoteItem } from '../../../components/notes/NoteItem';
import type { NoteKind, NoteRecord } from '../../../storage/types';

afterEach(cleanup);

const note = (body: string, kind: NoteKind, tags: string[] = []): NoteRecord => ({
  id: '01NOTE00000000000000000000',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  url: 'https://example.org/kube',
  body,
  tags,
  kind,
});

const item = (n: NoteRecord) =>
  render(<NoteItem note={n} onEdit={async () => undefined} onDelete={() => undefined} />).container;

describe('NoteItem', () => {
  it('shows a question as its mark and label, the text without trailing tags, the tags as chips', () => {
    const c = item(
      note('How does the scheduler pick a node? #kubernetes #scheduling', 'question', [
        'kubernetes',
        'scheduling',
      ]),
    );
    expect(c.querySelector('.note-body')?.textContent).toBe('How does the scheduler pick a node?');
    expect(c.querySelector('[data-kind]')?.textContent).toBe('? Question');
    expect([...c.querySelectorAll('[data-tag]')].map((t) => t.textContent)).toEqual([
      'kubernetes',
      'scheduling',
    ]);
  });
  it('keeps a tag inside the sentence, and a body that is only tags', () => {
    const inside = item(note('Use #kubernetes quotas first', 'takeaway', ['kubernetes']));
    expect(inside.querySelector('.note-body')?.textContent).toBe('Use #kubernetes quotas first');
    cleanup();
    const only = item(note('#kubernetes', 'note', ['kubernetes']));
    expect(only.querySelector('.note-body')?.textContent).toBe('#kubernetes');
    expect(only.querySelector('[data-kind]')).toBeNull();
  });
});

describe('NoteRow', () => {
  it('shows the kind once, as a badge, before the text', () => {
    const c = render(<NoteRow note={note('Quorum', 'takeaway')} />).container;
    expect(c.querySelector('p')?.textContent).toBe('! Takeaway:Quorum');
    cleanup();
    const todo = render(<NoteRow note={note('check the quorum settings', 'todo')} />).container;
    expect(todo.querySelector('p')?.textContent).toBe('☐ To do:check the quorum settings');
  });
});
