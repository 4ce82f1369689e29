/** "Enable on this site": which sites qualify, and registrations kept in step with granted origins. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { isKnownHost, originPattern, syncSiteScripts } from '../../../platform/site-access';

describe('site access', () => {
  it('derives the origin pattern of http(s) pages only', () => {
    expect(originPattern('https://talks.example.org:8443/deck/#/2')).toBe('https://talks.example.org:8443/*');
    expect(originPattern('chrome://extensions')).toBeNull();
    expect(originPattern('nonsense')).toBeNull();
  });

  it('treats hosts the manifest grants as known (ports and subdomain wildcards included)', () => {
    const fixed = ['https://speakerdeck.com/*', 'https://*.sched.com/*', 'http://127.0.0.1/*'];
    expect(isKnownHost('https://speakerdeck.com/u/deck', fixed)).toBe(true);
    expect(isKnownHost('https://kubecon.sched.com/event/1', fixed)).toBe(true);
    expect(isKnownHost('http://127.0.0.1:5173/deck.html', fixed)).toBe(true);
    expect(isKnownHost('https://talks.example.org/', fixed)).toBe(false);
  });

  describe('syncSiteScripts', () => {
    let registered: { id: string; matches?: string[] }[];
    beforeEach(() => {
      registered = [{ id: 'talkmarks-site:https://gone.example/*' }, { id: 'other-script' }];
      Object.assign(browser, {
        permissions: {
          ...browser.permissions,
          getAll: vi.fn(async () => ({
            origins: ['https://speakerdeck.com/*', 'https://talks.example.org/*', '<all_urls>'],
          })),
        },
        scripting: {
          getRegisteredContentScripts: vi.fn(async () => registered),
          unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
            registered = registered.filter((s) => !ids.includes(s.id));
          }),
          registerContentScripts: vi.fn(async (list: { id: string; matches: string[] }[]) => {
            registered.push(...list);
          }),
        },
      });
      vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
        host_permissions: ['https://speakerdeck.com/*'],
      } as never);
    });

    it('registers capture for granted optional origins and drops revoked ones', async () => {
      await syncSiteScripts();
      expect(registered.map((s) => s.id).sort()).toEqual([
        'other-script',
        'talkmarks-site:https://talks.example.org/*',
      ]);
      const added = registered.find((s) => s.id.startsWith('talkmarks-site:'));
      expect(added).toMatchObject({
        matches: ['https://talks.example.org/*'],
        js: ['content-scripts/capture.js'],
      });
      await syncSiteScripts(); // idempotent
      expect(registered).toHaveLength(2);
    });
  });
});
