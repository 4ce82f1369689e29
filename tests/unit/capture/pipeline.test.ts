// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../capture';
import type { CaptureAdapter } from '../../../capture/types';

describe('capturePage', () => {
  it('gives every page at least a page capture with its canonical URL and the title the tab shows', () => {
    document.head.innerHTML = '<title>Doc title | Site</title><meta property="og:title" content="OG title">';
    expect(capturePage(document, 'https://e.org/p?utm_source=x#a', [])).toEqual({
      url: 'https://e.org/p',
      title: 'Doc title | Site', // DESIGN §4: the document title exactly as the tab shows it
      kind: 'page',
      platform: 'page',
    });
  });

  it('names a page without a <title> by its Open Graph title', () => {
    document.head.innerHTML = '<meta property="og:title" content="OG title">';
    expect(capturePage(document, 'https://e.org/p', []).title).toBe('OG title');
  });

  it('skips an adapter that throws and never throws itself', () => {
    const throwing: CaptureAdapter = {
      id: 'boom',
      matches: () => true,
      capture: () => {
        throw new Error('page broke us');
      },
    };
    const working: CaptureAdapter = {
      id: 'ok',
      matches: () => true,
      capture: () => ({ kind: 'slides', platform: 'ok' }),
    };
    document.head.innerHTML = '<title>Deck</title>';
    expect(capturePage(document, 'https://e.org/d', [throwing, working])).toEqual({
      url: 'https://e.org/d',
      title: 'Deck',
      kind: 'slides',
      platform: 'ok',
    });
    // Only a throwing adapter: the page capture every page gets; a garbage URL is kept as given.
    expect(capturePage(document, 'https://e.org/d', [throwing])).toEqual({
      url: 'https://e.org/d',
      title: 'Deck',
      kind: 'page',
      platform: 'page',
    });
    expect(capturePage(document, 'not a url', [throwing])).toMatchObject({
      url: 'not a url',
      kind: 'page',
      platform: 'page',
    });
  });

  it('treats markup in the title as text', () => {
    document.head.innerHTML = '<title>&lt;img src=x onerror=alert(1)&gt;   Talk</title>';
    expect(capturePage(document, 'https://e.org/', []).title).toBe('<img src=x onerror=alert(1)> Talk');
  });
});
