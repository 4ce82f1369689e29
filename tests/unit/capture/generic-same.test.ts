/**
 * `same` (capture/sessions/generic/layout.ts) answers "equal up to case, accents counting" without
 * making a collator for printable ASCII. Its answer must be the collator's everywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { same } from '../../../capture/sessions/generic/layout';

const collator = new Intl.Collator(undefined, { sensitivity: 'accent' });
const oracle = (a: string, b: string) => collator.compare(a, b) === 0;

describe('same', () => {
  it('is case-blind and accent-sensitive', () => {
    expect(same('Keynote', 'KEYNOTE')).toBe(true);
    expect(same('FOSDEM 2024', 'fosdem 2024')).toBe(true);
    expect(same('resume', 'résumé')).toBe(false);
    expect(same('Résumé', 'RÉSUMÉ')).toBe(true);
    expect(same('Vortrag', 'Vortrage')).toBe(false);
    expect(same('a-b', 'a b')).toBe(false);
  });

  it('agrees with the collator on printable ASCII, and on text beyond it', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...'aAbBzZ09 -_.:!~'.split('')), maxLength: 8 });
    fc.assert(
      fc.property(ascii, ascii, (a, b) => same(a, b) === oracle(a, b)),
      { numRuns: 2000 },
    );
    // Case variants of one string: the fast path must say equal exactly when the collator does.
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), (a) => {
        const b = a.toUpperCase();
        return same(a, b) === oracle(a, b);
      }),
    );
    const wide = fc.string({ unit: fc.constantFrom(...'aAéÉeEßsSüuÜ \u00a0'.split('')), maxLength: 6 });
    fc.assert(
      fc.property(wide, wide, (a, b) => same(a, b) === oracle(a, b)),
      { numRuns: 1000 },
    );
  });
});
