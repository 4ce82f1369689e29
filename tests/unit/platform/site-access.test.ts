/** "Enable on this site": which sites qualify, and registrations kept in step with granted origins. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { isKnownHost, manifestHosts, originPattern, syncSiteScripts } from '../../../platform/site-access';

describe('site access', () => {
  it('derives the origin pattern of http(s) pages only', () => {
    expect(originPattern('https://talks.example.org:8443/deck/#/2')).toBe('https://talks.example.org/*');
    expect(originPattern('http://[::1]:8080/')).toBe('http://[::1]/*');
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

  /** Shaped as `wxt build -b firefox` writes it (MV2: host patterns mixed into `permissions`). */
  const MV2 = {
    manifest_version: 2,
    permissions: [
      'storage',
      'activeTab',
      'scripting',
      'tabs',
      'https://speakerdeck.com/*',
      'https://docs.google.com/presentation/*',
      'https://*.sched.com/*',
      'http://127.0.0.1/*',
    ],
    optional_permissions: ['https://*/*', 'http://*/*'],
  };
  /** Shaped as the Chrome build writes it (MV3: `host_permissions`, optional ones apart). */
  const MV3 = {
    manifest_version: 3,
    permissions: ['storage', 'activeTab', 'scripting', 'tabs', 'sidePanel'],
    host_permissions: ['https://speakerdeck.com/*', 'https://*.sched.com/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  };

  it('reads the granted host patterns of an MV2 and an MV3 manifest, never the optional ones', () => {
    expect(manifestHosts(MV2)).toEqual([
      'https://speakerdeck.com/*',
      'https://docs.google.com/presentation/*',
      'https://*.sched.com/*',
      'http://127.0.0.1/*',
    ]);
    expect(manifestHosts(MV3)).toEqual(['https://speakerdeck.com/*', 'https://*.sched.com/*']);
    expect(manifestHosts({ permissions: ['storage', '<all_urls>'] })).toEqual([]);
  });

  it.each([
    ['MV2', MV2],
    ['MV3', MV3],
  ])('knows the hosts of the running %s manifest', (_shape, manifest) => {
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue(manifest as never);
    expect(isKnownHost('https://speakerdeck.com/u/deck')).toBe(true);
    expect(isKnownHost('https://kubecon.sched.com/event/1')).toBe(true);
    expect(isKnownHost('https://talks.example.org/deck/')).toBe(false);
    expect(isKnownHost('http://127.0.0.1:8000/demo.html')).toBe(manifest === MV2);
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

    it('on Firefox (MV2) registers nothing for the manifest’s own hosts, however Firefox reports them', async () => {
      vi.spyOn(browser.runtime, 'getManifest').mockReturnValue(MV2 as never);
      // Firefox reports granted hosts as origins: /presentation/* widened to the host.
      vi.mocked(browser.permissions.getAll as () => Promise<unknown>).mockResolvedValue({
        permissions: ['storage', 'activeTab', 'scripting', 'tabs'],
        origins: [
          'https://speakerdeck.com/*',
          'https://docs.google.com/*',
          'https://*.sched.com/*',
          'http://127.0.0.1/*',
          'https://kubecon.sched.com/*',
          'https://talks.example.org/*',
        ],
      });
      await syncSiteScripts();
      expect(registered.map((s) => s.id).sort()).toEqual([
        'other-script',
        'talkmarks-site:https://talks.example.org/*',
      ]);
    });
  });
});
