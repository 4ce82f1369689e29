/**
 * Tags: parsed from `#hashtags` in note bodies and normalised the same way wherever they come from.
 * `#GlusterFS` → `glusterfs`. Not a tag: `#123`, `C#`, a URL fragment, anything in code, a heading marker.
 */

/** Letters (any script, with their combining marks), digits, `-` and `_`. */
const TAG_CHAR = /[\p{L}\p{M}\p{N}_-]/u;

/**
 * A `#` that starts a tag: at the start or after a character that cannot end a word or URL,
 * followed by tag characters of which at least one is a letter.
 */
const HASHTAG = /(^|[^\p{L}\p{M}\p{N}_&/#?=.:-])#([\p{L}\p{M}\p{N}_-]+)/gu;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Lower-cases, strips `#`, turns inner spaces into `-`, drops characters a tag cannot hold. */
export function normalizeTag(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    .trim()
    .replace(/^#+/, '')
    .toLowerCase()
    .replace(/\s+/gu, '-')
    .split('')
    .filter((c) => TAG_CHAR.test(c))
    .join('')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return /\p{L}/u.test(cleaned) ? cleaned : '';
}

/** Removes the parts of Markdown where a `#` is never a tag: fenced and inline code, URLs, link targets. */
function proseOnly(markdown: string): string {
  const lines = markdown.split('\n');
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (fence) {
      if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
      continue;
    }
    if (m?.[1]) {
      fence = m[1];
      continue;
    }
    if (/^( {4}|\t)/.test(line)) continue; // indented code block
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/(`+)[^`]*?\1/g, ' ') // inline code spans
    .replace(/<[a-z][a-z0-9+.-]*:[^\s>]*>/gi, ' ') // autolinks
    .replace(/\]\([^)]*\)/g, '] ') // link targets
    .replace(/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>()]+/gi, ' '); // bare URLs
}

/** The normalised tags written as `#hashtags` in a Markdown note body, in first-seen order. */
export function parseTags(body: string): string[] {
  const found = new Set<string>();
  for (const m of proseOnly(body).matchAll(HASHTAG)) {
    const tag = normalizeTag(m[2] ?? '');
    if (tag) found.add(tag);
  }
  return [...found];
}

/** Normalises and de-duplicates tags, keeping first-seen order. */
export function mergeTags(...lists: readonly (readonly string[])[]): string[] {
  const out = new Set<string>();
  for (const list of lists) {
    for (const raw of list) {
      const tag = normalizeTag(raw);
      if (tag) out.add(tag);
    }
  }
  return [...out];
}

/**
 * The `#tags` a note body ends with: each on its own (space before and after) and holding a letter,
 * as a tag does, so "Room #123" keeps its number and "#a#b" stays as written.
 */
const TRAILING_TAGS = /(?:^|\s+)(?:#(?=[\p{L}\p{M}\p{N}_-]*\p{L})[\p{L}\p{M}\p{N}_-]+(?:\s+|$))+$/u;

/**
 * The body without the `#tags` it ends with, for views and recaps that show the tags apart (chips,
 * a "Tagged" line). A body that is nothing but tags comes back empty.
 */
export function withoutTrailingTags(body: string): string {
  return body.replace(TRAILING_TAGS, '');
}
