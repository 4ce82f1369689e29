/**
 * The generic fallback: every page yields at least a `page` capture with its canonical URL. Its
 * `title` is the document title exactly as the tab shows it (the pipeline sets it, DESIGN §4); only a
 * page without a `<title>` is named by its `og:title`.
 */
import { cleanText, metaContent } from '../text';
import type { CaptureAdapter } from '../types';

export const pageAdapter: CaptureAdapter = {
  id: 'page',
  matches: () => true,
  capture(doc) {
    if (cleanText(doc.title, 500)) return { kind: 'page', platform: 'page' };
    return { kind: 'page', platform: 'page', title: metaContent(doc, 'og:title', 500) };
  },
};
