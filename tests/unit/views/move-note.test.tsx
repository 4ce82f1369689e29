// @vitest-environment jsdom
/** A note's Move: the destinations come from the library, the choice is passed on as a place. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoteItem } from '../../../components/notes/NoteItem';
import { getDb } from '../../../storage/db';
import type { NoteRecord } from '../../../storage/types';

afterEach(cleanup);

const NOTE: NoteRecord = {
  id: 'N1',
  createdAt: 1,
  updatedAt: 1,
  url: 'https://deck.example/',
  body: 'Quorum reads are slow #etcd',
  tags: ['etcd'],
  kind: 'note',
  talkId: 'T1',
};

describe('moving a note', () => {
  it('offers no talk, the talks and the events, and moves to the one chosen', async () => {
    await getDb().talks.bulkAdd([
      {
        id: 'T1',
        createdAt: 1,
        updatedAt: 1,
        title: 'Scaling the scheduler',
        speakers: [],
        tags: [],
        source: { platform: 'sched', url: 'https://s/1', capturedAt: 1 },
      },
      {
        id: 'T2',
        createdAt: 2,
        updatedAt: 2,
        title: 'etcd at scale',
        speakers: [],
        tags: [],
        source: { platform: 'sched', url: 'https://s/2', capturedAt: 2 },
      },
    ]);
    await getDb().events.add({ id: 'E1', createdAt: 1, updatedAt: 1, name: 'KubeCon EU 2026' });
    const onMove = vi.fn();
    render(
      <NoteItem note={NOTE} onEdit={async () => undefined} onDelete={() => undefined} onMove={onMove} />,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    const select = screen.getByRole('combobox', { name: 'Move this note to' }) as HTMLSelectElement;
    await waitFor(() => expect(select.querySelectorAll('option')).toHaveLength(5));
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Choose where…',
      'No talk (the page only)',
      'etcd at scale',
      'Scaling the scheduler',
      'KubeCon EU 2026',
    ]);
    // The note's own place is preselected, and moving there is not offered.
    expect(select.value).toBe('talk:T1');
    expect((screen.getByRole('button', { name: 'Move' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(select, { target: { value: 'event:E1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    expect(onMove).toHaveBeenCalledWith(NOTE, { eventId: 'E1' }, 'to KubeCon EU 2026 (no talk)');
    expect(screen.queryByRole('combobox', { name: 'Move this note to' })).toBeNull();
  });

  it('Escape closes the choice without moving', async () => {
    const onMove = vi.fn();
    render(
      <NoteItem note={NOTE} onEdit={async () => undefined} onDelete={() => undefined} onMove={onMove} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Move this note to' }), { key: 'Escape' });
    expect(screen.queryByRole('combobox', { name: 'Move this note to' })).toBeNull();
    expect(onMove).not.toHaveBeenCalled();
  });
});
