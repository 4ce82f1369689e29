// @vitest-environment jsdom
/**
 * "Show my notes on this page" (issue 16, item 5): quotes re-anchored in a page's text (exact, fuzzy,
 * disambiguated by their context, or not at all), offsets mapped back to DOM ranges across
 * elements and squashed white space, and the layer's closed shadow root taken out cleanly.
 * Expected offsets and texts are counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { createHighlightLayer } from '../../../capture/highlights/layer';
import { matchQuote } from '../../../capture/highlights/match-quote';
import { textMap } from '../../../capture/highlights/text-map';

const TEXT =
  'Clocks drift. Lamport clocks order events without wall time. Hybrid clocks add wall time back. ' +
  'Clocks drift, and so do we.';

describe('matchQuote', () => {
  it('finds an exact quote where it is', () => {
    const m = matchQuote(TEXT, 'Hybrid clocks add wall time back.');
    expect(m).toMatchObject({ start: 61, end: 94 });
    expect(m?.score).toBeCloseTo(1, 5);
  });

  it('finds a slightly edited quote (two errors in 45 characters)', () => {
    const m = matchQuote(TEXT, 'Lamport clocks orders events without wall-time.');
    expect(m).not.toBeNull();
    expect(TEXT.slice(m!.start, m!.end)).toMatch(/^Lamport clocks order events without wall time\.?$/);
  });

  it('picks the occurrence whose context matches', () => {
    // "Clocks drift" is at 0 and at 95; the suffix names the second.
    expect(matchQuote(TEXT, 'Clocks drift', { suffix: ', and so do we.' })?.start).toBe(95);
    expect(matchQuote(TEXT, 'Clocks drift', { suffix: '. Lamport clocks' })?.start).toBe(0);
  });

  it('gives up on a quote that is no longer there', () => {
    expect(matchQuote(TEXT, 'Vector clocks grow with the number of nodes.')).toBeNull();
    expect(matchQuote(TEXT, '')).toBeNull();
  });
});

describe('textMap', () => {
  it('squashes white space as quotes are stored, skips scripts, and maps back across elements', () => {
    document.body.innerHTML =
      '<p>Clocks   <b>drift</b>.</p>\n  <script>var x = "drift";</script><p>Lamport\n clocks.</p>';
    const map = textMap(document.body);
    expect(map.text).toBe('Clocks drift. Lamport clocks.');
    expect(map.range(7, 12)?.toString()).toBe('drift'); // inside <b>
    expect(map.range(14, 28)?.toString()).toBe('Lamport\n clocks'); // the white space as the page has it
    expect(map.range(5, 5)).toBeNull();
  });
});

describe('the layer', () => {
  it('draws in one element with a closed shadow root, answers orphans, and leaves nothing when cleared', () => {
    document.body.innerHTML = `<article><p>${TEXT}</p></article>`;
    const before = document.documentElement.outerHTML;
    const layer = createHighlightLayer(window, () => undefined);
    const answer = layer.show({
      quotes: [
        { id: 'a', exact: 'Hybrid clocks add wall time back.' },
        { id: 'b', exact: 'Vector clocks grow with the number of nodes.' },
      ],
      slides: [],
    });
    expect(answer).toEqual({ placed: ['a'], orphans: ['b'] });
    const hosts = document.getElementsByTagName('talkmarks-notes');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.shadowRoot).toBeNull(); // closed: the page cannot look in
    expect(hosts[0]?.childNodes).toHaveLength(0);
    expect(document.body.innerHTML).toBe(`<article><p>${TEXT}</p></article>`); // the page's nodes untouched
    layer.clear();
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('adds nothing at all when no quote is found and no slide has notes', () => {
    document.body.innerHTML = '<p>Nothing quoted here.</p>';
    const before = document.documentElement.outerHTML;
    const answer = createHighlightLayer(window, () => undefined).show({
      quotes: [{ id: 'x', exact: 'Hybrid clocks add wall time back.' }],
      slides: [],
    });
    expect(answer).toEqual({ placed: [], orphans: ['x'] });
    expect(document.documentElement.outerHTML).toBe(before);
  });
});
