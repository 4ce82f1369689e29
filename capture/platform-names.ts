/**
 * The words a user reads for a capture adapter's id and for a capture's kind. Adapter ids
 * (`jsonld`, `google-slides`) are code; the UI shows these names instead, written as each project
 * writes its own name ("reveal.js", "sched", "pretalx"). Every registered adapter has a name here
 * (a unit test checks it), so a raw id never reaches the screen.
 */
import type { CaptureKind } from './types';

/** Adapter id → the name shown to users. */
export const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  // Slide decks
  speakerdeck: 'Speaker Deck',
  slideshare: 'SlideShare',
  'google-slides': 'Google Slides',
  pdf: 'PDF',
  reveal: 'reveal.js',
  impress: 'impress.js',
  marp: 'Marp',
  remark: 'remark',
  shower: 'Shower',
  slidev: 'Slidev',
  // A deck made with an engine not listed above, read from its sequence of slides
  'generic-deck': 'Slide deck',
  // Session pages and videos
  pretalx: 'pretalx',
  'pretalx-2025': 'pretalx',
  'pretalx-schedule': 'pretalx schedule',
  fosdem: 'FOSDEM',
  indico: 'Indico',
  sched: 'sched',
  sessionize: 'Sessionize',
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  // Structured data any page may carry
  jsonld: 'JSON-LD event data',
  microdata: 'schema.org microdata',
  opengraph: 'Open Graph',
  // Read from the page's layout (labels, bylines, links) by the generic talk-page reader
  generic: 'Talk page layout',
  // A conference's day grid or a workshop programme, read from its timed rows or cards
  programme: 'Programme page',
  // Nothing specific: the page's own title, or the tab as the browser reports it
  page: 'Web page',
  tab: 'Browser tab',
};

/** The name of an adapter id; an id without one (none should exist) is shown as it is. */
export function platformName(id: string): string {
  return PLATFORM_NAMES[id] ?? id;
}

/** Names of several platforms as one phrase: "Speaker Deck, SlideShare, Google Slides". */
export function platformNames(ids: readonly string[]): string {
  return ids.map(platformName).join(', ');
}

/**
 * The platforms whose hosts Talkmarks reads without being asked (the hosts of `KNOWN_HOST_MATCHES`
 * in capture/hosts.ts), for the words that list them.
 */
export const KNOWN_HOST_PLATFORMS: readonly string[] = [
  'speakerdeck',
  'slideshare',
  'google-slides',
  'sched',
  'sessionize',
  'pretalx',
  'indico',
  'fosdem',
  'youtube',
  'vimeo',
];

/** Ids that say nothing beyond "a page": the UI names no platform for them. */
export function isGenericPlatform(id: string): boolean {
  return id === 'page' || id === 'tab';
}

/** What a capture's kind is called. */
export const CAPTURE_KIND_NAMES: Readonly<Record<CaptureKind, string>> = {
  slides: 'Slide deck',
  session: 'Talk',
  video: 'Talk video',
  page: 'Page',
};
