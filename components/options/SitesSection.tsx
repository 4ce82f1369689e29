/**
 * Which sites Talkmarks reads by itself: the slide and schedule hosts it knows, and the sites the
 * user enabled ("Enable on this site"), each of which can be turned off here. Kept in step with
 * permission changes made anywhere (the popup, the browser's own settings).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { KNOWN_HOST_PLATFORMS, platformNames } from '../../capture/platform-names';
import { disableSite, enabledSites } from '../../platform/site-access';
import { Section } from './Section';

/** `https://conf.example/*` → `conf.example` (with its port, if any). */
const hostOf = (origin: string) => origin.replace(/^https?:\/\//, '').replace(/\/\*$/, '');

type Status = { kind: 'idle' } | { kind: 'done' | 'error'; message: string };

export function SitesSection() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => {
    let live = true;
    const read = () =>
      void enabledSites().then(
        (s) => live && setSites(s),
        () => live && setSites([]),
      );
    read();
    browser.permissions.onAdded.addListener(read);
    browser.permissions.onRemoved.addListener(read);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(read);
      browser.permissions.onRemoved.removeListener(read);
    };
  }, []);

  const turnOff = async (origin: string) => {
    setStatus({ kind: 'idle' });
    const host = hostOf(origin);
    try {
      await disableSite(origin.replace(/\*$/, ''));
      const now = await enabledSites();
      setSites(now);
      setStatus(
        now.includes(origin)
          ? { kind: 'error', message: `The browser kept Talkmarks’ access to ${host}.` }
          : { kind: 'done', message: `Talkmarks no longer reads ${host} by itself.` },
      );
    } catch {
      setStatus({ kind: 'error', message: `Access to ${host} could not be turned off.` });
    }
  };

  return (
    <Section
      id="sites"
      title="Sites Talkmarks reads"
      about={
        <>
          Talkmarks reads a page — which deck and slide, which talk — only where you let it. It reads these
          sites by itself: {platformNames(KNOWN_HOST_PLATFORMS)}. Anywhere else it reads the page when you
          open its popup or side panel there, or always on a site where you chose{' '}
          <strong>Enable on this site</strong>.
        </>
      }
    >
      <h3 class="text-sm font-semibold">Sites you enabled</h3>
      {sites === null ? (
        <p class="text-sm text-muted">Reading the sites…</p>
      ) : sites.length === 0 ? (
        <p class="text-sm" data-testid="no-enabled-sites">
          None yet. To enable one, open the popup or the side panel on one of its pages and choose{' '}
          <strong>Enable on this site</strong>.
        </p>
      ) : (
        <ul class="flex flex-col gap-1" aria-label="Sites you enabled">
          {sites.map((origin) => (
            <li key={origin} class="flex items-center justify-between gap-2 text-sm">
              <span class="break-all">{hostOf(origin)}</span>
              <button
                type="button"
                class="btn text-xs"
                aria-label={`Turn off ${hostOf(origin)}`}
                onClick={() => void turnOff(origin)}
              >
                Turn off
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class={`text-sm ${status.kind === 'error' ? 'text-danger' : ''}`}>
        {status.kind === 'idle' ? '' : status.message}
      </p>
    </Section>
  );
}
