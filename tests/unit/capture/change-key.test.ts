/** The capture module reports a page only when it changed: what counts as a change. */
import { describe, expect, it } from 'vitest';
import { changeKey } from '../../../capture/change-key';
import type { PageCapture } from '../../../capture/types';

const deck: PageCapture = {
  url: 'https://example.org/deck',
  title: 'Deck',
  kind: 'slides',
  platform: 'reveal',
  slide: { index: 3, label: '4', title: 'Why replicate?' },
};
const video: PageCapture = {
  url: 'https://www.youtube.com/watch?v=abc',
  title: 'Talk',
  kind: 'video',
  platform: 'youtube',
  video: { currentTime: 12, duration: 3600 },
};
const at = (currentTime: number, duration = 3600): PageCapture => ({
  ...video,
  video: { currentTime, duration },
});

describe('changeKey', () => {
  it('is the same for the same page and differs when anything shown changes', () => {
    expect(changeKey({ ...deck })).toBe(changeKey(deck));
    expect(changeKey({ ...deck, slide: { index: 4, label: '5' } })).not.toBe(changeKey(deck));
    expect(changeKey({ ...deck, slide: { ...deck.slide!, title: 'Other' } })).not.toBe(changeKey(deck));
    expect(changeKey({ ...deck, title: 'Deck (2)' })).not.toBe(changeKey(deck));
    expect(changeKey({ ...deck, url: 'https://example.org/other' })).not.toBe(changeKey(deck));
    const { slide: _, ...noSlide } = deck;
    expect(changeKey(noSlide)).not.toBe(changeKey(deck));
  });

  it('counts video time in 5-second steps: a playing video is not a stream of changes', () => {
    // 10 ≤ t < 15 is one step; 15 starts the next.
    expect(changeKey(at(10))).toBe(changeKey(at(12)));
    expect(changeKey(at(14.99))).toBe(changeKey(at(10)));
    expect(changeKey(at(15))).not.toBe(changeKey(at(14.99)));
    expect(changeKey(at(9.99))).not.toBe(changeKey(at(10)));
    expect(changeKey(at(0))).toBe(changeKey(at(4.5)));
  });

  it('still sees the rest of a video page change within one step', () => {
    expect(changeKey(at(12, 3601))).not.toBe(changeKey(at(12)));
    expect(changeKey({ ...at(12), title: 'Another talk' })).not.toBe(changeKey(at(12)));
    expect(changeKey({ ...at(12), slide: { index: 0, label: '1' } })).not.toBe(changeKey(at(12)));
  });
});
