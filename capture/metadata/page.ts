/**
 * The generic fallback: every page yields at least a `page` capture with its canonical URL and
 * the best name it declares (Open Graph `og:title`, else the document title).
 */
import { cleanText, metaContent } from '../text';
import type { CaptureAdapter } from '../types';

export const pageAdapter: CaptureAdapter = {
  id: 'page',
  matches: () => true,
  capture(doc) {
    const title = metaContent(doc, 'og:title', 500) || cleanText(doc.title, 500);
    return { kind: 'page', platform: 'page', title };
  },
};
