import { describe, expect, it } from 'vitest';
import { findSessionLink, isSessionUrl } from '../../../../capture/sessions/links';
import { afterCapture } from '../../../../capture/sessions/post';
import { docOf } from './load';

describe('deck → session links', () => {
  it('knows the session URL shapes of pretalx, FOSDEM, Indico and sched', () => {
    expect(isSessionUrl('https://pretalx.com/democon2024/talk/ABC123/')).toBe(true);
    expect(isSessionUrl('https://fosdem.org/2026/schedule/event/rust-for-linux/')).toBe(true);
    expect(isSessionUrl('https://indico.cern.ch/event/1234/contributions/5678/')).toBe(true);
    expect(isSessionUrl('https://kccnc.sched.com/event/1abC/scaling')).toBe(true);
    expect(isSessionUrl('https://example.com/blog/talk/')).toBe(false);
    expect(isSessionUrl('not a url')).toBe(false);
  });

  it('reports the session page a deck links, only for decks without a talk of their own', () => {
    const url = 'https://slides.example/deck/';
    const doc = docOf(
      '<a href="/about">About</a><p>Given at <a href="https://pretalx.com/democon2024/talk/ABC123/?utm_source=deck">DemoCon</a></p>',
      url,
    );
    expect(findSessionLink(doc, url)).toBe('https://pretalx.com/democon2024/talk/ABC123/');
    const deck = {
      url,
      title: 'Deck',
      kind: 'slides' as const,
      platform: 'reveal',
      deck: { title: 'Deck', url },
    };
    expect(afterCapture(deck, doc, new URL(url)).sessionUrl).toBe(
      'https://pretalx.com/democon2024/talk/ABC123/',
    );
    const page = { url, title: 'Page', kind: 'page' as const, platform: 'page' };
    expect(afterCapture(page, doc, new URL(url)).sessionUrl).toBeUndefined();
  });
});
