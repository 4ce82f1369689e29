/** Slide-deck adapters, one file each, tried in this order (specific hosts first, then frameworks, then the generic reader). */
import type { CaptureAdapter } from '../types';
import { genericDeckAdapter } from './generic';
import { googleSlidesAdapter } from './google-slides';
import { impressAdapter } from './impress';
import { marpAdapter } from './marp';
import { pdfAdapter } from './pdf';
import { remarkAdapter } from './remark';
import { revealAdapter } from './reveal';
import { showerAdapter } from './shower';
import { slideshareAdapter } from './slideshare';
import { slidevAdapter } from './slidev';
import { speakerdeckAdapter } from './speakerdeck';

export const SLIDE_ADAPTERS: readonly CaptureAdapter[] = [
  speakerdeckAdapter,
  slideshareAdapter,
  googleSlidesAdapter,
  pdfAdapter,
  revealAdapter,
  impressAdapter,
  marpAdapter,
  remarkAdapter,
  showerAdapter,
  slidevAdapter,
  genericDeckAdapter, // last: only a deck no platform adapter knows
];
