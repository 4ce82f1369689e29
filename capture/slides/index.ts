/** Slide-deck adapters, one file each, tried in this order. */
import type { CaptureAdapter } from '../types';

export const SLIDE_ADAPTERS: readonly CaptureAdapter[] = [];
