/**
 * YouTube: the position in a talk video is the `<video>`'s time. Watch, live, shorts and embed pages;
 * the player is `video.html5-main-video` (any `<video>` as fallback). The watch page is a single-page
 * app whose `rel=canonical` goes stale after in-app navigation, so the URL is rebuilt from the video id.
 * Talk metadata (title, channel, description) belongs to the sessions adapters; this one returns the
 * position and the video's own URL.
 */
import type { CaptureAdapter } from '../types';
import { youtubeId } from '../url';
import { seek, videoCapture, videoElement } from './common';

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
