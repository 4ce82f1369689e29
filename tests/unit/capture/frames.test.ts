// @vitest-environment jsdom
/**
 * Frame reports as the background hands them to the top frame (capture/frames.ts): parsed like any
 * page data, then matched to the frame elements of the page by frame id or by address.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FrameReport, locateFrames, parseFrameReports } from '../../../capture/frames';

const capture = {
  url: 'https://speakerdeck.com/a/deck',
  title: 'Deck',
  kind: 'slides',
  platform: 'speakerdeck',
};
const PLAYER = 'https://speakerdeck.com/player/1910ac12';
const report = (over: Partial<FrameReport> = {}): FrameReport =>
  ({ frameId: 7, url: PLAYER, capture, at: 100, ...over }) as FrameReport;

describe('parseFrameReports', () => {
  it('keeps well-formed reports, each capture as the schema outputs it', () => {
    const raw = [
      { ...report(), capture: { ...capture, slide: { index: 4, label: '5', imageUrl: 'javascript:x' } } },
    ];
    expect(parseFrameReports(raw)).toEqual([
      { ...report(), capture: { ...capture, slide: { index: 4, label: '5' } } },
    ]);
  });

  it('drops what is not a report', () => {
    expect(parseFrameReports(undefined)).toEqual([]);
    expect(parseFrameReports({ 0: report() })).toEqual([]);
    const bad = [
      null,
      'x',
      { ...report(), frameId: 0 }, // the top frame is not one of its frames
      { ...report(), frameId: -3 },
      { ...report(), frameId: 1.5 },
      { ...report(), url: 42 },
      { ...report(), url: 'x'.repeat(5000) },
      { ...report(), at: Number.NaN },
      { ...report(), capture: { ...capture, kind: 'evil' } },
      { ...report(), capture: { ...capture, video: { currentTime: Number.NaN } } },
    ];
    expect(parseFrameReports([...bad, report({ frameId: 9 })])).toEqual([report({ frameId: 9 })]);
  });

  it('keeps at most 16 reports', () => {
    const many = Array.from({ length: 40 }, (_, i) => report({ frameId: i + 1 }));
    expect(parseFrameReports(many)).toHaveLength(16);
  });
});

describe('locateFrames', () => {
  let frames: HTMLIFrameElement[] = [];
  const addFrame = (src: string) => {
    const el = document.createElement('iframe');
    el.setAttribute('src', src);
    document.body.append(el);
    frames.push(el);
    return el;
  };
  beforeEach(() => {
    frames = [];
  });
  afterEach(() => {
    for (const f of frames) f.remove();
  });

  it('finds a frame by its address, whatever its scheme or fragment now', () => {
    const el = addFrame('//speakerdeck.com/player/1910ac12#slide=1');
    expect(locateFrames(document, [report({ url: `${PLAYER}#slide=9` })])).toEqual([
      { capture, frame: el, at: 100 },
    ]);
    expect(locateFrames(document, [report({ url: 'http://speakerdeck.com/player/1910ac12' })])).toHaveLength(
      1,
    );
  });

  it('leaves out reports of no frame of this page, and frames that are gone', () => {
    const el = addFrame('https://www.youtube.com/embed/abcdefgh');
    expect(locateFrames(document, [report()])).toEqual([]); // another address
    expect(locateFrames(document, [report({ url: 'https://www.youtube.com/embed/abcdefgh?x=1' })])).toEqual(
      [],
    );
    el.remove();
    expect(locateFrames(document, [report({ url: 'https://www.youtube.com/embed/abcdefgh' })])).toEqual([]);
  });

  it('finds frames by frame id where the browser tells it, newest report last', () => {
    const a = addFrame('https://a.example/embed');
    const b = addFrame('https://b.example/embed');
    const ids = new Map<Element, number>([
      [a, 11],
      [b, 12],
    ]);
    const found = locateFrames(
      document,
      [
        report({ frameId: 12, url: 'https://moved.example/', at: 300 }),
        report({ frameId: 11, url: 'x', at: 200 }),
      ],
      (el) => ids.get(el),
    );
    expect(found.map((r) => [r.frame, r.at])).toEqual([
      [a, 200],
      [b, 300],
    ]);
  });

  it('gives one element to one report: two embeds of one player are two frames', () => {
    const first = addFrame(PLAYER);
    const second = addFrame(PLAYER);
    const found = locateFrames(document, [report({ frameId: 3, at: 1 }), report({ frameId: 4, at: 2 })]);
    expect(found.map((r) => r.frame)).toEqual([second, first]);
  });
});
