// @vitest-environment jsdom
/** The static detector's decision, the frame merge, and each adapter's way back to a slide. */
import { describe, expect, it } from 'vitest';
import { capturePage, gotoTarget } from '../../../../capture';
import { wantsCapture } from '../../../../capture/detector';
import { mergeFrames } from '../../../../capture/frames';
import type { PageCapture } from '../../../../capture/types';
import { fixtureDoc, htmlDoc } from './load';

describe('static detector', () => {
  const blank = htmlDoc('<p>hello</p>', 'https://example.org/');
  it('loads capture on known hosts by URL, elsewhere only where a deck or session marker is', () => {
    expect(wantsCapture({ hostname: 'speakerdeck.com', pathname: '/u/d' }, blank)).toBe(true);
    expect(wantsCapture({ hostname: 'www.youtube.com', pathname: '/watch' }, blank)).toBe(true);
    expect(wantsCapture({ hostname: 'docs.google.com', pathname: '/presentation/d/x/edit' }, blank)).toBe(
      true,
    );
    expect(wantsCapture({ hostname: 'docs.google.com', pathname: '/document/d/x' }, blank)).toBe(false);
    expect(wantsCapture({ hostname: '127.0.0.1', pathname: '/' }, blank)).toBe(false);
    const reveal = fixtureDoc('reveal/demo-2-1.html', 'http://127.0.0.1/demo.html');
    expect(wantsCapture({ hostname: '127.0.0.1', pathname: '/demo.html' }, reveal)).toBe(true);
    const shower = fixtureDoc('shower/source.html', 'http://127.0.0.1/');
    expect(wantsCapture({ hostname: '127.0.0.1', pathname: '/' }, shower)).toBe(true);
  });
});

describe('frame merge', () => {
  const top: PageCapture = {
    url: 'https://conf.example/talk',
    title: 'Talk',
    kind: 'page',
    platform: 'page',
  };
  const child: PageCapture = {
    url: 'https://speakerdeck.com/u/d',
    title: 'Deck',
    kind: 'slides',
    platform: 'speakerdeck',
    deck: { title: 'Deck', url: 'https://speakerdeck.com/u/d' },
    slide: { index: 4, label: '5' },
    slideRect: { x: 0, y: 0, width: 1, height: 0.5 },
  };
  const frame = (left: number, top: number, width: number, height: number) =>
    ({
      getBoundingClientRect: () => ({ left, top, width, height }),
      ownerDocument: document,
      isConnected: true,
    }) as unknown as Element;

  it('takes the embedded deck’s slide and moves its rectangle into the page’s viewport', () => {
    Object.assign(window, { innerWidth: 1000, innerHeight: 1000 });
    const merged = mergeFrames(top, [{ capture: child, frame: frame(100, 200, 500, 400), at: 1 }]);
    expect(merged).toMatchObject({
      url: top.url,
      kind: 'slides',
      platform: 'speakerdeck',
      slide: { index: 4 },
    });
    expect(merged.slideRect).toEqual({ x: 0.1, y: 0.2, width: 0.5, height: 0.2 });
  });
  it('a blog post read from its layout (a talk, no slide of its own) becomes the embed’s deck, keeping the talk', () => {
    Object.assign(window, { innerWidth: 1000, innerHeight: 1000 });
    const post: PageCapture = {
      ...top,
      kind: 'session',
      platform: 'generic',
      talk: { title: 'Scaling etcd', speakers: [{ name: 'Ana Lee' }] },
    };
    expect(mergeFrames(post, [{ capture: child, frame: frame(100, 200, 500, 400), at: 1 }])).toMatchObject({
      url: top.url,
      kind: 'slides',
      platform: 'speakerdeck',
      slide: { index: 4 },
      talk: { title: 'Scaling etcd', speakers: [{ name: 'Ana Lee' }] },
    });
  });
  it('keeps the page’s own slide when it has one from another platform, and skips hidden frames', () => {
    const ownDeck: PageCapture = {
      ...top,
      kind: 'slides',
      platform: 'reveal',
      slide: { index: 0, label: '1' },
    };
    expect(mergeFrames(ownDeck, [{ capture: child, frame: frame(0, 0, 10, 10), at: 1 }])).toBe(ownDeck);
    expect(mergeFrames(top, [{ capture: child, frame: frame(0, 0, 0, 0), at: 1 }])).toBe(top);
  });
});

describe('goto', () => {
  it('reveal: named slides by id, others by #/h/v', () => {
    const url = 'http://127.0.0.1/demo.html#/2/1';
    const doc = fixtureDoc('reveal/demo-2-1.html', url);
    expect(gotoTarget(doc, url, { slide: { index: 2, label: '3.1' } })).toBe(true);
    expect(doc.defaultView?.location.hash).toBe('#/2/0');
    expect(gotoTarget(doc, url, { slide: { index: 0, label: '1' } })).toBe(true);
    expect(doc.defaultView?.location.hash).toBe('#/0');
    const named = 'http://127.0.0.1/demo.html#/fragments';
    const fragments = capturePage(fixtureDoc('reveal/demo-fragments.html', named), named).slide;
    expect(gotoTarget(doc, url, { slide: { index: fragments?.index ?? -1, label: 'x' } })).toBe(true);
    expect(doc.defaultView?.location.hash).toBe('#/fragments');
  });
  it('impress, Marp, Shower: their own links', () => {
    const impress = fixtureDoc('impress/index-big.html', 'http://127.0.0.1/');
    expect(gotoTarget(impress, 'http://127.0.0.1/', { slide: { index: 0, label: 'bored' } })).toBe(true);
    expect(impress.defaultView?.location.hash).toBe('#/bored');
    const marp = fixtureDoc('marp/deck.html', 'http://127.0.0.1/deck.html');
    expect(gotoTarget(marp, 'http://127.0.0.1/deck.html', { slide: { index: 3, label: '4' } })).toBe(true);
    expect(marp.defaultView?.location.hash).toBe('#4');
    const shower = fixtureDoc('shower/source.html', 'http://127.0.0.1/');
    expect(gotoTarget(shower, 'http://127.0.0.1/', { slide: { index: 8, label: 'picture' } })).toBe(true);
    expect(shower.defaultView?.location.hash).toBe('#picture');
  });
  it('a page no adapter can move answers false', () => {
    const doc = htmlDoc('<p>x</p>', 'https://example.org/');
    expect(gotoTarget(doc, 'https://example.org/', { slide: { index: 1, label: '2' } })).toBe(false);
  });
});
