/**
 * The popup's corrections of a captured field (issue 15): what the user fixed in place on this page
 * (applied to the capture the note is filed with), and the per-site rules it teaches (storage/
 * site-hints.ts, applied to the next page of the site by capture/hints.ts). Pure: no browser APIs.
 */
import type { CandidateField, CaptureCandidate, PageCapture, Speaker } from '../../capture/types';
import type { StoredHintRule } from '../../storage/site-hints';

/** A field's corrected value on this page: a text, a list of speakers, or nothing (`null`: cleared). */
export type FixValue = string | Speaker[] | null;

/** The corrections made on one page, by field. */
export interface PageFixes {
  url: string;
  fields: Partial<Record<CandidateField, FixValue>>;
}

/** The capture with this page's corrections applied; other pages' corrections do not apply. */
export function withFixes(capture: PageCapture, fixes: PageFixes | undefined): PageCapture {
  if (!fixes || fixes.url !== capture.url || !Object.keys(fixes.fields).length) return capture;
  const out: PageCapture = {
    ...capture,
    ...(capture.talk ? { talk: { ...capture.talk } } : {}),
    evidence: { ...(capture.evidence ?? {}) },
  };
  for (const [key, value] of Object.entries(fixes.fields) as [CandidateField, FixValue][]) {
    if (value === undefined) continue;
    // What the user set is no longer "from the page": it says so by having no evidence.
    delete out.evidence![key];
    if (key === 'event') {
      if (typeof value === 'string' && value) out.event = { name: value };
      else delete out.event;
      continue;
    }
    if (!out.talk) continue;
    if (key === 'speakers') out.talk.speakers = Array.isArray(value) ? value : [];
    else if (typeof value === 'string' && value) out.talk[key] = value;
    else if (key !== 'title') {
      delete out.talk[key];
      if (key === 'startsAt') delete out.talk.endsAt;
    }
  }
  if (!Object.keys(out.evidence!).length) delete out.evidence;
  return out;
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The one label, else the one source, every chosen value was read from on the page (if any). */
function commonOrigin(
  chosen: readonly string[],
  candidates: readonly CaptureCandidate[],
): { label: string } | { source: string } | undefined {
  if (!chosen.length) return undefined;
  const origins = chosen.map((v) => candidates.filter((c) => same(c.value, v)));
  if (origins.some((o) => !o.length)) return undefined; // a typed value: not from the page
  const label = origins[0]?.find((c) => c.label)?.label;
  if (label && origins.every((o) => o.some((c) => c.label && same(c.label, label)))) return { label };
  const source = origins[0]?.[0]?.source;
  if (source && origins.every((o) => o.some((c) => c.source === source))) return { source };
  return undefined;
}

/**
 * The site rules a correction teaches, when the user ticked "for every page of this site" (the form
 * ticks it for a pick or a removal, not for an event name typed by hand: a site may host several
 * events). A name taken out is never a speaker (or the event) here; a value picked from the page is
 * read from the same label or source next time; a field cleared is one the site never has. A value
 * typed by hand teaches nothing, but the event name.
 */
export function rulesOf(
  capture: PageCapture,
  field: CandidateField,
  value: FixValue,
  everyPage: boolean,
): StoredHintRule[] {
  if (!everyPage) return [];
  const candidates = capture.candidates?.[field] ?? [];
  const rules: StoredHintRule[] = [];
  if (value === null || (Array.isArray(value) && !value.length) || value === '') {
    if (field !== 'title') rules.push({ kind: 'never', field });
    return rules;
  }
  if (field === 'speakers' && Array.isArray(value)) {
    const names = value.map((s) => s.name);
    for (const s of capture.talk?.speakers ?? []) {
      if (!names.some((n) => same(n, s.name))) rules.push({ kind: 'reject', field, value: s.name });
    }
    const shown = (capture.talk?.speakers ?? []).map((s) => s.name);
    const added = names.filter((n) => !shown.some((s) => same(s, n)));
    const origin = added.length ? commonOrigin(names, candidates) : undefined;
    if (origin && 'label' in origin) rules.push({ kind: 'label', field, label: origin.label });
    else if (origin && origin.source !== capture.evidence?.speakers)
      rules.push({ kind: 'source', field, source: origin.source });
    return rules;
  }
  if (typeof value !== 'string') return rules;
  const origin = commonOrigin([value], candidates);
  if (origin && 'label' in origin) rules.push({ kind: 'label', field, label: origin.label });
  else if (origin) rules.push({ kind: 'source', field, source: origin.source });
  else if (field === 'event') rules.push({ kind: 'event-name', name: value.trim() });
  if (field === 'event' && capture.event?.name && !same(capture.event.name, value)) {
    rules.push({ kind: 'reject', field, value: capture.event.name });
  }
  return rules;
}
