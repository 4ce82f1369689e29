// @vitest-environment jsdom
/**
 * Slidev on real markup: slidev/deck.md built by @slidev/cli 52.20.1 (slidev/build.sh) and run in
 * Chromium, at /2 with history routing (slidev/history-2.html) and at #/3 with `routerMode: hash`
 * (slidev/hash-3.html); regenerate with `node tests/fixtures/slides/snapshot.mjs slidev`.
 */
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../../capture';
import { fixtureDoc } from './load';

describe('Slidev (built deck, @slidev/cli 52.20.1)', () => {
  it('history routing: the routed page among its mounted neighbours; the deck is the app, not the slide', () => {
    const url = 'http://127.0.0.1:8000/slidev/2';
    const c = capturePage(fixtureDoc('slidev/history-2.html', url), url);
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'slidev',
      deck: {
        // Slidev's default title template "%s - Slidev" is cut; the headmatter author is JSON-quoted in the page.
        title: 'Replication in practice',
        author: 'Talkmarks fixture',
        url: 'http://127.0.0.1:8000/slidev/',
        slideCount: 4,
      },
      slide: {
        index: 1,
        label: '2',
        title: 'Why replicate?',
        text: 'Why replicate? Availability when a node dies Reads close to users',
      },
    });
  });

  it('hash routing: #/3', () => {
    const url = 'http://127.0.0.1:8000/slidev-hash/#/3';
    const c = capturePage(fixtureDoc('slidev/hash-3.html', url), url);
    expect(c).toMatchObject({
      deck: { title: 'Replication in practice', url: 'http://127.0.0.1:8000/slidev-hash/', slideCount: 4 },
      slide: { index: 2, label: '3', title: 'Quorums' },
    });
    expect(c.slide?.text).toBe('Quorums Write to W nodes, read from R nodes, and keep R + W > N.');
  });

  it('with no slide in the route, the one page Slidev does not hide', () => {
    const url = 'http://127.0.0.1:8000/slidev-hash/';
    const c = capturePage(fixtureDoc('slidev/hash-3.html', url), url);
    expect(c.slide).toMatchObject({ index: 2, label: '3', title: 'Quorums' });
  });

  it('every slide of one deck names the same deck', () => {
    const a = 'http://127.0.0.1:8000/slidev/2';
    const b = 'http://127.0.0.1:8000/slidev/presenter/2';
    const da = capturePage(fixtureDoc('slidev/history-2.html', a), a).deck?.url;
    const db = capturePage(fixtureDoc('slidev/history-2.html', b), b).deck?.url;
    expect(da).toBe('http://127.0.0.1:8000/slidev/');
    expect(db).toBe(da);
  });
});
