/**
 * schema.org `Event` / `EducationEvent` (and other Event subtypes) in JSON-LD: top-level arrays,
 * `@graph`, nested `Place` / `VirtualLocation`, `performer`. Malformed blocks are skipped.
 */
import { idIndex, jsonLdTexts, readJsonLd } from '../metadata/jsonld';
import type { CaptureAdapter } from '../types';
import { captureFromEvents } from './schema-event';

export const jsonLdAdapter: CaptureAdapter = {
  id: 'jsonld',
  matches: (_url, doc) => jsonLdTexts(doc).length > 0,
  capture(doc, url) {
    const nodes = readJsonLd(doc);
    return captureFromEvents(nodes, idIndex(nodes), url.href, 'jsonld');
  },
};
