/**
 * recap/same-value.ts against an independent oracle: Node's `util.isDeepStrictEqual`, on the values
 * a structured clone carries between the composer and its worker (JSON-like records with undefined,
 * NaN and -0). The two agree there; they differ only on objects that are not plain (Date, Map…),
 * which sameValue compares by identity, and which records do not hold.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameValue } from '../../../recap/same-value';

const leaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, Number.NaN, 1.5, Number.POSITIVE_INFINITY, true, false, null, undefined),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('any'), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'id', 'body'), tie('any'), {
    maxKeys: 4,
    noNullPrototype: true,
  }),
})).any;

/** A change to a copy of `v` that may or may not leave it equal (the oracle decides). */
const tweak = (v: unknown, k: number): unknown => {
  if (Array.isArray(v)) return k % 2 ? [...v, undefined] : v.slice(0, -1);
  if (v && typeof v === 'object') {
    const o = { ...(v as Record<string, unknown>) };
    if (k % 3 === 0) o.a = undefined;
    else if (k % 3 === 1) delete o.b;
    else o.c = -0;
    return o;
  }
  return k % 2 ? -0 : v;
};

describe('sameValue', () => {
  it('agrees with util.isDeepStrictEqual on two independent values', () => {
    fc.assert(
      fc.property(value, value, (a, b) => sameValue(a, b) === isDeepStrictEqual(a, b)),
      { numRuns: 2000 },
    );
  });

  it('agrees on a structured clone, and on a clone changed a little', () => {
    fc.assert(
      fc.property(value, fc.nat(5), (a, k) => {
        const copy = structuredClone(a);
        expect(sameValue(a, copy)).toBe(true);
        const changed = tweak(structuredClone(a), k);
        expect(sameValue(a, changed)).toBe(isDeepStrictEqual(a, changed));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells a missing key from one holding undefined, and -0 from 0', () => {
    expect(sameValue({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameValue({ a: undefined }, { a: undefined })).toBe(true);
    expect(sameValue({ a: 0 }, { a: -0 })).toBe(false);
    expect(sameValue([Number.NaN], [Number.NaN])).toBe(true);
    expect(sameValue([undefined], [])).toBe(false);
  });
});
