/**
 * The Open Graph fallback (`property="og:…"` and `name="og:…"`). A page is taken for a talk only when
 * it says so: an `og:type` of `video.*`, or a link to its slides or recording on the page. Any other
 * page keeps its Open Graph title and is not made a talk.
 */
import { openGraphAll, readOpenGraph } from '../metadata/opengraph';
import { speakersFromText } from '../speakers';
import type { CaptureAdapter } from '../types';
import { buildTalk, mediaLinks } from './common';

export const openGraphAdapter: CaptureAdapter = {
  id: 'opengraph',
  matches: (_url, doc) => doc.querySelector('meta[property^="og:" i], meta[name^="og:" i]') !== null,
  capture(doc, url) {
    const og = readOpenGraph(doc);
    const title = og['og:title'] ?? og['twitter:title'];
    if (!title) return null;
    const type = og['og:type'] ?? '';
    const links = mediaLinks(doc.querySelectorAll('a[href], iframe[src]'), url.href);
    const videoUrl = og['og:video:url'] ?? og['og:video'] ?? og['og:video:secure_url'] ?? links.videoUrl;
    const isTalk = /^video\./i.test(type) || !!links.slidesUrl;
    if (!isTalk) return { kind: 'page', platform: 'opengraph', title };
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
    return { kind: /^video\./i.test(type) ? 'video' : 'session', platform: 'opengraph', title, talk };
  },
};
