/**
 * YouTube watch pages as a talk recording: title, channel (as the speaker), description (as the
 * abstract, with slide links found in it) and the canonical watch URL as `videoUrl`. Metadata only:
 * the playback position belongs to capture/video/.
 * Sources, most reliable first: the `#watch7-content` VideoObject microdata and the
 * `ytInitialPlayerResponse` script (both describe the page as first loaded, so they are used only
 * while their video id is the one in the URL: YouTube navigates without reloading), then the live
 * DOM (`ytd-watch-metadata`), then Open Graph.
 */
import { readItem } from '../metadata/microdata';
import { readOpenGraph } from '../metadata/opengraph';
import { cleanText } from '../text';
import type { CaptureAdapter } from '../types';
import { youtubeId } from '../url';
import { abstractText, buildTalk, firstText, mediaLinks } from './common';

const HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com)$/i;

interface PlayerDetails {
  videoId?: string;
  title?: string;
  author?: string;
  shortDescription?: string;
}

/** `videoDetails` of the inline player response, read from the script text without running it. */
function playerDetails(doc: Document): PlayerDetails {
  for (const script of doc.querySelectorAll('script:not([src])')) {
    const text = script.textContent ?? '';
    const at = text.indexOf('"videoDetails":');
    if (at < 0) continue;
    const slice = text.slice(at, at + 200_000);
    const str = (key: string): string | undefined => {
      const m = new RegExp(`"${key}":"((?:[^"\\\\]|\\\\.)*)"`).exec(slice);
      if (!m) return undefined;
      try {
        return JSON.parse(`"${m[1]}"`) as string;
      } catch {
        return undefined;
      }
    };
    return {
      videoId: str('videoId'),
      title: str('title'),
      author: str('author'),
      shortDescription: str('shortDescription'),
    };
  }
  return {};
}

export const youtubeAdapter: CaptureAdapter = {
  id: 'youtube',
  matches: (url, doc) =>
    (HOSTS.test(url.hostname) && youtubeId(url) !== undefined) ||
    /(^|\.)youtu\.be$/i.test(url.hostname) ||
    (doc.querySelector('meta[property="og:site_name"][content="YouTube"]') !== null &&
      doc.querySelector('#watch7-content[itemtype*="VideoObject" i]') !== null),
  capture(doc, url) {
    const og = readOpenGraph(doc);
    const idFromUrl = youtubeId(url) ?? /[?&]v=([\w-]+)/.exec(og['og:url'] ?? '')?.[1];
    const itemEl = doc.querySelector('#watch7-content[itemscope]');
    const item = itemEl ? readItem(itemEl) : {};
    const itemId =
      typeof item.identifier === 'string'
        ? item.identifier
        : typeof item.videoId === 'string'
          ? item.videoId
          : undefined;
    const fresh = (id: string | undefined) => !id || !idFromUrl || id === idFromUrl;
    const micro = fresh(itemId) ? item : {};
    const player = playerDetails(doc);
    const live = fresh(player.videoId) ? player : {};
    const author =
      micro.author && typeof micro.author === 'object' && !Array.isArray(micro.author)
        ? (micro.author as Record<string, unknown>)
        : undefined;
    const channel =
      firstText(doc, 'ytd-watch-metadata ytd-channel-name a, #owner ytd-channel-name a', 200) ||
      live.author ||
      (typeof author?.name === 'string' ? author.name : '');
    const title =
      firstText(doc, 'ytd-watch-metadata h1 yt-formatted-string, ytd-watch-metadata h1', 500) ||
      live.title ||
      (typeof micro.name === 'string' ? micro.name : '') ||
      og['og:title'] ||
      cleanText(doc.title.replace(/\s+-\s+YouTube$/, ''), 500);
    const description =
      live.shortDescription ??
      (typeof micro.description === 'string' ? micro.description : og['og:description']);
    const watchUrl = idFromUrl ? `https://www.youtube.com/watch?v=${idFromUrl}` : url.href;
    const urls = [...(description ?? '').matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => ({ href: m[0] }));
    const talk = buildTalk(
      {
        title,
        speakers: channel
          ? [{ name: channel, url: typeof author?.url === 'string' ? author.url : undefined }]
          : [],
        abstract: abstractText(description),
        url: watchUrl,
        slidesUrl: mediaLinks(urls, url.href).slidesUrl,
        videoUrl: watchUrl,
      },
      url.href,
    );
    return talk ? { kind: 'video', platform: 'youtube', url: watchUrl, title: talk.title, talk } : null;
  },
};
