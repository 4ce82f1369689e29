/**
 * "Enable on this site": on sites Talkmarks doesn't know, lets the user have every page of the site
 * captured without a click each time (the browser asks for that one site's permission).
 */
import { useEffect, useState } from 'preact/hooks';
import { disableSite, enableSite, isKnownHost, originPattern, siteEnabled } from '../../platform/site-access';

interface Props {
  url: string;
  tabId?: number;
}

export function EnableOnSite({ url, tabId }: Props) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [error, setError] = useState('');
  const eligible = originPattern(url) !== null && !isKnownHost(url);
  useEffect(() => {
    if (!eligible) return;
    let live = true;
    void siteEnabled(url).then((on) => live && setEnabled(on));
    return () => {
      live = false;
    };
  }, [url, eligible]);
  if (!eligible || enabled === null) return null;
  const host = new URL(url).host;
  return (
    <div class="flex flex-wrap items-center gap-2 text-xs text-muted" data-testid="enable-on-site">
      {enabled ? (
        <>
          <span>Talkmarks follows every page on {host}.</span>
          <button
            type="button"
            class="btn btn-ghost text-xs"
            onClick={() => void disableSite(url).then(() => setEnabled(false))}
          >
            Turn off
          </button>
        </>
      ) : (
        <button
          type="button"
          class="btn text-xs"
          title={`Follow slides on every page of ${host} without clicking Talkmarks first`}
          onClick={() =>
            void enableSite(url, tabId).then(
              (ok) => {
                setEnabled(ok);
                setError(ok ? '' : 'Permission was not granted.');
              },
              () => setError('This site cannot be enabled.'),
            )
          }
        >
          Enable on this site
        </button>
      )}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
