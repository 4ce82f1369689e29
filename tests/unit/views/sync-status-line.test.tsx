// @vitest-environment jsdom
/**
 * The side panel's short sync status: its words for each state (written by hand from what a user
 * should read), nothing while sync is off, live when the background writes a new status, "Sync now"
 * asks the background, and axe-core finds no WCAG A/AA violation in it (contrast is the e2e's: jsdom
 * has no layout).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncStatusLine } from '../../../components/shared/SyncStatusLine';
import { agoText, syncStatusShort } from '../../../components/shared/sync-words';
import { type SyncStatus, writeSyncMeta } from '../../../storage/sync-store';

const mocks = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('../../../messaging/protocol', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../messaging/protocol')>()),
  sendMessage: mocks.sendMessage,
}));

afterEach(() => {
  cleanup();
  mocks.sendMessage.mockReset();
});

const MIN = 60_000;

describe('agoText', () => {
  it('says how long ago in the fewest words', () => {
    expect(agoText(1_000_000, 1_000_000)).toBe('just now');
    expect(agoText(1_000_000, 1_000_000 + 59_999)).toBe('just now');
    expect(agoText(1_000_000, 1_000_000 + MIN)).toBe('1 min ago');
    expect(agoText(1_000_000, 1_000_000 + 59 * MIN)).toBe('59 min ago');
    expect(agoText(1_000_000, 1_000_000 + 60 * MIN)).toBe('1 h ago');
    expect(agoText(1_000_000, 1_000_000 + 23 * 60 * MIN + 59 * MIN)).toBe('23 h ago');
    expect(agoText(1_000_000, 1_000_000 + 24 * 60 * MIN)).toBe('1 day ago');
    expect(agoText(1_000_000, 1_000_000 + 3 * 24 * 60 * MIN)).toBe('3 days ago');
    // A clock set back since: not "in 5 min".
    expect(agoText(1_000_000 + 5 * MIN, 1_000_000)).toBe('just now');
  });
});

describe('syncStatusShort', () => {
  const now = 1_800_000_000_000;
  it('says what waits first, else when it last synced; nothing while sync is off', () => {
    expect(syncStatusShort(undefined, now)).toBe('');
    expect(syncStatusShort({ state: 'off' }, now)).toBe('');
    expect(syncStatusShort({ state: 'idle', lastSyncAt: now - 2 * MIN - 5_000, waiting: 0 }, now)).toBe(
      'Synced 2 min ago',
    );
    expect(syncStatusShort({ state: 'idle', lastSyncAt: now - 2 * MIN, waiting: 3 }, now)).toBe(
      '3 changes wait',
    );
    expect(syncStatusShort({ state: 'idle', lastSyncAt: now, waiting: 1 }, now)).toBe('1 change waits');
    expect(syncStatusShort({ state: 'idle' }, now)).toBe('Not synced yet');
    expect(syncStatusShort({ state: 'syncing', waiting: 4 }, now)).toBe('Syncing…');
    expect(syncStatusShort({ state: 'paused', waiting: 4 }, now)).toBe('Sync paused');
  });

  it('shortens an error to its first clause', () => {
    const error = (message?: string): SyncStatus => ({ state: 'error', error: message, waiting: 2 });
    expect(
      syncStatusShort(
        error('Offline: the server could not be reached. Talkmarks tries again by itself.'),
        now,
      ),
    ).toBe('Offline');
    expect(
      syncStatusShort(
        error('The server refused the user name or password: check them and connect again.'),
        now,
      ),
    ).toBe('The server refused the user name or password');
    expect(syncStatusShort(error('The server had an error (503). Talkmarks tries again later.'), now)).toBe(
      'The server had an error (503)',
    );
    expect(syncStatusShort(error(undefined), now)).toBe('Sync failed');
  });
});

describe('SyncStatusLine', () => {
  async function axeViolations(container: Element) {
    const result = await axe.run(container, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    return result.violations.map((v) => v.id);
  }

  it('shows nothing once this browser is removed from sync (no status kept)', async () => {
    await writeSyncMeta('status', { state: 'idle', lastSyncAt: Date.now(), waiting: 0 } satisfies SyncStatus);
    const { container } = render(<SyncStatusLine />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Synced just now'));
    await writeSyncMeta('status', undefined);
    await waitFor(() => expect(container.innerHTML).toBe(''));
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('says when it last synced, links to the Sync settings, and follows the background live', async () => {
    await writeSyncMeta('status', {
      state: 'idle',
      lastSyncAt: Date.now() - 2 * MIN - 5_000,
      waiting: 0,
    } satisfies SyncStatus);
    const { container } = render(<SyncStatusLine />);
    const status = await screen.findByRole('status');
    await waitFor(() => expect(status.textContent).toBe('Synced 2 min ago'));
    const link = screen.getByRole('link', { name: 'Synced 2 min ago' });
    expect(link.getAttribute('href')).toBe('/options.html#sync');
    expect(link.getAttribute('title')).toMatch(/^Last synced .+\.$/);
    expect(screen.getByRole('button', { name: 'Sync now' })).toHaveProperty('disabled', false);
    expect(await axeViolations(container)).toEqual([]);

    await writeSyncMeta('status', { state: 'idle', lastSyncAt: Date.now(), waiting: 3 } satisfies SyncStatus);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 changes wait'));

    await writeSyncMeta('status', { state: 'syncing', waiting: 3 } satisfies SyncStatus);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Syncing…'));
    expect(screen.getByRole('button', { name: 'Sync now' })).toHaveProperty('disabled', true);

    await writeSyncMeta('status', { state: 'paused', waiting: 3 } satisfies SyncStatus);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Sync paused'));
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();

    await writeSyncMeta('status', { state: 'off', waiting: 0 } satisfies SyncStatus);
    await waitFor(() => expect(container.innerHTML).toBe(''));
  });

  it('shows an error in short (the whole sentence is the link’s title), and Sync now asks the background', async () => {
    await writeSyncMeta('status', {
      state: 'error',
      error: 'Offline: the server could not be reached. Talkmarks tries again by itself.',
      waiting: 1,
      at: Date.now(),
    } satisfies SyncStatus);
    let answer: (s: SyncStatus) => void = () => undefined;
    mocks.sendMessage.mockImplementation(() => new Promise<SyncStatus>((resolve) => (answer = resolve)));
    const { container } = render(<SyncStatusLine />);
    const link = await screen.findByRole('link', { name: 'Offline' });
    expect(link.getAttribute('title')).toBe(
      'Offline: the server could not be reached. Talkmarks tries again by itself. · 1 change waits',
    );
    expect(link.className).toContain('text-danger');
    expect(await axeViolations(container)).toEqual([]);

    const button = screen.getByRole('button', { name: 'Sync now' });
    fireEvent.click(button);
    expect(mocks.sendMessage).toHaveBeenCalledTimes(1);
    expect(mocks.sendMessage).toHaveBeenCalledWith('syncNow', undefined);
    // Busy until the background answers: a second click does not ask again.
    await waitFor(() => expect(button).toHaveProperty('disabled', true));
    answer({ state: 'idle', lastSyncAt: Date.now(), waiting: 0 });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
  });
});
