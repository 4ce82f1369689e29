/** Helpers for video adapters: find the player's `<video>`, read its time, seek it. */

import { viewportRect } from '../slides/common';
import type { PageCapture } from '../types';

/** The first `<video>` matching `selector`, else the first `<video>` of the page. */
export function videoElement(doc: Document, selector: string): HTMLVideoElement | null {
  return (doc.querySelector(selector) ?? doc.querySelector('video')) as HTMLVideoElement | null;
}

/** A `video` capture: the time in whole tenths of a second, the duration when the video knows it. */
export function videoCapture(platform: string, video: HTMLVideoElement | null): Partial<PageCapture> {
  const out: Partial<PageCapture> = { kind: 'video', platform };
  const t = Number(video?.currentTime);
  if (video && Number.isFinite(t) && t >= 0) {
    out.video = { currentTime: Math.round(t * 10) / 10 };
    const d = Number(video.duration);
    if (Number.isFinite(d) && d > 0) out.video.duration = Math.round(d * 10) / 10;
    const rect = viewportRect(video);
    if (rect) out.slideRect = rect;
  }
  return out;
}

/** Moves the video to `seconds`; false when there is no video to move. */
export function seek(video: HTMLVideoElement | null, seconds: number): boolean {
  if (!video || !Number.isFinite(seconds) || seconds < 0) return false;
  video.currentTime = seconds;
  return true;
}
