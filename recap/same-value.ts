/**
 * Structural equality for what composing remembers between runs: the render worker gets a fresh
 * structured clone of the input each time, so "unchanged" has to be compared by value. Primitives
 * compare with `Object.is`, arrays and plain objects field by field (own enumerable keys, in any
 * order), functions and other objects by identity. Equal strings that are different copies cost a
 * memory compare, far less than hashing or serializing them. It runs on every note of every compose.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  // Object.is, without its call: equal and not zero, or zeros of the same sign, or both NaN.
  if (a === b) return a !== 0 || 1 / (a as number) === 1 / (b as number);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !plain(a) || !plain(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // for…in, counting: no array of keys made per object (Object.keys made two per note, a quarter of
  // a megabyte per compose for the young generation to collect), and ~20 % faster on a note. Plain
  // objects inherit nothing enumerable; each of x's keys held by y, and as many on each side.
  let count = 0;
  for (const k in x) {
    count++;
    const v = x[k];
    const w = y[k];
    // The common case (an equal string or number) without the call; undefined may be a missing key.
    if (v === w && v !== 0 && v !== undefined) continue;
    if (!Object.hasOwn(y, k) || !sameValue(v, w)) return false;
  }
  for (const _ in y) if (--count < 0) return false;
  return count === 0;
}

/** An object literal (or a structured clone of one): compared field by field; anything else by identity. */
function plain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}
