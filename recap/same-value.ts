/**
 * Structural equality for what composing remembers between runs: the render worker gets a fresh
 * structured clone of the input each time, so "unchanged" has to be compared by value. Primitives
 * compare with `Object.is`, arrays and plain objects field by field (own enumerable keys, in any
 * order), functions and other objects by identity. Equal strings that are different copies cost a
 * memory compare, far less than hashing or serializing them. Allocates nothing (it runs on every
 * note of every compose).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !plain(a) || !plain(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k)) continue;
    if (!Object.hasOwn(y, k) || !sameValue(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) keys--;
  return keys === 0;
}

/** An object literal (or a structured clone of one): compared field by field; anything else by identity. */
function plain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}
