/**
 * Prefix expansion for the executor (execute.ts): the words a prefix stands for, capped so that a
 * two- or three-letter prefix never walks the world.
 */
import type { FieldTermData } from './execute-index';

/**
 * Bounds the work of one prefix term. Every word starting with the prefix is kept while the
 * postings of the kept words stay within `postings`; past it, words are dropped most common first
 * (lowest IDF, the least a match can score), then longest first, but the `minTerms` rarest are
 * always kept.
 */
export interface PrefixCap {
  postings: number;
  minTerms: number;
}

export const DEFAULT_PREFIX_CAP: PrefixCap = { postings: 20_000, minTerms: 32 };

/** A word a query term stands for, with its weight. */
export interface Derived {
  term: string;
  data: FieldTermData;
  weight: number;
}

/** Postings of a term over the given fields (documents may count once per field). */
export function postings(data: FieldTermData, fields: number[]): number {
  let n = 0;
  for (const f of fields) n += data.get(f)?.size ?? 0;
  return n;
}

/**
 * The words a prefix expands to, with their weights (MiniSearch's: the prefix weight, fading
 * slowly with the letters added), capped as {@link PrefixCap} says. Returns how many were dropped.
 */
export function expandPrefix(
  terms: Iterable<[string, FieldTermData]>,
  prefix: string,
  fields: number[],
  prefixWeight: number,
  cap: PrefixCap,
  out: Derived[],
): number {
  const found: (Derived & { n: number })[] = [];
  let total = 0;
  for (const [term, data] of terms) {
    const distance = term.length - prefix.length;
    if (!distance) continue; // the exact word is scored as such
    const n = postings(data, fields);
    if (!n) continue;
    total += n;
    found.push({ term, data, weight: (prefixWeight * term.length) / (term.length + 0.3 * distance), n });
  }
  if (total <= cap.postings || found.length <= cap.minTerms) {
    for (const d of found) out.push(d);
    return 0;
  }
  // Rarest first (highest IDF: what a match scores most for), then shortest (highest weight).
  found.sort((a, b) => a.n - b.n || a.term.length - b.term.length || (a.term < b.term ? -1 : 1));
  let kept = 0;
  let used = 0;
  for (const d of found) {
    if (kept >= cap.minTerms && used + d.n > cap.postings) break;
    out.push(d);
    used += d.n;
    kept++;
  }
  return found.length - kept;
}
