/** Session-page and metadata adapters, one file each, tried in this order. */
import type { CaptureAdapter } from '../types';

export const SESSION_ADAPTERS: readonly CaptureAdapter[] = [];
