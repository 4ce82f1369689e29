// @vitest-environment jsdom
/**
 * "This page" paints the kept first notes of the page the tab shows at once (issue 17;
 * components/capture/this-page-first.tsx), read-only, then the live view in their place as soon as it
 * has its notes; kept notes of another page are never painted; and the live view keeps its first
 * notes for the next panel. Real storage (fake IndexedDB); the tab APIs and the background are the
 * faked boundary, as in this-page-start.test.tsx.
 */

import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageCapture } from '../../../capture/types';
import { ThisPage } from '../../../components/capture/ThisPage';
import { startThisPage, takeThisPageStart } from '../../../components/capture/ThisPageStart';
import { WithThisPageFirst } from '../../../components/capture/this-page-first';
import { createNote } from '../../../storage/notes';
import { THIS_PAGE_FIRST_KEY, type ThisPageFirst, thisPageKey } from '../../../storage/this-page-first';

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

const TAB = { id: 7, windowId: 1, url: 'https://conf.example/talks/kept', title: 'A kept talk' };
const PAGE: PageCapture = {
  url: 'https://conf.example/talks/kept',
  title: 'The kept page',
  kind: 'page',
  platform: 'page',
};
const notify = () => undefined;
const kept = (key: string): ThisPageFirst => ({
  key,
  at: Date.now(),
  count: 1,
  rows: [
    {
      id: '01KEPT',
      text: 'Kept note from the last panel',
      kind: 'question',
      tags: ['kept'],
      createdAt: Date.UTC(2026, 0, 2),
      visibility: 'private',
    },
  ],
});

beforeEach(() => {
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

describe('"This page" kept first notes', () => {
  it("never paints another page's kept notes: the live view shows at once", async () => {
    await createNote({ body: 'Live note of this page', url: PAGE.url });
    startThisPage();
    render(
      <WithThisPageFirst page={kept(thisPageKey({ url: 'https://conf.example/talks/other' }))}>
        <ThisPage notify={notify} />
      </WithThisPageFirst>,
    );
    const list = await screen.findByRole('list', { name: 'Notes on this page' });
    await waitFor(() => expect(list.textContent).toContain('Live note of this page'));
    expect(screen.queryByTestId('this-page-first')).toBeNull();
    expect(screen.queryByText('Kept note from the last panel')).toBeNull();
  });

  it('paints the kept notes of the same page first, read-only, then the live notes in their place', async () => {
    await createNote({ body: 'Live note of this page', url: PAGE.url });
    startThisPage();
    render(
      <WithThisPageFirst page={kept(thisPageKey(PAGE))}>
        <ThisPage notify={notify} />
      </WithThisPageFirst>,
    );
    // The kept note, with its kind, tag and lock, under the page's title — and nothing to press.
    const first = await screen.findByTestId('this-page-first');
    const keptList = within(first).getByRole('list', { name: 'Notes on this page' });
    expect(keptList.getAttribute('aria-busy')).toBe('true');
    expect(keptList.textContent).toContain('Kept note from the last panel');
    expect(keptList.textContent).toContain('Question');
    expect(keptList.querySelector('[data-tag="kept"]')).not.toBeNull();
    expect(keptList.querySelector('[data-private="true"]')).not.toBeNull();
    expect(within(first).getByRole('heading', { level: 1 }).textContent).toBe('The kept page');
    expect(within(first).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByText('Live note of this page')).toBeNull();

    // Then the live view, and the kept notes are gone.
    await waitFor(() => expect(screen.queryByTestId('this-page-first')).toBeNull());
    const live = screen.getByRole('list', { name: 'Notes on this page' });
    expect(live.textContent).toContain('Live note of this page');
    expect(screen.queryByText('Kept note from the last panel')).toBeNull();
    expect(live.closest('[hidden]')).toBeNull();
  });

  it('keeps the first notes of the page for the next panel, in the order it lists them', async () => {
    for (let i = 1; i <= 18; i++) await createNote({ body: `Note ${i} #t`, url: PAGE.url });
    await createNote({ body: 'On another page', url: 'https://conf.example/talks/other' });
    startThisPage();
    render(<ThisPage notify={notify} />);
    await screen.findByRole('list', { name: 'Notes on this page' });
    const stored = await waitFor(
      async () => {
        const got = await fakeBrowser.storage.local.get(THIS_PAGE_FIRST_KEY);
        const page = got[THIS_PAGE_FIRST_KEY] as ThisPageFirst | undefined;
        if (!page) throw new Error('not kept yet');
        return page;
      },
      { timeout: 3000 },
    );
    expect(stored.key).toBe(thisPageKey(PAGE));
    expect(stored.count).toBe(18);
    expect(stored.rows.map((r) => r.text)).toEqual(Array.from({ length: 16 }, (_, i) => `Note ${i + 1}`));
    expect(stored.rows[0]?.tags).toEqual(['t']);
  });
});
