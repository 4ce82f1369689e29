/** Every capture adapter has a name a user can read, and the names are the projects' own spellings. */
import { describe, expect, it } from 'vitest';
import { EXPERIMENTAL_ADAPTERS } from '../../../capture/experimental';
import { pageAdapter } from '../../../capture/metadata/page';
import { CAPTURE_KIND_NAMES, PLATFORM_NAMES, platformName } from '../../../capture/platform-names';
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
});
