/** schema.org `Event` and its subtypes written as HTML microdata (`itemscope itemtype=…/Event`). */
import { idIndex } from '../metadata/jsonld';
import { readMicrodata } from '../metadata/microdata';
import type { CaptureAdapter } from '../types';
import { captureFromEvents, isEventType } from './schema-event';

export const microdataAdapter: CaptureAdapter = {
  id: 'microdata',
  matches: (_url, doc) =>
    doc.querySelector('[itemscope][itemtype*="Event" i], [itemscope][itemtype*="Hackathon" i]') !== null,
  capture(doc, url) {
    const nodes = readMicrodata(doc, isEventType);
    return captureFromEvents(nodes, idIndex(nodes), url.href, 'microdata');
  },
};
