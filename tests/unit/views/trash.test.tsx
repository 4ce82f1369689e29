// @vitest-environment jsdom
/**
 * The trash view in its states — loading, empty, a list — over real storage (fake IndexedDB); only
 * the message to the background (the boundary that writes) is replaced.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Trash } from '../../../components/trash/Trash';
import { getDb } from '../../../storage/db';
import { createNote } from '../../../storage/notes';

const { sendMessage } = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('../../../messaging/protocol', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../messaging/protocol')>()),
  sendMessage,
}));

const url = 'https://example.org/talk';

/** Notes deleted at the given times (ms), in that order. */
async function trashed(...bodies: [string, number][]) {
  const out = [];
  for (const [body, deletedAt] of bodies) {
    const n = await createNote({ body, url });
    await getDb().notes.update(n.id, { deletedAt });
    out.push(n);
  }
  return out;
}

beforeEach(() => sendMessage.mockReset());
afterEach(cleanup);

describe('Trash', () => {
  it('says it is loading before the count is read', () => {
    render(<Trash notify={() => undefined} />);
    expect(screen.getByText('Loading the trash…')).toBeInstanceOf(HTMLElement);
  });

  it('says the trash is empty when no note is deleted, live notes notwithstanding', async () => {
    await createNote({ body: 'still here', url });
    render(<Trash notify={() => undefined} />);
    expect(await screen.findByText('The trash is empty.')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lists deleted notes, most recently deleted first, and restores the selected one', async () => {
    const [older, newer] = await trashed(['first deleted', 1000], ['last deleted', 2000]);
    await createNote({ body: 'live note', url });
    sendMessage.mockResolvedValue(1);
    const notify = vi.fn();
    render(<Trash notify={notify} />);
    expect((await screen.findByTestId('trash-count')).textContent).toBe('2 notes in the trash');
    const list = screen.getByRole('listbox', { name: 'Notes in the trash' });
    const shown = () =>
      within(list)
        .getAllByRole('option')
        .map((r) => r.querySelector('[data-note-id]')?.getAttribute('data-note-id'));
    await waitFor(() => expect(shown()).toEqual([newer!.id, older!.id]));
    const rows = within(list).getAllByRole('option');
    expect(rows[0]!.textContent).toContain('last deleted');
    expect(rows[0]!.getAttribute('aria-selected')).toBe('true');

    fireEvent.click(await screen.findByRole('button', { name: 'Restore selected' }));
    await waitFor(() => expect(notify).toHaveBeenCalledWith({ message: 'Restored 1 note' }));
    expect(sendMessage).toHaveBeenCalledWith('trashAdmin', { action: 'restore', ids: [newer!.id] });
  });

  it('asks before emptying, and can be cancelled', async () => {
    await trashed(['a', 1], ['b', 2], ['c', 3]);
    sendMessage.mockResolvedValue(3);
    const notify = vi.fn();
    render(<Trash notify={notify} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Empty trash…' }));
    expect(screen.queryByRole('button', { name: 'Empty trash…' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(sendMessage).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Empty trash…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete 3 notes for good' }));
    await waitFor(() => expect(notify).toHaveBeenCalledWith({ message: 'Emptied the trash: 3 notes' }));
    expect(sendMessage).toHaveBeenCalledWith('trashAdmin', { action: 'empty', ids: undefined });
    expect(screen.getByRole('button', { name: 'Empty trash…' })).toBeInstanceOf(HTMLButtonElement);
  });
});
