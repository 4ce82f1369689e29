// @vitest-environment jsdom
/**
 * Speaker Deck player on real markup: speakerdeck/player-ctdesign.html, the player DOM a Medium export
 * saved (ctdesign/christaylordesign.com @ 1a90ca77, see the fixture's header). The saved player is in
 * its initial state: no slide carries a "current" marker, so the slide comes from `?slide=N` or
 * `data-start-slide`.
 */
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../../capture';
import { fixtureDoc } from './load';

const player = 'https://speakerdeck.com/player/1910ac12ec6a4e6eb07b38ad85c09631';

describe('Speaker Deck player (saved page)', () => {
  it('names the deck page, its author and all 20 slides; the start slide is the first', () => {
    const c = capturePage(fixtureDoc('speakerdeck/player-ctdesign.html', player), player);
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'speakerdeck',
      deck: {
        title: '1.sam-researching-casework.pdf',
        // The author link has no text (no display name set): the profile path names the user.
        author: 'ctdesign',
        slideCount: 20,
        url: 'https://speakerdeck.com/ctdesign/1-dot-sam-researching-casework',
      },
      slide: {
        index: 0,
        label: '1',
        title: 'Researching ‘casework’ Property boundaries - myth and legend',
        imageUrl:
          'https://files.speakerdeck.com/presentations/1910ac12ec6a4e6eb07b38ad85c09631/slide_0.jpg?10906623',
      },
    });
  });

  it('takes ?slide=N (1-based): text, title cut to 120 characters, and that slide’s image', () => {
    const url = `${player}?slide=8`;
    const c = capturePage(fixtureDoc('speakerdeck/player-ctdesign.html', url), url);
    expect(c.slide).toMatchObject({
      index: 7,
      label: '8',
      imageUrl:
        'https://files.speakerdeck.com/presentations/1910ac12ec6a4e6eb07b38ad85c09631/slide_7.jpg?10906630',
    });
    expect(c.slide?.text).toMatch(
      /^We found 1 issue straight away HM Land Registry can’t tell you who owns a physical/,
    );
    expect(c.slide?.text).toContain('yet it’s a myth that we have the answer or can help');
    expect(c.slide?.title?.length).toBeLessThanOrEqual(120);
  });

  it('is not fooled by the share menu’s "active" buttons or the empty presenter-mode slides', () => {
    const url = `${player}?slide=3`;
    const doc = fixtureDoc('speakerdeck/player-ctdesign.html', url);
    expect(doc.querySelectorAll('.sd-player-share-menu .active').length).toBeGreaterThan(0);
    expect(capturePage(doc, url).slide).toMatchObject({ index: 2, label: '3' });
  });
});
