// @vitest-environment jsdom
/**
 * The side panel's "This page" view in its states — no page, reading, a page without notes, a page
 * with notes, notes that cannot be read — over real storage (fake IndexedDB); the followed tab, the
 * messages to the background and the site permission are the faked boundary.
 */

import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { ThisPage } from '../../../components/capture/ThisPage';
import { createNote } from '../../../storage/notes';

/**
 * A read that fails (as IndexedDB does on a disk error). Not a broken database: Dexie's live queries
 * wait for a database that cannot open instead of reporting it.
 */
const read = vi.hoisted(() => ({ fail: false }));
vi.mock('../../../storage/notes', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../storage/notes')>();
  return {
    ...real,
    notesForUrl: (...args: Parameters<typeof real.notesForUrl>) =>
      read.fail ? Promise.reject(new Error('disk I/O error')) : real.notesForUrl(...args),
  };
});

const mocks = vi.hoisted(() => ({ tab: vi.fn(), sendMessage: vi.fn() }));
vi.mock('../../../platform/use-followed-tab', () => ({ useFollowedTab: mocks.tab }));
vi.mock('../../../messaging/protocol', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../messaging/protocol')>()),
  sendMessage: mocks.sendMessage,
}));
vi.mock('../../../platform/site-access', () => ({
  originPattern: () => null,
  isKnownHost: () => true,
  siteEnabled: async () => false,
  enableSite: async () => false,
  disableSite: async () => undefined,
}));

const TAB = { id: 3, windowId: 1, url: 'https://blog.example/post', title: 'A post' };
const PAGE: PageCapture = {
  url: 'https://blog.example/post',
  title: 'A post on storage',
  kind: 'page',
  platform: 'page',
};

function background(capture: PageCapture | null | Promise<never>) {
  mocks.sendMessage.mockImplementation(async (type: string) => {
    if (type === 'captureTab') return capture;
    throw new Error(`unexpected message ${type}`);
  });
}

const notify = () => undefined;

beforeEach(() => {
  mocks.tab.mockReset().mockReturnValue(TAB);
  mocks.sendMessage.mockReset();
});
afterEach(() => {
  cleanup();
  read.fail = false;
});

describe('This page', () => {
  it('asks for a page when no tab can be followed', () => {
    mocks.tab.mockReturnValue(null);
    render(<ThisPage notify={notify} />);
    expect(screen.getByText('Open a talk, a deck or any web page to take notes on it.')).toBeInstanceOf(
      HTMLElement,
    );
    expect(mocks.sendMessage).not.toHaveBeenCalled();
  });

  it('asks for a page when the tab gives no capture (a browser page)', async () => {
    background(null);
    render(<ThisPage notify={notify} />);
    expect(
      await screen.findByText('Open a talk, a deck or any web page to take notes on it.'),
    ).toBeInstanceOf(HTMLElement);
  });

  it('says it is reading the page while the capture is on its way', () => {
    background(new Promise<never>(() => undefined));
    render(<ThisPage notify={notify} />);
    expect(screen.getByText('Reading the page…')).toBeInstanceOf(HTMLElement);
    expect(mocks.sendMessage).toHaveBeenCalledWith('captureTab', { tabId: 3 });
  });

  it('invites a first note on a page that has none (notes on other pages do not count)', async () => {
    await createNote({ body: 'elsewhere', url: 'https://other.example/' });
    background(PAGE);
    render(<ThisPage notify={notify} />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('A post on storage');
    expect(await screen.findByText('No notes on this page yet. What stood out?')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('list', { name: 'Notes on this page' })).toBeNull();
  });

  it("lists the page's notes, and a note saved elsewhere shows up live", async () => {
    await createNote({ body: 'Geo-replication is asynchronous', url: PAGE.url });
    background(PAGE);
    render(<ThisPage notify={notify} />);
    const list = await screen.findByRole('list', { name: 'Notes on this page' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(list.textContent).toContain('Geo-replication is asynchronous');
    expect(screen.queryByText('No notes on this page yet. What stood out?')).toBeNull();
    await createNote({ body: 'No metadata server to lose', url: PAGE.url });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(list.textContent).toContain('No metadata server to lose');
  });

  it('shows an alert when the notes cannot be read', async () => {
    read.fail = true;
    background(PAGE);
    render(<ThisPage notify={notify} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Notes could not be read: disk I/O error');
  });
});
