/**
 * How text becomes search terms, shared by the index (worker) and the highlighter (panel) so a
 * highlighted word is exactly a word the index matched.
 */

/** Splits on spaces, line breaks and punctuation (MiniSearch's own rule, Unicode-aware). */
export const WORD_SPLIT = /[\n\r\p{Z}\p{P}\p{S}]+/u;

/** Words and the separators between them, for highlighting in place. */
const WORD_OR_GAP = /([\n\r\p{Z}\p{P}\p{S}]+)/u;

/** Lower case without accents: `Café` and `cafe` are one term. */
export function normalizeTerm(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The terms of a text, in order (empty strings dropped). */
export function tokenize(text: string): string[] {
  return text.split(WORD_SPLIT).filter(Boolean);
}

/** Index-side term processing: normalised, and too-long "words" (hashes, base64) skipped. */
export function processTerm(term: string): string | null {
  if (!term || term.length > 40) return null;
  return normalizeTerm(term);
}

export interface Segment {
  text: string;
  /** True when this piece is a word that matched. */
  hit: boolean;
}

/**
 * Cuts `text` into words and gaps and marks the words that match `terms` (normalised index
 * terms): equal, or starting with a query prefix in `prefixes`.
 */
export function segmentText(
  text: string,
  terms: ReadonlySet<string>,
  prefixes: readonly string[] = [],
): Segment[] {
  const out: Segment[] = [];
  for (const part of text.split(WORD_OR_GAP)) {
    if (!part) continue;
    const term = WORD_SPLIT.test(part) ? '' : normalizeTerm(part);
    const hit = term !== '' && (terms.has(term) || prefixes.some((p) => p && term.startsWith(p)));
    const last = out.at(-1);
    if (last && last.hit === hit && !hit) last.text += part;
    else out.push({ text: part, hit });
  }
  return out;
}

/**
 * A window of about `max` characters around the first match, on word boundaries, with `…` where
 * text was cut. Short texts come back whole.
 */
export function snippet(
  text: string,
  terms: ReadonlySet<string>,
  prefixes: readonly string[] = [],
  max = 160,
): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let first = -1;
  let pos = 0;
  for (const part of flat.split(WORD_OR_GAP)) {
    if (part && !WORD_SPLIT.test(part)) {
      const term = normalizeTerm(part);
      if (terms.has(term) || prefixes.some((p) => p && term.startsWith(p))) {
        first = pos;
        break;
      }
    }
    pos += part.length;
  }
  if (first < 0) return `${flat.slice(0, max).replace(/\s+\S*$/, '')}…`;
  let start = Math.max(0, first - Math.floor(max / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + max);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > first ? space : end;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
