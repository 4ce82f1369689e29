/**
 * The Open Graph fallback (`property="og:…"` and `name="og:…"`). A page is taken for a talk only when
 * it says so: an `og:type` of `video.*`, or a link to its slides or recording on the page. Any other
 * page is not made a talk (its capture keeps the tab's title).
 */
import { openGraphAll, readOpenGraph } from '../metadata/opengraph';
import { speakersFromText } from '../speakers';
import { cleanText } from '../text';
import type { CaptureAdapter } from '../types';
import { buildTalk, mediaLinks } from './common';

export const openGraphAdapter: CaptureAdapter = {
  id: 'opengraph',
  matches: (_url, doc) => doc.querySelector('meta[property^="og:" i], meta[name^="og:" i]') !== null,
  capture(doc, url) {
    const og = readOpenGraph(doc);
    const ogTitle = og['og:title'] ?? og['twitter:title'];
    if (!ogTitle) return null;
    // The talk's title without the site's name; the capture's own title stays the tab's (DESIGN §4).
    const title = withoutSiteName(ogTitle, og['og:site_name']);
    const tabTitle = cleanText(doc.title, 500) ? undefined : ogTitle;
    const type = og['og:type'] ?? '';
    const links = mediaLinks(doc.querySelectorAll('a[href], iframe[src]'), url.href);
    const videoUrl = og['og:video:url'] ?? og['og:video'] ?? og['og:video:secure_url'] ?? links.videoUrl;
    const isTalk = /^video\./i.test(type) || !!links.slidesUrl;
    if (!isTalk) return { kind: 'page', platform: 'opengraph', title: tabTitle };
    const authors = [...openGraphAll(doc, 'article:author'), ...openGraphAll(doc, 'video:director')];
    const talk = buildTalk(
      {
        title,
        speakers: authors.flatMap((a) => (/^https?:/i.test(a) ? [] : speakersFromText(a))),
        abstract: og['og:description'],
        url: og['og:url'] ?? url.href,
        slidesUrl: links.slidesUrl,
        videoUrl,
      },
      url.href,
    );
    if (!talk) return null;
    return {
      kind: /^video\./i.test(type) ? 'video' : 'session',
      platform: 'opengraph',
      title: tabTitle,
      talk,
    };
  },
};

/** "Talk | Site", "Talk - Site", "Talk :: Site" → "Talk" when Site is the page's `og:site_name`. */
export function withoutSiteName(title: string, siteName: string | undefined): string {
  const site = siteName?.trim();
  if (!site || title === site) return title;
  for (const sep of [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' : ']) {
    if (title.endsWith(`${sep}${site}`)) return title.slice(0, -(sep.length + site.length)).trim() || title;
  }
  return title;
}
