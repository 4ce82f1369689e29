/**
 * pretalx talk pages in the 2025+ layout (`.talk-layout`, speaker cards, `.talk-card-schedule`). The
 * reading is the pretalx adapter's (its selectors cover both generations); this adapter exists so the
 * layout has an id of its own: no real page of it has been found to test against
 * (docs/capture-coverage.md), so what it captures is marked experimental until one is.
 */
import type { CaptureAdapter } from '../types';
import { isPretalx, pretalxAdapter } from './pretalx';
import { enrichFromPretalxApi } from './pretalx-api';

export const pretalx2025Adapter: CaptureAdapter = {
  id: 'pretalx-2025',
  matches: (_url, doc) => isPretalx(doc) && doc.querySelector('.talk-layout') !== null,
  capture(doc, url) {
    const capture = pretalxAdapter.capture(doc, url);
    return capture && { ...capture, platform: 'pretalx-2025' };
  },
  enrich: enrichFromPretalxApi,
};
