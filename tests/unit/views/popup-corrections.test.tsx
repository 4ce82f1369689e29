// @vitest-environment jsdom
/**
 * The popup's "Not right?" end to end inside the popup (issue 15): a correction changes what is shown
 * and what the note is filed with, is remembered for the site (storage.local), and Undo puts both back.
 * The boundaries are replaced as in popup.test.tsx: the tab query, the background, the site permission.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageCapture } from '../../../capture/types';
import { Popup } from '../../../components/capture/Popup';
import { allSiteHints } from '../../../storage/site-hints';

const mocks = vi.hoisted(() => ({ targetTab: vi.fn(), sendMessage: vi.fn(), openPanel: vi.fn() }));
vi.mock('../../../platform/tabs', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../platform/tabs')>()),
  targetTab: mocks.targetTab,
}));
vi.mock('../../../messaging/protocol', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../messaging/protocol')>()),
  sendMessage: mocks.sendMessage,
}));
vi.mock('../../../platform/panel', () => ({ openPanel: mocks.openPanel }));
vi.mock('../../../platform/site-access', () => ({
  originPattern: () => null,
  isKnownHost: () => true,
  siteEnabled: async () => false,
  enableSite: async () => false,
  disableSite: async () => undefined,
}));

const PAGE: PageCapture = {
  url: 'https://www.rustmeetup.de/2024/async/',
  title: 'Async Rust | Rust Meetup',
  kind: 'session',
  platform: 'generic',
  talk: { title: 'Async Rust', speakers: [{ name: 'Admin' }, { name: 'Jana Nowak' }] },
  event: { name: 'Rust Meetup' },
  evidence: { speakers: 'byline', event: 'og' },
};

const saves: { capture: PageCapture }[] = [];
beforeEach(() => {
  for (const m of Object.values(mocks)) m.mockReset();
  saves.length = 0;
  mocks.targetTab.mockResolvedValue({ id: 7, windowId: 1, url: PAGE.url, title: PAGE.title });
  mocks.sendMessage.mockImplementation(async (type: string, data: { capture: PageCapture }) => {
    if (type === 'knownTags') return [];
    if (type === 'captureTab') return PAGE;
    if (type === 'countNotes') return 0;
    if (type === 'noteDestination') return { choices: [] };
    if (type === 'saveNote') {
      saves.push(data);
      return { ok: true, id: 'N1' };
    }
    throw new Error(`unexpected message ${type}`);
  });
});
afterEach(() => {
  cleanup();
  fakeBrowser.reset();
});

describe('popup: Not right?', () => {
  it('drops a speaker, files the note with the rest, remembers it for the site; Undo puts both back', async () => {
    render(<Popup />);
    await waitFor(() => expect(screen.getByTestId('capture-speakers').textContent).toBe('Admin, Jana Nowak'));
    fireEvent.click(screen.getByRole('button', { name: 'Not right? Correct the speakers' }));
    const form = await screen.findByRole('form', { name: 'Correct the speakers' });
    fireEvent.click(screen.getByRole('checkbox', { name: /Admin/ }));
    fireEvent.submit(form);

    await waitFor(() => expect(screen.getByTestId('capture-speakers').textContent).toBe('Jana Nowak'));
    await screen.findByText('Corrected, and remembered for this site.');
    expect(await allSiteHints()).toMatchObject([
      { site: 'rustmeetup.de', kind: 'reject', field: 'speakers', value: 'Admin' },
    ]);

    const box = screen.getByRole('combobox', { name: 'Note' });
    fireEvent.input(box, { target: { value: 'Pin is not a lock' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0]?.capture.talk?.speakers).toEqual([{ name: 'Jana Nowak' }]);
    expect(saves[0]?.capture.event).toEqual({ name: 'Rust Meetup' });

    // The save's own toast replaced the correction's; correct again to reach its Undo.
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Note saved'));
    fireEvent.click(screen.getByRole('button', { name: 'Not right? Correct the speakers' }));
    const again = await screen.findByRole('form', { name: 'Correct the speakers' });
    fireEvent.click(screen.getByRole('checkbox', { name: /Remember for every page/ }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Other names (comma-separated)' }), {
      target: { value: 'Piotr Zieliński' },
    });
    fireEvent.submit(again);
    await waitFor(() =>
      expect(screen.getByTestId('capture-speakers').textContent).toBe('Jana Nowak, Piotr Zieliński'),
    );
    expect(await screen.findByText('Corrected for this page.')).toBeInstanceOf(HTMLElement);
    expect(await allSiteHints()).toHaveLength(1); // not remembered: the box was unticked
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByTestId('capture-speakers').textContent).toBe('Jana Nowak'));
  });

  it('Undo of a remembered correction forgets it for the site too', async () => {
    render(<Popup />);
    await waitFor(() => expect(screen.getByTestId('capture-event').textContent).toBe('Rust Meetup'));
    fireEvent.click(screen.getByRole('button', { name: 'Not right? Correct the event' }));
    await screen.findByRole('form', { name: 'Correct the event' });
    fireEvent.click(screen.getByRole('radio', { name: 'This page has no event' }));
    fireEvent.submit(screen.getByRole('form', { name: 'Correct the event' }));
    await waitFor(() => expect(screen.queryByTestId('capture-event')).toBeNull());
    await screen.findByText('Corrected, and remembered for this site.');
    expect(await allSiteHints()).toMatchObject([{ kind: 'never', field: 'event' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByTestId('capture-event').textContent).toBe('Rust Meetup'));
    await waitFor(async () => expect(await allSiteHints()).toEqual([]));
  });
});
