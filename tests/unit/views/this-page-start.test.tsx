// @vitest-environment jsdom
/**
 * "This page" when the panel opened on it (components/capture/ThisPageStart.ts): the tab and its
 * capture asked for as the panel starts are what the view shows — before its own tab hook answers —
 * the capture is asked for once, and the page's notes are all listed (the first ones first, then the
 * rest: ThisPageNotes.tsx). Real storage (fake IndexedDB); the tab APIs and the background are the
 * faked boundary, as in this-page.test.tsx.
 */

import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { render as renderPlain } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageCapture } from '../../../capture/types';
import { ThisPage } from '../../../components/capture/ThisPage';
import { FIRST_NOTES } from '../../../components/capture/ThisPageNotes';
import {
  started,
  startThisPage,
  takeThisPageStart,
  useStarted,
} from '../../../components/capture/ThisPageStart';
import { startThisPageEarly } from '../../../platform/panel-early';
import { createNote } from '../../../storage/notes';

const mocks = vi.hoisted(() => ({ followed: vi.fn(), target: vi.fn(), sendMessage: vi.fn() }));
vi.mock('../../../platform/use-followed-tab', () => ({ useFollowedTab: mocks.followed }));
vi.mock('../../../platform/tabs', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../platform/tabs')>()),
  targetTab: mocks.target,
}));
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

const TAB = { id: 7, windowId: 1, url: 'https://conf.example/talks/long', title: 'A long talk' };
const PAGE: PageCapture = {
  url: 'https://conf.example/talks/long',
  title: 'Many notes on this one',
  kind: 'page',
  platform: 'page',
};
const notify = () => undefined;
const captureAsks = () => mocks.sendMessage.mock.calls.filter(([type]) => type === 'captureTab');

beforeEach(() => {
  // The view's own tab hook has not answered yet: only the started tab can show the page.
  mocks.followed.mockReset().mockReturnValue(undefined);
  mocks.target.mockReset().mockResolvedValue(TAB);
  mocks.sendMessage.mockReset().mockImplementation(async (type: string) => {
    if (type === 'captureTab') return PAGE;
    throw new Error(`unexpected message ${type}`);
  });
});
afterEach(() => {
  cleanup();
  takeThisPageStart();
  fakeBrowser.reset();
});

describe('This page started with the panel', () => {
  it('shows the started tab and capture, asks for the capture once, and lists every note in order', async () => {
    const n = FIRST_NOTES + 5;
    for (let i = 1; i <= n; i++) await createNote({ body: `Note ${i} of the long talk`, url: PAGE.url });
    await createNote({ body: 'On another page', url: 'https://conf.example/talks/other' });

    startThisPage();
    render(<ThisPage notify={notify} />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Many notes on this one');
    const list = await screen.findByRole('list', { name: 'Notes on this page' });
    await waitFor(() => expect(list.querySelectorAll(':scope > li[data-note-id]')).toHaveLength(n));
    const bodies = [...list.querySelectorAll(':scope > li[data-note-id] > p.note-body')].map(
      (p) => p.textContent,
    );
    expect(bodies).toEqual(Array.from({ length: n }, (_, i) => `Note ${i + 1} of the long talk`));
    expect(list.getAttribute('aria-busy')).toBeNull();
    expect(within(list).queryByText('On another page')).toBeNull();
    expect(captureAsks()).toEqual([['captureTab', { tabId: TAB.id }]]);
    expect(mocks.target).toHaveBeenCalledTimes(1);
  });

  it("paints with the tab's kept capture while the background has not answered, then takes its answer", async () => {
    await createNote({ body: 'Kept capture note', url: PAGE.url });
    await fakeBrowser.storage.session.set({ [`capture:${TAB.id}`]: PAGE });
    let answer: (c: PageCapture) => void = () => undefined;
    mocks.sendMessage.mockImplementation((type: string) =>
      type === 'captureTab' ? new Promise((r) => (answer = r)) : Promise.reject(new Error(type)),
    );
    startThisPage();
    render(<ThisPage notify={notify} />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Many notes on this one');
    const list = await screen.findByRole('list', { name: 'Notes on this page' });
    await waitFor(() => expect(list.textContent).toContain('Kept capture note'));

    // The background's answer (the page retitled itself meanwhile) replaces the kept one.
    answer({ ...PAGE, title: 'Retitled since' });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Retitled since'));
    expect(captureAsks()).toHaveLength(1);
  });

  it("takes the tab and kept capture the panel's early script asked for, once, without asking again", async () => {
    await createNote({ body: 'Read before the modules loaded', url: PAGE.url });
    await fakeBrowser.storage.session.set({ [`capture:${TAB.id}`]: PAGE });
    mocks.sendMessage.mockImplementation((type: string) =>
      type === 'captureTab' ? new Promise(() => undefined) : Promise.reject(new Error(type)),
    );
    const tabs = { get: vi.fn(async () => TAB), query: vi.fn(async () => []) };
    globalThis.__talkmarksThisPageEarly = startThisPageEarly(
      { tabs, storage: fakeBrowser.storage },
      '?tabId=7',
    );
    startThisPage();
    expect(globalThis.__talkmarksThisPageEarly).toBeUndefined();
    render(<ThisPage notify={notify} />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Many notes on this one');
    const list = await screen.findByRole('list', { name: 'Notes on this page' });
    await waitFor(() => expect(list.textContent).toContain('Read before the modules loaded'));
    expect(tabs.get).toHaveBeenCalledWith(TAB.id);
    expect(mocks.target).not.toHaveBeenCalled();
    // The background is still asked (its answer replaces the kept capture), once.
    expect(captureAsks()).toEqual([['captureTab', { tabId: TAB.id }]]);
  });

  it('is taken once: a later visit to the view asks for itself', async () => {
    startThisPage();
    const first = render(<ThisPage notify={notify} />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Many notes on this one');
    first.unmount();

    render(<ThisPage notify={notify} />);
    // Its own tab hook has not answered, and nothing started is reused.
    expect(screen.getByText('Reading the page…')).toBeInstanceOf(HTMLElement);
    expect(captureAsks()).toHaveLength(1);
  });

  it('says there is no page when the started tab is none', async () => {
    mocks.target.mockResolvedValue(null);
    startThisPage();
    render(<ThisPage notify={notify} />);
    expect(
      await screen.findByText('Open a talk, a deck or any web page to take notes on it.'),
    ).toBeInstanceOf(HTMLElement);
    expect(captureAsks()).toHaveLength(0);
  });
});

describe('useStarted', () => {
  it('shows the value of a promise that settled after the first render but before the effect ran', async () => {
    // Settles in a microtask: after render() returns, before the effect (run after paint) looks.
    const s = started(Promise.resolve('the answer'));
    function Show() {
      return <p>{useStarted(s) ?? 'not yet'}</p>;
    }
    // Preact's own render, not act(): effects run after paint, as in the panel.
    const root = document.body.appendChild(document.createElement('div'));
    renderPlain(<Show />, root);
    expect(root.textContent).toBe('not yet');
    await waitFor(() => expect(root.textContent).toBe('the answer'));
    renderPlain(null, root);
    root.remove();
  });
});
