import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../../capture/schema';

const ok = { url: 'https://example.org/deck', title: 'Deck', kind: 'slides', platform: 'reveal' };

describe('parseCapture (messages from content scripts)', () => {
  it('accepts a well-formed capture unchanged', () => {
    const capture = {
      ...ok,
      slide: { index: 2, label: '3', title: 'Why replicate?' },
      deck: { title: 'D', url: ok.url, slideCount: 42 },
    };
    expect(parseCapture(capture)).toEqual(capture);
  });

  it('rejects what is not a capture, without throwing', () => {
    for (const bad of [
      null,
      undefined,
      42,
      'x',
      [],
      {},
      { ...ok, kind: 'evil' },
      { ...ok, slide: { index: -1, label: '1' } },
    ]) {
      expect(parseCapture(bad)).toBeNull();
    }
    const cyclic: Record<string, unknown> = { ...ok };
    cyclic.self = cyclic;
    // Keys the schema does not know are dropped, the cycle with them.
    expect(parseCapture(cyclic)).toEqual(ok);
  });

  it('drops non-http links (javascript:, data:) and keeps the rest', () => {
    const out = parseCapture({
      ...ok,
      talk: {
        title: 'T',
        speakers: [{ name: 'A', url: 'javascript:alert(1)' }],
        slidesUrl: 'data:text/html,x',
        videoUrl: 'https://v.example/1',
      },
    });
    expect(out?.talk?.speakers[0]).toEqual({ name: 'A' });
    expect(out?.talk).not.toHaveProperty('slidesUrl');
    expect(out?.talk?.videoUrl).toBe('https://v.example/1');
  });

  it('caps page-supplied strings', () => {
    const out = parseCapture({
      ...ok,
      title: 'x'.repeat(1_000_000),
      slide: { index: 0, label: '1', text: 'y'.repeat(100_000) },
    });
    expect(out?.title.length).toBe(500);
    expect(out?.slide?.text?.length).toBe(4000);
  });

  it('rejects non-finite numbers', () => {
    expect(parseCapture({ ...ok, video: { currentTime: Number.NaN } })).toBeNull();
    expect(parseCapture({ ...ok, video: { currentTime: Number.POSITIVE_INFINITY } })).toBeNull();
  });
});
