/**
 * YouTube: the position in a talk video is the `<video>`'s time. Watch, live, shorts and embed pages;
 * the player is `video.html5-main-video` (any `<video>` as fallback). The watch page is a single-page
 * app whose `rel=canonical` goes stale after in-app navigation, so the URL is rebuilt from the video id.
 * Talk metadata (title, channel, description) belongs to the sessions adapters; this one returns the
 * position and the video's own URL.
 */
import type { CaptureAdapter } from '../types';
import { seek, videoCapture, videoElement } from './common';

/** The video id in a YouTube URL, or undefined. */
export function youtubeId(url: URL): string | undefined {
  const host = url.hostname.replace(/^(www|m|music)\./, '');
  let id: string | null | undefined;
  if (host === 'youtu.be') id = url.pathname.split('/')[1];
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    if (url.pathname === '/watch') id = url.searchParams.get('v');
    else id = /^\/(?:live|embed|shorts|v)\/([^/?#]+)/.exec(url.pathname)?.[1];
  }
  return id && /^[\w-]{6,20}$/.test(id) ? id : undefined;
}

export const youtubeAdapter: CaptureAdapter = {
  id: 'youtube',
  matches: (url) => youtubeId(url) !== undefined,
  capture(doc, url) {
    const id = youtubeId(url);
    const video = videoElement(doc, 'video.html5-main-video, #movie_player video');
    const out = videoCapture('youtube', video);
    if (id) out.url = `https://www.youtube.com/watch?v=${id}`;
    return out;
  },
  goto: (doc, _url, target) =>
    target.time !== undefined &&
    seek(videoElement(doc, 'video.html5-main-video, #movie_player video'), target.time),
};
