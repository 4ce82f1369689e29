/** Tag autocompletion: the `#partial` before the caret and the known tags that complete it. */
import { normalizeTag } from '../../storage/tags';

const PARTIAL = /(^|[^\p{L}\p{M}\p{N}_&/#])#([\p{L}\p{M}\p{N}_-]*)$/u;

export interface Partial {
  /** Index of the `#`. */
  start: number;
  /** Typed so far, without `#`. */
  typed: string;
}

/** The hashtag being typed at `caret`, if any. */
export function partialTagAt(text: string, caret: number): Partial | null {
  const m = PARTIAL.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - (m[2]?.length ?? 0) - 1, typed: m[2] ?? '' };
}

/** Up to `max` known tags starting with what was typed (shortest first), not equal to it. */
export function suggestTags(known: readonly string[], typed: string, max = 6): string[] {
  const prefix = normalizeTag(typed) || typed.toLowerCase();
  return known
    .filter((t) => t.startsWith(prefix) && t !== prefix)
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
    .slice(0, max);
}

/** Replaces the partial with the chosen tag; returns the new text and caret. */
export function applyTag(
  text: string,
  caret: number,
  partial: Partial,
  tag: string,
): { text: string; caret: number } {
  const before = text.slice(0, partial.start);
  const after = text.slice(caret);
  const insert = `#${tag}${after.startsWith(' ') ? '' : ' '}`;
  return { text: before + insert + after, caret: before.length + insert.length };
}
