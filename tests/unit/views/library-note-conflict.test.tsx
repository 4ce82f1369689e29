// @vitest-environment jsdom
/**
 * The library's note page edits like every note list: the save carries the version the edit began
 * from, and a note changed elsewhere meanwhile asks (keep both / theirs / mine) instead of being
 * overwritten.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

const sent: Array<{ type: string; data: Record<string, unknown> }> = [];
let answers: unknown[] = [];
vi.mock('../../../messaging/protocol', () => ({
  sendMessage: async (type: string, data: Record<string, unknown>) => {
    sent.push({ type, data });
    return answers.shift() ?? { ok: true };
  },
}));

const { LibraryNoteView } = await import('../../../components/library/LibraryNoteView');
const { getDb } = await import('../../../storage/db');

afterEach(cleanup);

describe("the library's note page", () => {
  it('sends the version the edit began from, shows the other text when it changed, and keeps mine over the newer one', async () => {
    await getDb().notes.add({
      id: 'LN1',
      createdAt: 1,
      updatedAt: 1000,
      url: 'https://deck.example/',
      body: 'Quorum reads are slow',
      tags: [],
      kind: 'note',
    });
    render(
      <LibraryNoteView
        id="LN1"
        notify={() => undefined}
        onOpen={() => undefined}
        onBack={() => undefined}
        onTag={() => undefined}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.input(screen.getByLabelText('Edit note'), {
      target: { value: 'Quorum reads are slow on 3.5' },
    });
    answers = [{ ok: false, conflict: { body: 'Quorum reads are fast now', updatedAt: 2000 } }];
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByTestId('edit-theirs')).textContent).toBe('Quorum reads are fast now');
    expect(sent.at(-1)).toEqual({
      type: 'editNote',
      data: { id: 'LN1', body: 'Quorum reads are slow on 3.5', base: 1000, keep: undefined },
    });
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(screen.queryByTestId('edit-conflict')).toBeNull());
    expect(sent.at(-1)).toEqual({
      type: 'editNote',
      data: { id: 'LN1', body: 'Quorum reads are slow on 3.5', base: 2000, keep: undefined },
    });
  });
});
