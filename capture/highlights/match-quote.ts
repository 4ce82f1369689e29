/**
 * Fuzzy re-anchoring of a TextQuoteSelector, as Hypothesis does it (its `match-quote.ts`): exact
 * matches first, else approximate ones (Myers' bit-parallel search, `approx-string-match`) with a
 * bounded number of errors; each candidate is scored on the quote, the text before and after it
 * (prefix/suffix), and its closeness to a position hint, and the best one wins.
 */
import approxSearch from 'approx-string-match';

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0–1: 1 is the quote, prefix and suffix found exactly. */
  score: number;
}

interface Found {
  start: number;
  end: number;
  errors: number;
}

/** Fewest errors tolerated for a quote: a fifth of its length ("edited slightly"), at most 256. */
export const MAX_ERROR_SHARE = 0.2;

function search(text: string, str: string, maxErrors: number): Found[] {
  const exact: Found[] = [];
  for (let at = text.indexOf(str); at !== -1; at = text.indexOf(str, at + 1)) {
    exact.push({ start: at, end: at + str.length, errors: 0 });
    if (exact.length > 1000) break;
  }
  if (exact.length > 0) return exact;
  return approxSearch(text, str, maxErrors);
}

/** How closely `str` is found in `text` (0–1). */
function closeness(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = search(text, str, str.length);
  const best = Math.min(...matches.map((m) => m.errors));
  return Number.isFinite(best) ? 1 - best / str.length : 0;
}

/** The best place for `quote` in `text`, or null when it is not there within the error bound. */
export function matchQuote(
  text: string,
  quote: string,
  context: { prefix?: string; suffix?: string; hint?: number } = {},
): QuoteMatch | null {
  if (quote.length === 0) return null;
  const maxErrors = Math.min(256, Math.floor(quote.length * MAX_ERROR_SHARE));
  const matches = search(text, quote, maxErrors);
  if (matches.length === 0) return null;
  const score = (m: Found): number => {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = context.prefix
      ? closeness(text.slice(Math.max(0, m.start - context.prefix.length), m.start), context.prefix)
      : 1;
    const suffixScore = context.suffix
      ? closeness(text.slice(m.end, m.end + context.suffix.length), context.suffix)
      : 1;
    const posScore =
      typeof context.hint === 'number' ? 1 - Math.abs(m.start - context.hint) / Math.max(1, text.length) : 1;
    return (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
  };
  let best: QuoteMatch | null = null;
  for (const m of matches) {
    const s = score(m);
    if (!best || s > best.score) best = { start: m.start, end: m.end, score: s };
  }
  return best;
}
