/**
 * Where a captured field came from, in words (issue 15): "from the byline", "from og:site_name".
 * The evidence words are the generic reader's (capture/sessions/generic/) and `hint` (a correction
 * the user made for the site, capture/hints.ts). Page text (a label) is returned as text; the views
 * render it through text nodes only.
 */
import type { CandidateField, PageCapture } from '../../capture/types';

export type EvidenceField = CandidateField;

/** The field's name in a sentence ("Correct the speakers"). */
export const FIELD_NAMES: Readonly<Record<EvidenceField, string>> = {
  title: 'title',
  speakers: 'speakers',
  event: 'event',
  slidesUrl: 'slides link',
  videoUrl: 'video link',
  startsAt: 'start',
};

const WORDS: Readonly<Record<string, string>> = {
  label: 'from a label on the page',
  byline: 'from the byline',
  heading: 'from the page’s heading',
  quote: 'from a quoted title in the text',
  class: 'from the page’s speaker markup',
  lead: 'from the opening paragraph',
  portrait: 'from a speaker photo’s caption',
  breadcrumb: 'from the breadcrumb',
  text: 'from the page’s text',
  'link-text': 'from the link’s text',
  host: 'from a link to a slides or video site',
  embed: 'from the embedded player',
  hint: 'from your correction for this site',
};

/** How one source reads for a field ("og" is og:site_name for an event, og:title for a title). */
export function sourceWords(field: EvidenceField, source: string, label?: string): string {
  if (source === 'label' && label) return `from the page’s “${label}” label`;
  if (source === 'og') return field === 'event' ? 'from og:site_name' : 'from og:title';
  if (source === 'title')
    return field === 'event' ? 'from the end of the tab’s title' : 'from the tab’s title';
  return WORDS[source] ?? 'from the page';
}

/** Where the capture's value of a field came from, in words; undefined when the capture does not say. */
export function evidenceOf(capture: PageCapture, field: EvidenceField): string | undefined {
  const source = capture.evidence?.[field];
  if (!source) return undefined;
  // The page's own label for the value shown, when the reader reported it.
  const shown =
    field === 'speakers'
      ? capture.talk?.speakers[0]?.name
      : field === 'event'
        ? capture.event?.name
        : capture.talk?.[field];
  const label =
    source === 'label'
      ? capture.candidates?.[field]?.find((c) => c.source === 'label' && c.value === shown)?.label
      : undefined;
  return sourceWords(field, source, label);
}
