// @vitest-environment jsdom
/**
 * The side panel paints the library's kept first page at once, then shows the live list in its
 * place as soon as the live rows are there (issue 17, "paints from a persisted first page").
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { firstPageKey, WithFirstPage } from '../../../components/library/first-page';
import { Library } from '../../../components/library/Library';
import type { FirstPage } from '../../../storage/first-page';
import { createNote } from '../../../storage/notes';

afterEach(() => {
  cleanup();
  fakeBrowser.reset();
});

const kept: FirstPage = {
  key: 'library:all',
  at: Date.now(),
  count: 1,
  rows: [
    {
      id: '01KEPT',
      body: 'Kept row from the last panel',
      kind: 'question',
      tags: ['kept'],
      createdAt: Date.UTC(2026, 0, 2),
      where: 'A kept talk',
      thumbnail: false,
      visibility: 'private',
    },
  ],
};

describe('side panel first page', () => {
  it('is kept for "All notes" only', () => {
    expect(firstPageKey('?view=library&scope=all&tabId=3')).toBe('library:all');
    expect(firstPageKey('?view=library')).toBeNull();
    expect(firstPageKey('?tabId=3')).toBeNull();
  });

  it('paints the kept rows at once, then the live list replaces them', async () => {
    await createNote({ body: 'Live note from the database', url: 'https://example.org/live' });
    window.history.replaceState({}, '', '/sidepanel.html?view=library&scope=all&tabId=0');
    render(
      <WithFirstPage page={kept}>
        <Library notify={() => undefined} />
      </WithFirstPage>,
    );
    // First render: the kept row, with its kind and lock, before any database read.
    const first = screen.getByTestId('first-page');
    expect(first.textContent).toContain('Kept row from the last panel');
    expect(first.textContent).toContain('A kept talk');
    expect(first.querySelector('[data-private="true"]')).not.toBeNull();
    expect(screen.queryByText(/Live note from the database/)).toBeNull();
    // Then the live list, and the kept page is gone.
    await waitFor(() => expect(screen.getByText(/Live note from the database/)).toBeTruthy());
    await waitFor(() => expect(screen.queryByTestId('first-page')).toBeNull());
    expect(screen.queryByText(/Kept row from the last panel/)).toBeNull();
  });
});
