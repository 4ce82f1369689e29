/**
 * Per-site corrections ("site hints", issue 15): what the user told Talkmarks about how one site
 * lays out its talk pages, applied to the next capture of a page of that site.
 *
 * `applySiteHints` is pure (no browser APIs) and runs where the extension receives a capture (the
 * background), never in the page: a page must not observe Talkmarks. A hint only removes or re-ranks
 * what the page itself shows (its `candidates`); it never invents a value the page does not show —
 * except the event name the user typed for every page of the site (`event-name`).
 */
import { siteOf } from './site';
import type { CandidateField, CaptureCandidate, PageCapture, Speaker } from './types';

/** The fields a hint may correct. */
export type HintField = CandidateField;

/** Where a field is read from on this site: the page's own words for it in `evidence`. */
export type HintRule =
  /** "Never take 'Admin' as a speaker here" (or that event, slides or video link). */
  | { kind: 'reject'; field: HintField; value: string }
  /** "This site never has a speaker here": the field is left out on its pages. */
  | { kind: 'never'; field: Exclude<HintField, 'title'> }
  /** "The speakers are under the label 'Vortragende'" (any field read from a labelled value). */
  | { kind: 'label'; field: HintField; label: string }
  /** "The event is the og:site_name / the breadcrumb": the field is read from that source. */
  | { kind: 'source'; field: HintField; source: string }
  /** "On this site the event is X": typed by the user, who ticked "for every page of this site". */
  | { kind: 'event-name'; name: string };

export type SiteHint = HintRule & {
  id: string;
  /** Registrable domain (capture/site.ts `siteOf`). */
  site: string;
  createdAt: number;
};

/** Longest value a hint keeps (the capture schema's own bounds). */
export const HINT_TEXT_MAX = 300;

const FIELDS: readonly HintField[] = ['title', 'speakers', 'event', 'slidesUrl', 'videoUrl', 'startsAt'];

/** Case, accents' composition and runs of space do not make two names different. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return norm(a) === norm(b);
}

const isText = (x: unknown, max = HINT_TEXT_MAX): x is string =>
  typeof x === 'string' && x.trim() !== '' && x.length <= max;
const isField = (x: unknown): x is HintField => typeof x === 'string' && FIELDS.includes(x as HintField);

/** Whether a stored value is a usable hint (storage may hold anything: an old version, a bad import). */
export function isSiteHint(x: unknown): x is SiteHint {
  if (!x || typeof x !== 'object') return false;
  const h = x as Record<string, unknown>;
  if (!isText(h.id, 100) || !isText(h.site, 253) || typeof h.createdAt !== 'number') return false;
  switch (h.kind) {
    case 'reject':
      return isField(h.field) && isText(h.value);
    case 'never':
      return isField(h.field) && h.field !== 'title';
    case 'label':
      return isField(h.field) && isText(h.label);
    case 'source':
      return isField(h.field) && isText(h.source, 20);
    case 'event-name':
      return isText(h.name);
    default:
      return false;
  }
}

/** The value a capture shows now for a field, as text ("" when it shows none). */
export function currentValue(capture: PageCapture, field: HintField): string {
  if (field === 'event') return capture.event?.name ?? '';
  if (field === 'speakers') return (capture.talk?.speakers ?? []).map((s) => s.name).join(', ');
  return capture.talk?.[field] ?? '';
}

function candidatesOf(capture: PageCapture, field: HintField): CaptureCandidate[] {
  const list = capture.candidates?.[field];
  return Array.isArray(list) ? list.filter((c) => c && typeof c.value === 'string' && c.value !== '') : [];
}

/** Speakers without the names the site's hints reject, order kept, each name once. */
function keepSpeakers(speakers: readonly Speaker[], rejected: readonly string[]): Speaker[] {
  const out: Speaker[] = [];
  for (const s of speakers) {
    if (!s || typeof s.name !== 'string') continue;
    if (rejected.some((r) => sameText(r, s.name))) continue;
    if (out.some((o) => sameText(o.name, s.name))) continue;
    out.push(s);
  }
  return out;
}

/** Sets one field's value (or removes it: `undefined`), on a copy that is the caller's own. */
function setField(out: PageCapture, field: HintField, value: string | Speaker[] | undefined): void {
  if (field === 'event') {
    if (typeof value === 'string' && value) {
      // Another name is another event: what the page said about the old one does not carry over.
      out.event = out.event && sameText(out.event.name, value) ? out.event : { name: value };
    } else delete out.event;
    return;
  }
  if (!out.talk) return; // a hint corrects a talk the page shows; it never makes one up
  if (field === 'speakers') {
    out.talk.speakers = Array.isArray(value) ? value : [];
    return;
  }
  if (typeof value === 'string' && value) {
    out.talk[field] = value;
  } else if (field !== 'title') {
    delete out.talk[field];
    if (field === 'startsAt') delete out.talk.endsAt;
  }
}

function setEvidence(out: PageCapture, field: HintField, source: string | undefined): void {
  const evidence = { ...(out.evidence ?? {}) };
  if (source) evidence[field] = source;
  else delete evidence[field];
  if (Object.keys(evidence).length) out.evidence = evidence;
  else delete out.evidence;
}

/** The page's speakers from candidates that pass `pick`, each name once; [] when none do. */
function speakersFrom(capture: PageCapture, pick: (c: CaptureCandidate) => boolean): Speaker[] {
  const known = capture.talk?.speakers ?? [];
  const names: Speaker[] = [];
  for (const c of candidatesOf(capture, 'speakers')) {
    if (!pick(c) || names.some((n) => sameText(n.name, c.value))) continue;
    // Keep the link the page gave the same name elsewhere.
    names.push(known.find((k) => sameText(k.name, c.value)) ?? { name: c.value });
  }
  return names;
}

/**
 * Applies the hints of the capture's own site (hints of any other site are ignored) and returns a
 * new capture; the input is not changed. Fields a hint changed carry the evidence `hint` (the UI
 * says "from your correction for this site"). Never throws, whatever the hints hold.
 */
export function applySiteHints(capture: PageCapture, hints: readonly unknown[]): PageCapture {
  const site = siteOf(capture.url);
  if (!site || !Array.isArray(hints)) return capture;
  const mine = hints
    .filter((h): h is SiteHint => isSiteHint(h) && h.site === site)
    .sort((a, b) => a.createdAt - b.createdAt);
  if (!mine.length) return capture;
  const out: PageCapture = JSON.parse(JSON.stringify(capture));
  const changed = new Set<HintField>();
  const rejected = (field: HintField) =>
    mine.filter((h) => h.kind === 'reject' && h.field === field).map((h) => (h as { value: string }).value);

  // 1. Re-rank: read a field from the label or source the user pointed at, when this page shows one.
  //    The newest hint of a field wins; a page without that label or source keeps its own reading.
  for (const field of FIELDS) {
    const prefer = mine.filter(
      (h): h is SiteHint & { kind: 'label' | 'source' } =>
        (h.kind === 'label' || h.kind === 'source') && h.field === field,
    );
    for (const h of prefer.reverse()) {
      const pick = (c: CaptureCandidate) =>
        h.kind === 'label' ? !!c.label && sameText(c.label, h.label) : c.source === h.source;
      if (field === 'speakers') {
        const names = keepSpeakers(speakersFrom(out, pick), rejected('speakers'));
        if (!names.length || !out.talk) continue;
        setField(out, field, names);
      } else {
        const found = candidatesOf(out, field).find(
          (c) => pick(c) && !rejected(field).some((r) => sameText(r, c.value)),
        );
        if (!found || (field !== 'event' && !out.talk)) continue;
        setField(out, field, found.value);
      }
      changed.add(field);
      break;
    }
  }

  // 2. The event the user named for every page of the site (the one value a hint may bring).
  const named = mine.filter((h) => h.kind === 'event-name').at(-1);
  if (named && named.kind === 'event-name' && out.talk) {
    setField(out, 'event', named.name.trim());
    changed.add('event');
  }

  // 3. Remove what the site never shows rightly: rejected values (the next candidate the page shows
  //    takes their place), then fields the site never has.
  for (const field of FIELDS) {
    const no = rejected(field);
    if (!no.length) continue;
    if (field === 'speakers') {
      const before = out.talk?.speakers ?? [];
      const kept = keepSpeakers(before, no);
      if (out.talk && kept.length !== before.length) {
        out.talk.speakers = kept;
        changed.add(field);
      }
      continue;
    }
    const now = currentValue(out, field);
    if (!now || !no.some((r) => sameText(r, now)) || (field === 'event' && named)) continue;
    const next = candidatesOf(out, field).find(
      (c) => !no.some((r) => sameText(r, c.value)) && !sameText(c.value, now),
    );
    if (field === 'title' && !next) continue; // a talk keeps a title
    setField(out, field, next?.value);
    changed.add(field);
  }
  for (const h of mine) {
    if (h.kind !== 'never') continue;
    if (!currentValue(out, h.field)) continue;
    if (h.field === 'event' && named) continue; // the user's own name for the event stays
    setField(out, h.field, undefined);
    changed.add(h.field);
  }

  for (const field of FIELDS) {
    const no = rejected(field);
    const list = out.candidates?.[field];
    if (no.length && out.candidates && Array.isArray(list)) {
      out.candidates[field] = list.filter((c) => !no.some((r) => sameText(r, String(c?.value))));
    }
  }
  for (const field of changed) {
    const now = currentValue(out, field);
    if (now === currentValue(capture, field)) continue; // the page's own reading stood: its evidence too
    setEvidence(out, field, now ? 'hint' : undefined);
  }
  return out;
}
