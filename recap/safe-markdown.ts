/**
 * The last step of every Markdown export: whatever a template did with the values it was given,
 * the file that leaves Talkmarks has no link to a `javascript:`, `vbscript:` or `data:` address
 * (nor any scheme but http, https and mailto; images may also be the raster `data:` thumbnails
 * the recap embeds) and no raw HTML, unless the template is one the user wrote on this device.
 *
 * Links: one linear scan finds every place CommonMark or GFM could read a link destination — after
 * `](` (an inline link or image), after `]:` (a definition, which reference links use) and right
 * after `<` (an autolink) — and decodes what follows the way a parser and then a browser would
 * (backslash escapes, numeric character references, tabs and line breaks dropped, leading spaces and
 * controls trimmed). It over-approximates (it also looks inside code), never under: a colon that ends a disallowed scheme there becomes `%3A`, which no browser reads as
 * a scheme, and a named character reference where a scheme could start has its `&` escaped.
 *
 * Raw HTML: values are escaped when the model is built (recap/model.ts), but context can still
 * turn escaped text into HTML (the corpus test found a GFM autolink literal swallowing the backtick
 * that opens a code span: "http://x.org`<b>`"), so every template's output gets this pass, the
 * built-ins' too. A cheap test finds every `<` that could open HTML; only then is the Markdown
 * parsed (micromark with GFM, as GitHub reads it) and each HTML node found turned into text. The
 * parse reads only the pieces of the post that hold such a `<`, each once (recap/html-ranges.ts):
 * re-composing after an edit re-reads only the pieces the edit changed.
 */
import { htmlRanges } from './html-ranges';

/** What the last pass changed or kept, for the composer to say so. */
export interface ExportSafety {
  /** Raw HTML nodes left as written (a template the user wrote on this device). */
  htmlKept: number;
  /** Raw HTML nodes turned into text. */
  htmlEscaped: number;
  /** Link destinations whose scheme was not allowed, defused. */
  linksDefused: number;
}

/** Link schemes a post may use. */
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

/** The inline thumbnails: raster images only, written by the recap itself (read at the colon's end). */
const DATA_IMAGE = /image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+(?=[)\s>]|$)/y;

/**
 * True when the `](` at `at` closes an image's alt text: `![` before it on the same line, the `!`
 * not escaped, no unescaped bracket between. (Wrong only towards "not an image", which is stricter.)
 */
function closesImage(md: string, at: number): boolean {
  // Searched backwards on this line only, at most 4000 characters: a `lastIndexOf` from each link
  // walked back through the whole post when it held no image (a third of a large recap's time).
  const floor = Math.max(0, at - 4001);
  let open = -1;
  for (let i = at - 1; i > floor; i--) {
    const c = md.charCodeAt(i);
    if (c === 10) return false;
    if (c === 91 && md.charCodeAt(i - 1) === 33) {
      open = i - 1;
      break;
    }
  }
  if (open < 0 || at - open > 4000) return false;
  if (escapedAt(md, open)) return false;
  for (let i = open + 2; i < at; i++) {
    const c = md[i];
    if (c === '\\') i++;
    else if (c === '[' || c === ']' || c === '\n') return false;
  }
  return true;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const NUMERIC_REF = /^&#(?:([0-9]{1,7})|[xX]([0-9A-Fa-f]{1,6}));/;
const NAMED_REF = /^&[A-Za-z][A-Za-z0-9]{1,31};/;

/** A numeric character reference as a parser decodes it (invalid code points: U+FFFD). */
function decodeNumeric(m: RegExpExecArray): string {
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}

interface Edit {
  at: number;
  length: number;
  text: string;
}

/**
 * Reads a destination from `start` as a browser would receive it and returns the edit that defuses
 * it, or null when it has no scheme or an allowed one.
 */
function defuseDestination(md: string, start: number, image: boolean): Edit | null {
  let scheme = '';
  let leading = true;
  for (let i = start; i < md.length; ) {
    const c = md[i]!;
    // A destination never spans a line end as written (only one from a character reference).
    if (c === '\n' || c === '\r') return null;
    let ch = c;
    let length = 1;
    if (c === '\\' && i + 1 < md.length && ASCII_PUNCT.test(md[i + 1]!)) {
      ch = md[i + 1]!;
      length = 2;
    } else if (c === '&') {
      const rest = md.slice(i, i + 40);
      const numeric = NUMERIC_REF.exec(rest);
      if (numeric) {
        ch = decodeNumeric(numeric);
        length = numeric[0].length;
      } else if (NAMED_REF.test(rest)) {
        // A named reference could stand for a scheme letter, a tab or the colon: make it text.
        return { at: i, length: 1, text: '&amp;' };
      }
    }
    // Browsers drop tabs and line breaks anywhere in a URL, and trim leading spaces and controls.
    if (ch === '\t' || ch === '\n' || ch === '\r' || (leading && ch.charCodeAt(0) <= 0x20)) {
      i += length;
      continue;
    }
    leading = false;
    if (ch === ':') {
      if (!scheme) return null;
      if (LINK_SCHEMES.has(scheme)) return null;
      DATA_IMAGE.lastIndex = i + 1;
      if (scheme === 'data' && image && DATA_IMAGE.test(md)) return null;
      return { at: i, length, text: '%3A' };
    }
    if (/^[A-Za-z]$/.test(ch) || (scheme && /^[0-9+.-]$/.test(ch))) {
      scheme += ch.toLowerCase();
      i += length;
      continue;
    }
    return null;
  }
  return null;
}

/** Skips what may stand between `](` or `]:` and a destination: spaces, one line break and its container marks, `<`. */
function destinationStart(md: string, from: number): number {
  let i = from;
  while (md[i] === ' ' || md[i] === '\t') i++;
  if (md[i] === '\r') i++;
  if (md[i] === '\n') {
    i++;
    while (md[i] === ' ' || md[i] === '\t' || md[i] === '>') i++;
  }
  if (md[i] === '<') i++;
  return i;
}

/** True when the character at `at` follows an odd run of backslashes (is escaped). */
function escapedAt(md: string, at: number): boolean {
  let slashes = 0;
  while (md[at - 1 - slashes] === '\\') slashes++;
  return slashes % 2 === 1;
}

const MARKER = /\]\(|\]:|<(?=[A-Za-z])/g;

/**
 * Defuses every link destination with a scheme other than http, https and mailto (and `data:`
 * raster images after `![…](`). Returns the text and how many were changed.
 */
export function defuseLinks(md: string): { markdown: string; count: number } {
  if (!md.includes(']') && !md.includes('<')) return { markdown: md, count: 0 };
  const edits: Edit[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(md); m; m = MARKER.exec(md)) {
    const after = m.index + m[0].length;
    // `\]` is text: it closes no link text and no label (in code too, where nothing is a link).
    if (m[0] !== '<' && escapedAt(md, m.index)) continue;
    let edit: Edit | null;
    if (m[0] === '<') {
      // An autolink: the scheme is literal (no escapes, no references inside `<…>`).
      const scheme = /^([A-Za-z][A-Za-z0-9+.-]{1,31}):/.exec(md.slice(after, after + 40));
      edit =
        scheme && !LINK_SCHEMES.has(scheme[1]!.toLowerCase())
          ? { at: after + scheme[1]!.length, length: 1, text: '%3A' }
          : null;
    } else {
      const image = m[0] === '](' && closesImage(md, m.index);
      edit = defuseDestination(md, destinationStart(md, after), image);
    }
    if (
      edit &&
      (edits.length === 0 || edit.at >= edits[edits.length - 1]!.at + edits[edits.length - 1]!.length)
    ) {
      edits.push(edit);
    }
  }
  if (!edits.length) return { markdown: md, count: 0 };
  const out: string[] = [];
  let at = 0;
  for (const e of edits) {
    out.push(md.slice(at, e.at), e.text);
    at = e.at + e.length;
  }
  out.push(md.slice(at));
  return { markdown: out.join(''), count: edits.length };
}

/** An autolink a recap may carry (they are not HTML): `<https://…>`, `<mailto:…>`, `<a@b.c>`. */
const SAFE_AUTOLINK =
  /^<(?:(?:https?|mailto):[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/;

/** True when some `<` could open raw HTML (a tag, comment, declaration or instruction). */
export function mayHaveHtml(md: string): boolean {
  const open = /<(?=[A-Za-z/!?])/g;
  for (let m = open.exec(md); m; m = open.exec(md)) {
    if (!SAFE_AUTOLINK.test(md.slice(m.index, m.index + 4096))) return true;
  }
  return false;
}

export { htmlRanges } from './html-ranges';

/** Turns every `<` that could open HTML into `&lt;`: the last resort, which also reaches into code. */
function escapeEveryTag(md: string): string {
  return md.replace(/<(?=[A-Za-z/!?])/g, '&lt;');
}

/**
 * Turns each raw HTML node into text; returns the text, how many nodes there were, and whether the
 * last resort was needed.
 */
function escapeHtml(md: string): { markdown: string; count: number; everyTag: boolean } {
  let count = 0;
  let text = md;
  // Escaping one node can let the parser see another (inside a block that no longer is HTML):
  // parse again until none is left. A few rounds always do; the last resort is exact anyway.
  for (let round = 0; round < 6; round++) {
    const ranges = htmlRanges(text);
    if (!ranges.length) return { markdown: text, count, everyTag: false };
    count += ranges.length;
    // Joined once: a string built by `+=` is a rope the next scan has to flatten.
    const out: string[] = [];
    let at = 0;
    for (const [from, to] of ranges) {
      if (from < at) continue;
      out.push(text.slice(at, from), text.slice(from, to).replace(/</g, '&lt;'));
      at = to;
    }
    out.push(text.slice(at));
    text = out.join('');
  }
  return { markdown: escapeEveryTag(text), count, everyTag: true };
}

export interface SafeMarkdownOptions {
  /** Keep raw HTML as written: only for a template the user wrote on this device. */
  keepHtml?: boolean;
}

/** Makes a finished Markdown export safe to publish (see the top of this file). */
export function safeMarkdown(
  md: string,
  options: SafeMarkdownOptions = {},
): { markdown: string; safety: ExportSafety } {
  const { markdown, safety } = safeMarkdownPart(md, options);
  return { markdown, safety };
}

/**
 * `safeMarkdown`, saying also whether the last resort (every `<` escaped, code included) was
 * taken: a post made safe in parts (recap/post-parts.ts) is exact only when no part needed it.
 */
export function safeMarkdownPart(
  md: string,
  options: SafeMarkdownOptions = {},
): { markdown: string; safety: ExportSafety; everyTag: boolean } {
  const safety: ExportSafety = { htmlKept: 0, htmlEscaped: 0, linksDefused: 0 };
  let text = md;
  let everyTag = false;
  if (mayHaveHtml(text)) {
    if (options.keepHtml) safety.htmlKept = htmlRanges(text).length;
    else {
      const escaped = escapeHtml(text);
      text = escaped.markdown;
      safety.htmlEscaped = escaped.count;
      everyTag = escaped.everyTag;
    }
  }
  const links = defuseLinks(text);
  safety.linksDefused = links.count;
  return { markdown: links.markdown, safety, everyTag };
}
