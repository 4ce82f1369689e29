// @vitest-environment jsdom
/**
 * Private notes in the views (issue 16, item 3): a private note — by the field or by the `#private`
 * tag — shows a lock named "Private" in the side panel's list and in the library's rows; a public
 * note shows none; the side panel's note offers the Private toggle, pressed for a private note.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteRow } from '../../../components/library/LibraryRow';
import { NoteItem } from '../../../components/notes/NoteItem';
import type { NoteRecord } from '../../../storage/types';

afterEach(cleanup);

const note = (fields: Partial<NoteRecord>): NoteRecord => ({
  id: '01NOTE00000000000000000000',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  url: 'https://example.org/kube',
  body: 'The speaker ran over',
  tags: [],
  kind: 'note',
  ...fields,
});

const item = (n: NoteRecord) =>
  render(<NoteItem note={n} onEdit={async () => undefined} onDelete={() => undefined} />);

describe('the lock', () => {
  it('marks a private note in the side panel, with the Private toggle pressed', () => {
    item(note({ visibility: 'private' }));
    expect(screen.getByRole('img', { name: 'Private' }).textContent).toBe('🔒');
    expect(screen.getByRole('button', { name: 'Private' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('marks a note tagged #private, and not a public one', () => {
    item(note({ body: 'gossip #private', tags: ['private'] }));
    expect(screen.getAllByRole('img', { name: 'Private' })).toHaveLength(1);
    cleanup();
    item(note({}));
    expect(screen.queryByRole('img', { name: 'Private' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Private' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('marks a private note in the library’s rows', () => {
    render(<NoteRow note={note({ visibility: 'private' })} />);
    expect(screen.getByRole('img', { name: 'Private' })).toBeTruthy();
    cleanup();
    render(<NoteRow note={note({})} />);
    expect(screen.queryByRole('img', { name: 'Private' })).toBeNull();
  });
});
