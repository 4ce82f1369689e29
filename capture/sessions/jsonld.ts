/**
 * schema.org `Event` / `EducationEvent` (and other Event subtypes) in JSON-LD: top-level arrays,
 * `@graph`, nested `Place` / `VirtualLocation`, `performer`. Malformed blocks are skipped.
 */
import { idIndex, jsonLdTexts, readJsonLd } from '../metadata/jsonld';
import type { CaptureAdapter, PageCapture } from '../types';
import { captureFromEvents } from './schema-event';

/**
 * The last page read, by its URL and JSON-LD text: a page is captured again on every change signal
 * (clicks, scrolling class flips), and its JSON-LD rarely changes in between.
 */
let last: { key: string; result: Partial<PageCapture> | null } | undefined;

export const jsonLdAdapter: CaptureAdapter = {
  id: 'jsonld',
  matches: (_url, doc) => jsonLdTexts(doc).length > 0,
  capture(doc, url) {
    const key = `${url.href}\u0000${jsonLdTexts(doc).join('\u0000')}`;
    if (last?.key !== key) {
      const nodes = readJsonLd(doc);
      last = { key, result: captureFromEvents(nodes, idIndex(nodes), url.href, 'jsonld') };
    }
    return structuredClone(last.result);
  },
};
