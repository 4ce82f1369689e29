/**
 * What the user typed, made safe and structured: words, `#tags` and the last word as a prefix.
 * Any input — regex characters, quotes, emoji, 10,000 characters — gives a query or an empty one,
 * never an error: nothing typed is ever compiled into a pattern.
 */
import { normalizeTag } from '../tags';
import { processTerm, tokenize } from './text';

/** Longer input is cut: no one types more, and each term costs a walk of the index. */
export const MAX_QUERY_CHARS = 256;
export const MAX_TERMS = 8;

export interface ParsedQuery {
  /** Normalised words to find (AND), in order. */
  terms: string[];
  /** Tags written as `#tag`: notes must carry a tag starting with each. */
  tags: string[];
}

/** Parses a search box value. */
export function parseQuery(input: string): ParsedQuery {
  const text = String(input ?? '').slice(0, MAX_QUERY_CHARS);
  const terms: string[] = [];
  const tags: string[] = [];
  for (const token of text.split(/\s+/u)) {
    if (!token) continue;
    if (token.startsWith('#')) {
      const tag = normalizeTag(token);
      if (tag && !tags.includes(tag)) tags.push(tag);
      if (tag) continue;
    }
    for (const word of tokenize(token)) {
      const term = processTerm(word);
      if (term && !terms.includes(term)) terms.push(term);
    }
  }
  return { terms: terms.slice(0, MAX_TERMS), tags: tags.slice(0, MAX_TERMS) };
}

/** True when there is nothing to search for. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.tags.length === 0;
}
