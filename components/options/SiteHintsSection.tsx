/**
 * Options: "Site corrections" (issue 15) — what the user taught Talkmarks about sites' talk pages
 * with "Not right?" in the popup, one line per rule, each deletable. The rules live in
 * storage/site-hints.ts and apply to the next capture of a page of that site. Page words render as
 * text only.
 */
import { useEffect, useState } from 'preact/hooks';
import { allSiteHints, deleteSiteHints, type StoredSiteHint, watchSiteHints } from '../../storage/site-hints';
import { Section } from './Section';

const FIELD_WORDS: Record<string, string> = {
  title: 'title',
  speakers: 'speakers',
  event: 'event',
  slidesUrl: 'slides link',
  videoUrl: 'video link',
  startsAt: 'start',
};

const SOURCE_WORDS: Record<string, string> = {
  label: 'a label',
  byline: 'the byline',
  heading: 'the heading',
  og: 'the Open Graph tags',
  title: 'the tab’s title',
  breadcrumb: 'the breadcrumb',
  text: 'the text',
  'link-text': 'a link’s text',
  host: 'a slides or video site',
  embed: 'the embedded player',
};

/** One rule in words ("“Admin” is never a speaker"). */
export function hintWords(h: StoredSiteHint): string {
  switch (h.kind) {
    case 'reject':
      return h.field === 'speakers'
        ? `“${h.value}” is never a speaker`
        : `“${h.value}” is never the ${FIELD_WORDS[h.field]}`;
    case 'never':
      return `Pages have no ${FIELD_WORDS[h.field]}`;
    case 'label':
      return `The ${FIELD_WORDS[h.field]}: under the label “${h.label}”`;
    case 'source':
      return `The ${FIELD_WORDS[h.field]}: from ${SOURCE_WORDS[h.source] ?? h.source}`;
    case 'event-name':
      return `The event is “${h.name}”`;
  }
}

export function SiteHintsSection() {
  const [hints, setHints] = useState<StoredSiteHint[] | null>(null);
  useEffect(() => {
    void allSiteHints().then(setHints, () => setHints([]));
    return watchSiteHints(setHints);
  }, []);
  const sites = [...new Set((hints ?? []).map((h) => h.site))].sort();
  return (
    <Section
      id="site-corrections"
      title="Site corrections"
      about={
        <>
          What you corrected with “Not right?” in the popup and asked to remember for a site: it applies to
          the next pages of that site. A correction only leaves out or picks among what a page shows, except
          an event name you typed for every page of a site.
        </>
      }
    >
      {hints && hints.length === 0 && <p class="text-sm">No corrections yet.</p>}
      {sites.map((site) => (
        <div key={site} class="flex flex-col gap-1">
          <h3 class="font-mono text-sm font-semibold">{site}</h3>
          <ul aria-label={`Corrections for ${site}`} class="flex flex-col gap-1 text-sm">
            {(hints ?? [])
              .filter((h) => h.site === site)
              .map((h) => (
                <li key={h.id} class="flex items-center justify-between gap-2">
                  <span class="min-w-0 break-words">{hintWords(h)}</span>
                  <button
                    type="button"
                    class="btn btn-ghost shrink-0"
                    aria-label={`Delete: ${hintWords(h)} (${site})`}
                    onClick={() => void deleteSiteHints([h.id])}
                  >
                    Delete
                  </button>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </Section>
  );
}
