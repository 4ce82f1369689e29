/**
 * Notes as W3C Web Annotations (JSON-LD, https://www.w3.org/TR/annotation-model/): the note body
 * and its tags as textual bodies; the page as target, narrowed by the slide (a fragment selector
 * on the page number, RFC 3778 style), the video time (Media Fragments `t=`) and the quoted text
 * (TextQuoteSelector). Quotes and tags are plain text (`text/plain`); the body is Markdown made
 * safe like every export (recap/safe-markdown.ts); the target is an http(s) or file address or a URN.
 */
import { isPrivateNote, withKindSplit } from '../storage/kinds';
import type { NoteKind, NoteRecord } from '../storage/types';
import { safeMarkdown } from './safe-markdown';

type Selector = Record<string, unknown>;

const MOTIVATION: Record<NoteKind, string> = {
  note: 'commenting',
  takeaway: 'commenting',
  quote: 'highlighting',
  question: 'questioning',
  todo: 'bookmarking',
};

function selectors(note: NoteRecord): Selector | undefined {
  const a = note.anchor;
  if (!a) return undefined;
  const quote: Selector | undefined = a.quote
    ? {
        type: 'TextQuoteSelector',
        exact: a.quote.exact,
        ...(a.quote.prefix ? { prefix: a.quote.prefix } : {}),
        ...(a.quote.suffix ? { suffix: a.quote.suffix } : {}),
      }
    : undefined;
  const slide: Selector | undefined = a.slide
    ? {
        type: 'FragmentSelector',
        conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
        value: `page=${a.slide.index + 1}`,
      }
    : undefined;
  const time: Selector | undefined =
    a.time !== undefined
      ? { type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: `t=${a.time}` }
      : undefined;
  const outer = slide ?? time;
  if (outer && quote) return { ...outer, refinedBy: quote };
  return outer ?? quote;
}

/** Address schemes a target may keep; any other (`javascript:`, `data:`, …) becomes a URN that names it as text. */
const TARGET_SCHEMES = new Set(['http:', 'https:', 'file:', 'urn:']);

/**
 * The page a note targets, as an IRI a reader may follow: an http(s) or file page; anything else
 * (a `javascript:` or `data:` address from an imported backup) is kept only inside a URN, encoded.
 */
export function annotationTarget(url: string): string {
  try {
    if (TARGET_SCHEMES.has(new URL(url).protocol)) return url;
  } catch {
    // not a URL at all: kept as text below
  }
  return `urn:talkmarks:page:${encodeURIComponent(url)}`;
}

/**
 * One note as a Web Annotation. The kind is the motivation (and the body's purpose), never a prefix
 * in the text: stored bodies carry none, and one from data that missed the upgrade is taken off.
 */
export function noteAnnotation(stored: NoteRecord, source?: string): Record<string, unknown> {
  const note = withKindSplit(stored);
  const selector = selectors(note);
  const target = annotationTarget(source ?? note.url);
  return {
    id: `urn:talkmarks:note:${encodeURIComponent(note.id)}`,
    type: 'Annotation',
    motivation: MOTIVATION[note.kind],
    created: new Date(note.createdAt).toISOString(),
    modified: new Date(note.updatedAt).toISOString(),
    body: [
      // Markdown a reader renders: the same last pass as every Markdown export (raw HTML in a
      // note body, typed or quoted, is text; links are http, https or mailto).
      {
        type: 'TextualBody',
        value: safeMarkdown(note.body).markdown,
        format: 'text/markdown',
        purpose: MOTIVATION[note.kind],
      },
      ...note.tags.map((tag) => ({
        type: 'TextualBody',
        value: tag,
        format: 'text/plain',
        purpose: 'tagging',
      })),
    ],
    target: selector ? { source: target, selector } : target,
  };
}

/**
 * A collection of annotations (trashed notes left out, private ones unless `includePrivate`), as a
 * JSON-LD document.
 */
export function annotationCollection(
  notes: NoteRecord[],
  label = 'Talkmarks notes',
  options: { includePrivate?: boolean; privateTag?: string } = {},
): Record<string, unknown> {
  const items = notes
    .filter((n) => !n.deletedAt && (options.includePrivate || !isPrivateNote(n, options.privateTag)))
    .map((n) => noteAnnotation(n));
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
