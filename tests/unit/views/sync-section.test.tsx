// @vitest-environment jsdom
/**
 * The options page's Sync section, before anything reaches the background: the host permission
 * Connect asks for (scheme and host, no port: Firefox does not take a port in a match pattern), and
 * what it says when the browser refuses or fails the request. Expected values are written by hand.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { SyncSection, syncPermissionOrigin } from '../../../components/options/SyncSection';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('syncPermissionOrigin', () => {
  it('is the folder’s scheme and host, without port, path or credentials', () => {
    expect(syncPermissionOrigin('http://127.0.0.1:8080/dav/notes/')).toBe('http://127.0.0.1/*');
    expect(syncPermissionOrigin('https://cloud.example.org/remote.php/dav/files/alice/')).toBe(
      'https://cloud.example.org/*',
    );
    expect(syncPermissionOrigin('https://bob:pw@nas.local:5006/webdav')).toBe('https://nas.local/*');
    expect(syncPermissionOrigin('http://[::1]:8080/dav/')).toBe('http://[::1]/*');
  });
});

describe('Connect in the Sync section', () => {
  async function connectWith(request: (p: { origins: string[] }) => Promise<boolean>) {
    const spy = vi.fn(request);
    Object.assign(browser, { permissions: { ...browser.permissions, request: spy } });
    render(<SyncSection />);
    const form = await screen.findByRole('form', { name: 'Connect to a sync folder' });
    const set = (label: string, value: string) =>
      fireEvent.input(screen.getByLabelText(label), { target: { value } });
    set('WebDAV URL', 'http://127.0.0.1:8080/dav/talkmarks/');
    set('User name', 'alice');
    set('Password', 's3cret');
    set('Encryption passphrase', 'hallway track 2026');
    fireEvent.submit(form);
    return spy;
  }

  it('asks for the host without its port, and says so when the user refuses', async () => {
    const request = await connectWith(async () => false);
    expect((await screen.findByTestId('sync-message')).textContent).toBe(
      'Talkmarks needs access to 127.0.0.1:8080 to sync there.',
    );
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveProperty('disabled', false);
  });

  it('says the same when the browser fails the request, instead of staying on “Connecting…”', async () => {
    await connectWith(async () => {
      throw new Error('permissions.request may only be called from a user input handler');
    });
    expect((await screen.findByTestId('sync-message')).textContent).toBe(
      'Talkmarks needs access to 127.0.0.1:8080 to sync there.',
    );
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveProperty('disabled', false);
  });
});
