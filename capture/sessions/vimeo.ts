/**
 * Vimeo video pages (`vimeo.com/{id}`, `player.vimeo.com/video/{id}`) as a talk recording: title,
 * uploader (as the speaker, where the page names one), description, and the canonical URL as
 * `videoUrl`. Read from Open Graph, the VideoObject JSON-LD, and the player's title
 * ("{title} from {uploader} on Vimeo"). Metadata only: playback position is capture/video/'s.
 */
import { asArray, isNode, readJsonLd, textProp, typesOf } from '../metadata/jsonld';
import { readOpenGraph } from '../metadata/opengraph';
import type { CaptureAdapter } from '../types';
import { safeHttpUrl } from '../url';
import { abstractText, buildTalk, mediaLinks } from './common';

const VIDEO_PATH = /^\/(?:video\/)?(\d{3,})(?:\/|$)|^\/(?:channels|groups)\/[^/]+\/(?:videos\/)?(\d{3,})/;

export const vimeoAdapter: CaptureAdapter = {
  id: 'vimeo',
  matches: (url, doc) =>
    (/(^|\.)vimeo\.com$/i.test(url.hostname) && VIDEO_PATH.test(url.pathname)) ||
    doc.querySelector('meta[property="og:site_name"][content="Vimeo"]') !== null,
  capture(doc, url) {
    const og = readOpenGraph(doc);
    const video = readJsonLd(doc).find((n) => typesOf(n).includes('VideoObject'));
    const authorNode = video ? asArray(video.author)[0] : undefined;
    const fromPlayer = /^(.*) from (.*) on Vimeo$/.exec(doc.title.trim());
    const uploader = (isNode(authorNode) ? textProp(authorNode, 'name') : undefined) ?? fromPlayer?.[2];
    const title =
      og['og:title'] ??
      (video && textProp(video, 'name')) ??
      fromPlayer?.[1] ??
      doc.title.replace(/\s+on Vimeo$/, '');
    const description = og['og:description'] ?? (video ? textProp(video, 'description') : undefined);
    const canonical =
      safeHttpUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), url.href) ??
      safeHttpUrl(og['og:url'], url.href) ??
      url.href;
    const urls = [...(description ?? '').matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => ({ href: m[0] }));
    const talk = buildTalk(
      {
        title,
        speakers: uploader ? [{ name: uploader }] : [],
        abstract: abstractText(description),
        url: canonical,
        slidesUrl: mediaLinks(urls, url.href).slidesUrl,
        videoUrl: canonical,
      },
      url.href,
    );
    return talk ? { kind: 'video', platform: 'vimeo', talk } : null;
  },
};
