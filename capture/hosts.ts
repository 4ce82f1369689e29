/**
 * Hosts whose pages get the static capture content script (DESIGN.md §4). Any other site is
 * captured on a user gesture or where the user chose "Enable on this site".
 */
export const KNOWN_HOST_MATCHES = [
  'https://speakerdeck.com/*',
  'https://www.slideshare.net/*',
  'https://*.slideshare.net/*',
  'https://docs.google.com/presentation/*',
  'https://sched.com/*',
  'https://*.sched.com/*',
  'https://sessionize.com/*',
  'https://pretalx.com/*',
  'https://indico.cern.ch/*',
  'https://fosdem.org/*',
  'https://www.youtube.com/*',
  'https://www.youtube-nocookie.com/*',
  'https://vimeo.com/*',
  'https://player.vimeo.com/*',
];

/** Local origins the end-to-end build captures exactly as known hosts. */
export const E2E_HOST_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

/** Match patterns for the static content script of this build. */
export function contentScriptMatches(e2e: boolean): string[] {
  return e2e ? [...KNOWN_HOST_MATCHES, ...E2E_HOST_MATCHES] : KNOWN_HOST_MATCHES;
}
