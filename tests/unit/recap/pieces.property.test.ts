/**
 * The template's output read as pieces (recap/pieces.ts) against the one string they make: every
 * slice, search and line is what `join()` then `slice`, `includes` and `split('\n')` give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pieces } from '../../../recap/pieces';

const piece = fc.oneof(
  fc.constantFrom('', '\n', '\n\n', ']', ':', ']:', '\r', 'Then a paragraph.', 'a\nb', '日本語\n'),
  fc.string({ maxLength: 6 }),
);
const pieces = fc.array(piece, { maxLength: 12 });

describe('output read as pieces', () => {
  it('slices as the joined text does, and splits a slice into its first piece and the rest', () => {
    fc.assert(
      fc.property(
        pieces,
        fc.integer({ min: -2, max: 60 }),
        fc.integer({ min: -2, max: 60 }),
        (list, a, b) => {
          const whole = list.join('');
          const p = new Pieces(list);
          expect(p.length).toBe(whole.length);
          expect(p.join()).toBe(whole);
          const expected = whole.slice(Math.max(0, a), Math.max(0, b));
          expect(p.slice(a, b)).toBe(a < b ? expected : '');
          const [first, rest] = p.split(a, b);
          expect(first + rest).toBe(a < b ? expected : '');
          // The first string never reaches past the piece the slice starts in.
          if (first && rest) expect(list.some((x) => x.endsWith(first))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds what the joined text holds, across the seams too', () => {
    fc.assert(
      fc.property(pieces, fc.constantFrom(']:', '\r', '\uFEFF', 'ab', 'a\nb', ':'), (list, needle) => {
        expect(new Pieces(list).includes(needle)).toBe(list.join('').includes(needle));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the lines of the joined text with their offsets, and stops when asked', () => {
    fc.assert(
      fc.property(pieces, fc.nat({ max: 8 }), (list, stopAt) => {
        const whole = list.join('');
        const expected: [number, string][] = [];
        let at = 0;
        for (const line of whole.split('\n')) {
          expected.push([at, line]);
          at += line.length + 1;
        }
        // `split` gives an empty last line after a final newline (and for empty text): not a line.
        if (expected.length && expected[expected.length - 1]![0] >= whole.length) expected.pop();
        const seen: [number, string][] = [];
        new Pieces(list).eachLine((lineAt, line) => {
          seen.push([lineAt, line]);
          return seen.length <= stopAt;
        });
        expect(seen).toEqual(expected.slice(0, stopAt + 1));
      }),
      { numRuns: 3000 },
    );
  });
});
