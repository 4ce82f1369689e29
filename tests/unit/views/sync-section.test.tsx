// @vitest-environment jsdom
/**
 * The options page's Sync section: it asks for the chosen folder's site only, then hands the
 * settings to the background; it refuses what cannot work before asking anything; its status line
 * follows what the background keeps. The background's answers are stubbed; the words are hand-written.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { SyncSection, syncStatusText } from '../../../components/options/SyncSection';
import { writeSyncMeta } from '../../../storage/sync-store';

const mocks = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('../../../messaging/protocol', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../messaging/protocol')>()),
  sendMessage: mocks.sendMessage,
}));

const permissions = browser.permissions as unknown as Record<string, unknown>;
let asked: string[][] = [];
beforeEach(() => {
  asked = [];
  permissions.request = vi.fn(async ({ origins }: { origins: string[] }) => {
    asked.push(origins);
    return true;
  });
  mocks.sendMessage.mockReset();
  mocks.sendMessage.mockResolvedValue({ ok: true, created: true, fingerprint: 'AB12-CD34-EF56-7890' });
});
afterEach(cleanup);

const type = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label, { exact: true }), { target: { value } });

describe('sync section', () => {
  it('connects a WebDAV folder: asks for that site only, says the vault started and its fingerprint', async () => {
    render(<SyncSection />);
    type('WebDAV URL', 'https://cloud.example:8443/remote.php/dav/files/alice/Talkmarks/');
    type('User name', 'alice');
    type('Password', 's3cret');
    type('Encryption passphrase', 'hallway track 2026');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-message').textContent).toContain('A new vault was started'),
    );
    expect(screen.getByTestId('sync-message').textContent).toContain('AB12-CD34-EF56-7890');
    expect(asked).toEqual([['https://cloud.example/*']]);
    expect(mocks.sendMessage).toHaveBeenCalledWith('syncConnect', {
      settings: expect.objectContaining({
        transport: 'webdav',
        url: 'https://cloud.example:8443/remote.php/dav/files/alice/Talkmarks/',
        username: 'alice',
        password: 's3cret',
      }),
      passphrase: 'hallway track 2026',
    });
  });

  it('connects an S3 bucket with its endpoint, region, bucket and keys', async () => {
    render(<SyncSection />);
    fireEvent.click(screen.getByRole('radio', { name: /S3-compatible bucket/ }));
    type('Endpoint', 'https://s3.eu-central-1.amazonaws.com');
    type('Region', 'eu-central-1');
    type('Bucket', 'alice-talkmarks');
    type('Access key', 'AKIAEXAMPLE');
    type('Secret', 'wJalrXUtnFEMI');
    type('Encryption passphrase', 'hallway track 2026');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(mocks.sendMessage).toHaveBeenCalled());
    expect(asked).toEqual([['https://s3.eu-central-1.amazonaws.com/*']]);
    expect(mocks.sendMessage.mock.calls[0]![1].settings).toMatchObject({
      transport: 's3',
      url: 'https://s3.eu-central-1.amazonaws.com',
      region: 'eu-central-1',
      bucket: 'alice-talkmarks',
      username: 'AKIAEXAMPLE',
      password: 'wJalrXUtnFEMI',
    });
  });

  it('refuses a short passphrase or a bad address before asking for any permission', async () => {
    render(<SyncSection />);
    type('WebDAV URL', 'ftp://cloud.example/dav');
    type('Encryption passphrase', 'hallway track 2026');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The WebDAV URL is not a web address (https://…).',
    );
    type('WebDAV URL', 'https://cloud.example/dav/');
    type('Encryption passphrase', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The encryption passphrase needs at least 8 characters.',
      ),
    );
    expect(asked).toEqual([]);
    expect(mocks.sendMessage).not.toHaveBeenCalled();
  });

  it('shows the background’s status live, in words', async () => {
    render(<SyncSection />);
    await waitFor(() =>
      expect(screen.getByTestId('sync-status').textContent).toBe('Sync is off: notes stay in this browser.'),
    );
    await writeSyncMeta('settings', {
      url: 'https://cloud.example/dav/',
      username: 'a',
      password: 'b',
      label: 'x',
    });
    await writeSyncMeta('status', {
      state: 'error',
      error: 'The server is out of space: free some, then sync again.',
      waiting: 3,
    });
    await waitFor(() =>
      expect(screen.getByTestId('sync-status').textContent).toBe(
        'The server is out of space: free some, then sync again. · 3 changes wait',
      ),
    );
    expect(await screen.findByRole('button', { name: 'Sync now' })).toBeInstanceOf(HTMLButtonElement);
    expect(syncStatusText({ state: 'paused', waiting: 1 })).toBe('Sync is paused · 1 change waits.');
  });
});

describe('sync section when the permission is not given', () => {
  const connect = async () => {
    render(<SyncSection />);
    type('WebDAV URL', 'http://127.0.0.1:8080/dav/talkmarks/');
    type('User name', 'alice');
    type('Password', 's3cret');
    type('Encryption passphrase', 'hallway track 2026');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.getByTestId('sync-message').textContent).not.toBe(''));
  };

  it('says the site is needed when the user refuses, and connects nothing', async () => {
    permissions.request = vi.fn(async () => false);
    await connect();
    expect(screen.getByTestId('sync-message').textContent).toBe(
      'Talkmarks needs access to 127.0.0.1:8080 to sync there.',
    );
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(mocks.sendMessage).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveProperty('disabled', false);
  });

  it('says the same when the browser fails the request (Firefox outside a user input), not nothing', async () => {
    permissions.request = vi.fn(async () => {
      throw new Error('permissions.request may only be called from a user input handler');
    });
    await connect();
    expect(screen.getByTestId('sync-message').textContent).toBe(
      'Talkmarks needs access to 127.0.0.1:8080 to sync there.',
    );
    expect(mocks.sendMessage).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveProperty('disabled', false);
  });
});
