/** Every capture adapter has a name a user can read, and the names are the projects' own spellings. */
import { describe, expect, it } from 'vitest';
import { EXPERIMENTAL_ADAPTERS } from '../../../capture/experimental';
import { KNOWN_HOST_MATCHES } from '../../../capture/hosts';
import { pageAdapter } from '../../../capture/metadata/page';
import {
  CAPTURE_KIND_NAMES,
  KNOWN_HOST_PLATFORMS,
  PLATFORM_NAMES,
  platformName,
  platformNames,
} from '../../../capture/platform-names';
import { ADAPTERS } from '../../../capture/registry';
import { SESSION_ADAPTERS } from '../../../capture/sessions';
import { SLIDE_ADAPTERS } from '../../../capture/slides';
import { VIDEO_ADAPTERS } from '../../../capture/video';

const registered = [...ADAPTERS, ...SLIDE_ADAPTERS, ...SESSION_ADAPTERS, ...VIDEO_ADAPTERS, pageAdapter].map(
  (a) => a.id,
);

describe('platform names', () => {
  it('names every registered adapter id, the experimental ones and the tab fallback', () => {
    const ids = new Set([...registered, ...EXPERIMENTAL_ADAPTERS, 'tab']);
    expect(ids.size).toBeGreaterThan(20); // the lists really were read
    const unnamed = [...ids].filter((id) => !PLATFORM_NAMES[id]?.trim());
    expect(unnamed).toEqual([]);
  });

  it('never shows an id as its own name where the project spells it otherwise', () => {
    expect(platformName('jsonld')).toBe('JSON-LD event data');
    expect(platformName('opengraph')).toBe('Open Graph');
    expect(platformName('reveal')).toBe('reveal.js');
    expect(platformName('google-slides')).toBe('Google Slides');
    expect(platformName('speakerdeck')).toBe('Speaker Deck');
    expect(platformName('youtube')).toBe('YouTube');
    expect(platformName('pretalx-2025')).toBe('pretalx');
    expect(platformName('sched')).toBe('sched');
    expect(platformName('pdf')).toBe('PDF');
  });

  it('shows an unknown id as it is rather than nothing', () => {
    expect(platformName('newdeck')).toBe('newdeck');
  });

  it('names every capture kind', () => {
    expect(CAPTURE_KIND_NAMES).toEqual({
      slides: 'Slide deck',
      session: 'Talk',
      video: 'Talk video',
      page: 'Page',
    });
  });

  it('lists, as the sites read without asking, the platforms of exactly the manifest’s known hosts', () => {
    // Each known host pattern and the platform it serves, written by hand.
    const platformOfHost: Record<string, string> = {
      'https://speakerdeck.com/*': 'speakerdeck',
      'https://www.slideshare.net/*': 'slideshare',
      'https://*.slideshare.net/*': 'slideshare',
      'https://docs.google.com/presentation/*': 'google-slides',
      'https://sched.com/*': 'sched',
      'https://*.sched.com/*': 'sched',
      'https://sessionize.com/*': 'sessionize',
      'https://pretalx.com/*': 'pretalx',
      'https://indico.cern.ch/*': 'indico',
      'https://fosdem.org/*': 'fosdem',
      'https://www.youtube.com/*': 'youtube',
      'https://www.youtube-nocookie.com/*': 'youtube',
      'https://vimeo.com/*': 'vimeo',
      'https://player.vimeo.com/*': 'vimeo',
    };
    expect([...KNOWN_HOST_MATCHES].sort()).toEqual(Object.keys(platformOfHost).sort());
    expect(new Set(KNOWN_HOST_PLATFORMS)).toEqual(new Set(Object.values(platformOfHost)));
    expect(platformNames(KNOWN_HOST_PLATFORMS)).toBe(
      'Speaker Deck, SlideShare, Google Slides, sched, Sessionize, pretalx, Indico, FOSDEM, YouTube, Vimeo',
    );
  });
});
