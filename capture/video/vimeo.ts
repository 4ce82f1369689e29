/**
 * Vimeo: the video lives in the `player.vimeo.com/video/{id}` frame (also embedded on vimeo.com and
 * conference sites); its `<video>` gives the time. The frame reports to the page that embeds it.
 */
import type { CaptureAdapter } from '../types';
import { seek, videoCapture, videoElement } from './common';

function vimeoId(url: URL): string | undefined {
  if (url.hostname === 'player.vimeo.com') return /^\/video\/(\d+)/.exec(url.pathname)?.[1];
  if (url.hostname === 'vimeo.com' || url.hostname === 'www.vimeo.com')
    return /^\/(?:channels\/[^/]+\/|groups\/[^/]+\/videos\/|showcase\/\d+\/video\/)?(\d+)(?:\/|$)/.exec(
      url.pathname,
    )?.[1];
  return undefined;
}

export const vimeoAdapter: CaptureAdapter = {
  id: 'vimeo',
  matches: (url) => vimeoId(url) !== undefined,
  capture(doc, url) {
    const out = videoCapture('vimeo', videoElement(doc, 'video'));
    const id = vimeoId(url);
    if (id) out.url = `https://vimeo.com/${id}`;
    return out;
  },
  goto: (doc, _url, target) => target.time !== undefined && seek(videoElement(doc, 'video'), target.time),
};
