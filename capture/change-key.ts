/** What the capture module compares to decide a page "changed" (pure, so it is tested on its own). */
import type { PageCapture } from './types';

/** What decides "changed": the video time counts in 5-second steps, so a playing video is not a stream of reports. */
export function changeKey(capture: PageCapture): string {
  if (!capture.video) return JSON.stringify(capture);
  const step = Math.floor(capture.video.currentTime / 5);
  return JSON.stringify({ ...capture, video: { ...capture.video, currentTime: step } });
}
