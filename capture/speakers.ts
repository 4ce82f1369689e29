/**
 * Speaker names as pages write them: "A, B and C", "A & B", "A; B", names with stray markup or an
 * affiliation in brackets. The result is plain text, de-duplicated, bounded.
 */
import { cleanText } from './text';
import type { Speaker } from './types';
import { safeHttpUrl } from './url';

export const MAX_SPEAKERS = 50;
const MAX_NAME = 200;

/** Drops anything tag-like a page left in a name ("<b>Ada</b>" → "Ada") and collapses white space. */
export function cleanName(raw: string | null | undefined): string {
  if (!raw) return '';
  if (SIMPLE_NAME.test(raw)) return raw; // the common case, without the regex passes below
  const text = raw
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? ' ')
    .replace(/\p{Cc}|\p{Cf}/gu, ' '); // control and bidi-format characters
  return cleanText(text, MAX_NAME).replace(/^[\s,;:&·•|–—-]+|[\s,;:&·•|–—-]+$/g, '');
}

/** A name that needs no cleaning: letters, digits, inner single spaces and name punctuation only. */
const SIMPLE_NAME = /^[\p{L}\p{M}\p{N}.'’()-]+(?: [\p{L}\p{M}\p{N}.'’()-]+)*$/u;

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': ' ',
  '&gt;': ' ',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Words that join the last two names of a list, in the languages conference pages use most. */
const JOINERS = /\s+(?:and|und|et|y|e|en|och|og|i|и)\s+/i;
/** "and Alan" after an Oxford comma. */
const LEADING_JOINER = /^\s*(?:and|und|et|y|e|en|och|og|i|и)\s+/i;
/** Suffixes that follow a comma but belong to the name before it. */
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv|phd|ph\.d\.|md|m\.d\.)$/i;

/** Splits "A, B and C" / "A & B" / "A; B" / "A, B, and C" into names. */
export function splitSpeakers(raw: string | null | undefined): string[] {
  const text = cleanName(raw);
  if (!text) return [];
  const pieces: string[] = [];
  for (const chunk of text.split(/\s*[;|]\s*|\s+&\s+|\s*\/\s+|\s*,\s*/)) {
    for (const part of chunk.split(JOINERS)) {
      const name = cleanName(part.replace(LEADING_JOINER, ''));
      if (!name) continue;
      const last = pieces.length - 1;
      if (SUFFIX.test(name) && last >= 0) pieces[last] = `${pieces[last]}, ${name}`;
      else pieces.push(name);
    }
  }
  return pieces;
}

/** Cleans, de-duplicates (case-insensitive) and bounds a speaker list; urls become http(s) or nothing. */
export function cleanSpeakers(
  list: readonly (Partial<Speaker> | null | undefined)[],
  base?: string,
): Speaker[] {
  const seen = new Set<string>();
  const out: Speaker[] = [];
  for (const item of list) {
    if (out.length >= MAX_SPEAKERS) break;
    const name = cleanName(item?.name);
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    const url = safeHttpUrl(item?.url, base);
    out.push(url ? { name, url } : { name });
  }
  return out;
}

/** Speakers from a free-text byline ("by A, B and C"). */
export function speakersFromText(raw: string | null | undefined): Speaker[] {
  const text = cleanName(raw).replace(/^(?:by|von|par|por|speakers?:|presented by)\s+/i, '');
  return cleanSpeakers(splitSpeakers(text).map((name) => ({ name })));
}
