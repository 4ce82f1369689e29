/**
 * The side panel's "Show my notes on this page" (issue 16, item 5): a per-site switch, off by
 * default and saying why; when on, the page's quote notes are highlighted in it and a deck's slides
 * get a badge with their number of notes. Quotes whose text is no longer on the page are listed
 * here as not found: never dropped, still in the library.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { HighlightAnswer } from '../../capture/highlights/layer';
import type { PageCapture } from '../../capture/types';
import { highlightsOn, notesShownOn, refreshHighlights, setHighlights } from '../../platform/highlights';
import { useLive } from '../shared/useLive';

export function HighlightsToggle({ capture, tabId }: { capture: PageCapture; tabId?: number }) {
  const notes = useLive(() => notesShownOn(capture), [capture.url, capture.deck?.url]);
  const [on, setOn] = useState<boolean | null>(null);
  const [answer, setAnswer] = useState<HighlightAnswer | null>(null);
  const [error, setError] = useState('');
  const list = notes.status === 'ready' ? notes.value : [];
  const shown = list.filter((n) => n.anchor?.quote || n.anchor?.slide);
  // The notes' ids and texts: a new, edited or trashed note redraws the page.
  const key = shown.map((n) => `${n.id}:${n.updatedAt}`).join(',');

  useEffect(() => {
    let live = true;
    void highlightsOn(capture.url).then((v) => live && setOn(v));
    return () => {
      live = false;
    };
  }, [capture.url]);

  // A reload takes the drawing out with the page: draw again each time the tab finishes loading.
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    if (tabId === undefined) return;
    const listener = (id: number, info: { status?: string }) => {
      if (id === tabId && info.status === 'complete') setLoads((n) => n + 1);
    };
    browser.tabs.onUpdated.addListener(listener);
    return () => browser.tabs.onUpdated.removeListener(listener);
  }, [tabId]);

  useEffect(() => {
    if (on === null || tabId === undefined || notes.status !== 'ready') return;
    let live = true;
    void refreshHighlights(tabId, capture).then((a) => {
      if (!live) return;
      setAnswer(on ? a : null);
      setError(on && !a ? 'Talkmarks cannot draw into this page (it does not run here).' : '');
    });
    return () => {
      live = false;
    };
  }, [on, tabId, capture.url, key, notes.status, loads]);

  if (on === null || (shown.length === 0 && !on)) return null;
  const orphans = answer ? list.filter((n) => answer.orphans.includes(n.id)) : [];
  return (
    <section aria-label="Notes on the page itself" class="flex flex-col gap-1">
      <label class="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={on}
          onChange={async (e) => {
            const next = (e.target as HTMLInputElement).checked;
            await setHighlights(capture.url, next);
            setOn(next);
          }}
        />
        Show my notes on this page
      </label>
      <p class="text-xs text-muted">
        Off unless you turn it on for this site: anything drawn into a page can be read by the page’s own
        scripts.
      </p>
      {on && answer && (
        <p class="text-sm" data-testid="highlights-status">
          {answer.placed.length} {answer.placed.length === 1 ? 'quote' : 'quotes'} highlighted on the page
        </p>
      )}
      {error && (
        <p role="alert" class="text-sm text-danger">
          {error}
        </p>
      )}
      {orphans.length > 0 && (
        <>
          <h3 class="text-sm font-semibold">Not found on this page</h3>
          <ul aria-label="Quotes not found on this page" class="flex flex-col gap-1 text-sm">
            {orphans.map((n) => (
              <li key={n.id} class="rounded border border-line p-2">
                {n.anchor?.quote?.exact ?? n.body}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
