/**
 * "Show my notes on this page" messages (issue 16, item 5): the tab's receiver takes only
 * well-formed, bounded requests, and the sender takes only a well-formed answer (page data).
 */
import { describe, expect, it } from 'vitest';
import { parseHighlightAnswer, parseHighlightsMessage } from '../../../messaging/highlights';
import { highlightRequest } from '../../../platform/highlights';
import type { NoteRecord } from '../../../storage/types';

describe('highlight requests (extension → tab)', () => {
  it('parses a request to draw and one to clear, dropping unknown keys', () => {
    const draw = {
      type: 'talkmarks:highlights',
      quotes: [{ id: 'n1', exact: 'Clocks drift.', prefix: 'Intro. ', suffix: ' Then', extra: 1 }],
      slides: [{ index: 2, count: 3 }],
    };
    expect(parseHighlightsMessage(draw)).toEqual({
      type: 'talkmarks:highlights',
      quotes: [{ id: 'n1', exact: 'Clocks drift.', prefix: 'Intro. ', suffix: ' Then' }],
      slides: [{ index: 2, count: 3 }],
    });
    expect(parseHighlightsMessage({ type: 'talkmarks:highlights-clear' })).toEqual({
      type: 'talkmarks:highlights-clear',
    });
  });

  it('refuses malformed and unbounded requests, and other messages', () => {
    const ok = { type: 'talkmarks:highlights', quotes: [], slides: [] };
    for (const bad of [
      null,
      'talkmarks:highlights',
      { type: 'talkmarks:capture' },
      { ...ok, quotes: undefined },
      { ...ok, quotes: [{ id: 'n1', exact: '' }] },
      { ...ok, quotes: [{ id: 'n1', exact: 'x'.repeat(5001) }] },
      { ...ok, quotes: [{ id: 'x'.repeat(101), exact: 'a' }] },
      { ...ok, slides: [{ index: -1, count: 1 }] },
      { ...ok, slides: [{ index: 1.5, count: 1 }] },
      { ...ok, slides: [{ index: 1, count: Number.NaN }] },
      { ...ok, quotes: Array.from({ length: 2001 }, (_, i) => ({ id: `n${i}`, exact: 'a' })) },
    ]) {
      expect(parseHighlightsMessage(bad)).toBeNull();
    }
  });

  it('takes an answer only when it is two lists of ids', () => {
    expect(parseHighlightAnswer({ placed: ['a'], orphans: [] })).toEqual({ placed: ['a'], orphans: [] });
    expect(parseHighlightAnswer({ placed: 'a', orphans: [] })).toBeNull();
    expect(parseHighlightAnswer({ placed: [1], orphans: [] })).toBeNull();
    expect(parseHighlightAnswer(undefined)).toBeNull();
  });

  it('asks to draw the quote notes and counts notes per slide', () => {
    const note = (id: string, anchor: NoteRecord['anchor']) =>
      ({ id, anchor, body: 'b', url: 'https://x.example/', tags: [], kind: 'note' }) as unknown as NoteRecord;
    expect(
      highlightRequest([
        note('q', { quote: { exact: 'Clocks drift.', prefix: 'Intro. ' } }),
        note('s1', { slide: { index: 0, label: '1' } }),
        note('s2', { slide: { index: 0, label: '1' } }),
        note('s3', { slide: { index: 4, label: '5' } }),
        note('plain', undefined),
      ]),
    ).toEqual({
      quotes: [{ id: 'q', exact: 'Clocks drift.', prefix: 'Intro. ' }],
      slides: [
        { index: 0, count: 2 },
        { index: 4, count: 1 },
      ],
    });
  });
});
