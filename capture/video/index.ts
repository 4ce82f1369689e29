/** Video-position adapters, one file each: they add `video: {currentTime, duration}` to a capture. */
import type { CaptureAdapter } from '../types';
import { vimeoAdapter } from './vimeo';
import { youtubeAdapter } from './youtube';

export const VIDEO_ADAPTERS: readonly CaptureAdapter[] = [youtubeAdapter, vimeoAdapter];
