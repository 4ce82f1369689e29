/**
 * Options: "Show my notes on this page" (issue 16, item 5), the sites it is on for. It is turned on
 * per site from the side panel; here the user sees the list, turns a site off, or adds one.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { HIGHLIGHT_SITES_KEY, highlightSites, setHighlights, siteOf } from '../../platform/highlights';
import { Section } from '../options/Section';

export function HighlightSitesSection() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    const load = () => void highlightSites().then(setSites);
    load();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && HIGHLIGHT_SITES_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
  return (
    <Section
      id="notes-on-pages"
      title="Notes on the pages themselves"
      about={
        <>
          Off for every site unless you turn it on: your quotes are highlighted on the page and a deck’s
          slides show how many notes they have. Anything drawn into a page can be read by that page’s own
          scripts, so turn it on only for sites you trust with your notes.
        </>
      }
    >
      {sites && sites.length === 0 && <p class="text-sm">No site shows your notes.</p>}
      {sites && sites.length > 0 && (
        <ul aria-label="Sites that show your notes" class="flex flex-col gap-1 text-sm">
          {sites.map((site) => (
            <li key={site} class="flex items-center justify-between gap-2">
              <span class="font-mono">{site}</span>
              <button type="button" class="btn btn-ghost" onClick={() => void setHighlights(site, false)}>
                Turn off for {site}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const site = siteOf(typed.trim());
          if (!site) {
            setError('Type a site’s address, such as https://blog.example.');
            return;
          }
          setError('');
          setTyped('');
          void setHighlights(site, true);
        }}
      >
        <label class="text-sm" for="notes-on-pages-site">
          Show notes on
        </label>
        <input
          id="notes-on-pages-site"
          class="rounded border border-line bg-surface px-2 py-1 text-sm"
          value={typed}
          placeholder="https://blog.example"
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="btn">
          Turn on
        </button>
      </form>
      {error && (
        <p role="alert" class="text-sm text-danger">
          {error}
        </p>
      )}
    </Section>
  );
}
