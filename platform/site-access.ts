/**
 * "Enable on this site": the user grants Talkmarks one origin (an optional host permission, asked at
 * the moment of the click) and the capture module is then registered for that origin, so its pages
 * are captured without a gesture. The background keeps registrations in step with the granted
 * origins (granted, revoked in the browser's settings, or removed here).
 */
import { browser } from 'wxt/browser';

const PREFIX = 'talkmarks-site:';
/** The capture module as `registerContentScripts` names files (no leading slash). */
const CAPTURE_FILE = 'content-scripts/capture.js';

/** `https://host:port/*` for an http(s) page, else null (browser pages can't be enabled). */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    // Scheme and host without the port: Firefox takes no port in a match pattern (it would not match
    // the grant, and prompt again), and a pattern without one covers every port in both browsers.
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}

/** A match pattern (`scheme://host/path`), as opposed to an API permission name or `<all_urls>`. */
const MATCH_PATTERN = /^(\*|https?|wss?|ftp|file):\/\/[^/]+\//;

interface ManifestHosts {
  host_permissions?: string[];
  permissions?: string[];
}

/**
 * The host patterns a manifest grants outright: MV3 lists them in `host_permissions`; MV2 (Firefox)
 * mixes them into `permissions` beside API names. Optional ones (`optional_permissions`,
 * `optional_host_permissions`) are the user's to grant and never count.
 */
export function manifestHosts(manifest: ManifestHosts): string[] {
  return [...(manifest.host_permissions ?? []), ...(manifest.permissions ?? [])].filter((p) =>
    MATCH_PATTERN.test(p),
  );
}

/** Hosts the manifest grants (known hosts; local ones in end-to-end builds): captured already. */
function fixedHosts(): string[] {
  return manifestHosts(browser.runtime.getManifest() as ManifestHosts);
}

/** Does the host pattern of `pattern` (`*.example.org` or `example.org`) cover `host`? */
function hostMatches(pattern: string, host: string): boolean {
  return pattern.startsWith('*.')
    ? host.endsWith(pattern.slice(1)) || host === pattern.slice(2)
    : host === pattern;
}

/** Is this a site Talkmarks already captures (its static detector runs there)? */
export function isKnownHost(url: string, patterns: readonly string[] = fixedHosts()): boolean {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return patterns.some((m) => hostMatches(/^[a-z*]+:\/\/([^/:]+)/.exec(m)?.[1] ?? '', host));
}

/**
 * Is a granted origin (`https://host/*`) one of the fixed hosts? Compared by scheme and host, not
 * as strings: Firefox reports `https://docs.google.com/presentation/*` as `https://docs.google.com/*`.
 */
function isFixedOrigin(origin: string, patterns: readonly string[]): boolean {
  const [, scheme = '', host = ''] = /^([a-z]+):\/\/([^/:]+)/.exec(origin) ?? [];
  return patterns.some((m) => {
    const [, s = '', h = ''] = /^([a-z*]+):\/\/([^/:]+)/.exec(m) ?? [];
    return (s === scheme || (s === '*' && /^https?$/.test(scheme))) && hostMatches(h, host);
  });
}

/** Whether the user enabled capture on this page's site. */
export async function siteEnabled(url: string): Promise<boolean> {
  const origin = originPattern(url);
  if (!origin) return false;
  return browser.permissions.contains({ origins: [origin] }).catch(() => false);
}

/**
 * The sites the user enabled, as granted origins (`https://host/*`): every granted http(s) origin
 * that is not one of the manifest's fixed hosts, sorted.
 */
export async function enabledSites(): Promise<string[]> {
  const granted = (await browser.permissions.getAll()).origins ?? [];
  const fixed = fixedHosts();
  return granted.filter((o) => /^https?:\/\/[^*/]+\/\*$/.test(o) && !isFixedOrigin(o, fixed)).sort();
}

/** Asks for the site's permission (call from a click) and starts capturing on it; true when granted. */
export async function enableSite(url: string, tabId?: number): Promise<boolean> {
  const origin = originPattern(url);
  if (!origin) return false;
  const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
  if (!granted) return false;
  // The background registers the module for the origin (permissions.onAdded): one context registers.
  if (tabId !== undefined) {
    await browser.scripting
      .executeScript({ target: { tabId }, files: [`/${CAPTURE_FILE}`] })
      .catch(() => undefined);
  }
  return true;
}

/** Stops capturing on the site and gives its permission back. */
export async function disableSite(url: string): Promise<void> {
  const origin = originPattern(url);
  if (!origin) return;
  await browser.permissions.remove({ origins: [origin] }).catch(() => false);
  // The background unregisters it (permissions.onRemoved).
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Registers the capture module for every origin the user granted, and unregisters the rest. Runs in
 * the background only, one sync after another: two at once (a wake-up sync and a permission event)
 * would both see an origin unregistered, and the second registration fails ("Duplicate script ID").
 */
export function syncSiteScripts(): Promise<void> {
  const run = syncing.then(syncNow, syncNow);
  syncing = run.catch(() => undefined);
  return run;
}

async function syncNow(): Promise<void> {
  const wanted = new Set(await enabledSites());
  const registered = (await browser.scripting.getRegisteredContentScripts()).filter((s) =>
    s.id.startsWith(PREFIX),
  );
  const stale = registered.filter((s) => !wanted.has(s.id.slice(PREFIX.length))).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(registered.map((s) => s.id.slice(PREFIX.length)));
  const add = [...wanted].filter((o) => !have.has(o));
  if (add.length) {
    await browser.scripting.registerContentScripts(
      add.map((origin) => ({
        id: `${PREFIX}${origin}`,
        matches: [origin],
        js: [CAPTURE_FILE],
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      })),
    );
  }
}

/** Background: keeps registrations in step with permission changes made anywhere. */
export function watchSiteAccess(): void {
  const sync = () => void syncSiteScripts().catch(() => undefined);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  sync();
}
