/**
 * The values one field of a generic capture was read as (`PageCapture.candidates`), so that "Not
 * right?" can offer the others the page shows and a site hint can re-rank them.
 */
import { cleanText } from '../../text';
import type { CaptureCandidate } from '../../types';
import { stripTags } from '../common';
import { isPlaceholder } from './labels';
import { same } from './layout';

/** Candidates kept per field, at most. */
export const MAX_FIELD_CANDIDATES = 10;

/** A label as the UI quotes it: "Vortragende:" → "Vortragende". */
function labelName(raw: string): string {
  return cleanText(raw, 100)
    .replace(/\s*[:：]\s*$/, '')
    .slice(0, 100);
}

/**
 * The values one field was read as, for `PageCapture.candidates`: the chosen one first, then the
 * others the page shows, each value, source and label once, placeholders ("TBA") never, bounded.
 */
export class FieldCandidates {
  readonly list: CaptureCandidate[] = [];
  constructor(
    private readonly url = false,
    /** Values that are not this field's (checked on every value but the chosen one). */
    private readonly other?: (value: string) => boolean,
  ) {}
  add(raw: string | undefined, source: string | undefined, label?: string): void {
    if (!raw || !source || this.list.length >= MAX_FIELD_CANDIDATES) return;
    const value = this.url
      ? raw
      : cleanText(stripTags(raw), 300)
          .replace(/\s+[|·•–—-]\s*$/, '')
          .trim();
    if (!value || isPlaceholder(value)) return;
    if (this.list.length && this.other?.(value)) return;
    const name = label ? labelName(label) : '';
    const known = this.list.some(
      (c) =>
        (this.url ? c.value === value : same(c.value, value)) &&
        c.source === source &&
        (c.label ?? '') === name,
    );
    if (known) return;
    this.list.push(name ? { value, source, label: name } : { value, source });
  }
}
