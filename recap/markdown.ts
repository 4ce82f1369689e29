/**
 * Markdown that stays valid whatever the user typed. Two kinds of values reach a recap:
 * plain text (titles, names, rooms, tags), escaped so it reads as itself, and Markdown the user
 * wrote (note bodies, intro, outro), kept as Markdown but never allowed to inject raw HTML or to
 * break out of the block the template put it in. Proven by parsing the output back
 * (`tests/unit/recap/markdown.property.test.ts`).
 */
import { splitCode } from './code-spans';

/** Characters that mean something inline wherever they stand (`<` is handled apart). */
const INLINE_SPECIAL = /[\\`*_[\]>|~]/g;

/** Unpaired UTF-16 surrogates: they cannot be encoded, and some parsers reject them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Control characters other than tab and newline, and NUL: replaced, as CommonMark does with NUL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Makes text safe to encode: no lone surrogates, no control characters, `\n` line endings. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '\uFFFD');
}

/** True when text reads as something: not only whitespace and control characters. */
export function hasText(text: string | undefined): text is string {
  return !!text && cleanText(text).trim() !== '';
}

/**
 * Answers for short texts and for blocks, remembered: a compose escapes the same titles, names, tags
 * and abstracts again each time (a few hundred, thirteen replaces each). Bounded (at most 2.5 MB of
 * short texts, 200 blocks of up to 16 KB): the oldest are forgotten first.
 */
function remembered(
  memo: Map<string, string>,
  max: number,
  text: string,
  make: (text: string) => string,
): string {
  let out = memo.get(text);
  if (out === undefined) {
    out = make(text);
    if (memo.size >= max) memo.delete(memo.keys().next().value as string);
    memo.set(text, out);
  }
  return out;
}

const escapedShort = new Map<string, string>();

/** Forgets what was remembered (for a cold measure, and tests). */
export function clearMarkdownMemo(): void {
  escapedShort.clear();
  blocks.clear();
}

/**
 * Escapes plain text for any inline position of a Markdown document, on one line: in a heading,
 * a list item, link text or a table-free paragraph it reads exactly as typed.
 */
export function escapeMarkdown(text: string): string {
  return text.length <= 256 ? remembered(escapedShort, 5_000, text, escapeText) : escapeText(text);
}

function escapeText(text: string): string {
  return (
    cleanText(text)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(INLINE_SPECIAL, '\\$&')
      // `&copy;` would become ©; a lone `&` is fine.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // An entity, not a backslash: a GFM autolink literal just before it would swallow a backslash.
      .replace(/</g, '&lt;')
      // A `#` at the start opens a heading; after a space it may close one.
      .replace(/(^|\s)#/g, '$1\\#')
      // Keep GFM's tokenizer from starting an autolink literal, which would swallow the backslash
      // escapes after it; GitHub may still link the URL, showing it exactly as typed.
      .replace(/(https?|ftp)(?=:\/\/)/gi, '$1\\')
      .replace(/(www)\./gi, '$1\\.')
      .replace(/([\w.+-])@(?=[\w-])/g, '$1\\@')
      // At the start of a line these open a list, a quote or a heading underline.
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d{1,9})([.)])/, '$1\\$2')
  );
}

/** An autolink worth keeping: `<https://…>`, `<mailto:…>` or `<someone@example.org>`. */
const SAFE_AUTOLINK =
  /^<(?:(?:https?|mailto):[^\s<>]*|[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>/i;

/**
 * Turns every `<` that would open raw HTML (a tag, comment, declaration or instruction) into
 * `&lt;`. Not `\<`: a GFM autolink literal just before it would swallow the backslash. A `\<` the
 * user typed becomes `&lt;` too, so it still reads as `<`.
 */
function neutraliseHtml(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(/(\\*)<(?=[A-Za-z/!?])/g, (m: string, slashes: string, at: number) => {
    const escaped = slashes.length % 2 === 1;
    if (!escaped && SAFE_AUTOLINK.test(text.slice(at + slashes.length, at + slashes.length + 2048))) return m;
    return `${escaped ? slashes.slice(1) : slashes}&lt;`;
  });
}

/** Escapes what would open a block (heading, list, quote, fence, rule, table, definition) at a line start. */
function neutraliseLineStart(line: string): string {
  if (!/^[-*_=#>+`~[0-9|]/.test(line) && !line.includes('|')) return line;
  if (/^([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) return `\\${line}`; // thematic break
  if (/^(?:=+|-+)[ \t]*$/.test(line)) return `\\${line}`; // setext underline
  if (/^#{1,6}(?:[ \t]|$)/.test(line)) return `\\${line}`;
  // A backtick fence opener has no backtick after it (else it is a code span, left alone).
  if (/^(?:>|[-+*](?:[ \t]|$)|`{3,}[^`]*$|~{3,})/.test(line)) return `\\${line}`;
  if (/^\[[^\]]*\]:/.test(line)) return `\\${line}`; // link or footnote definition
  const ordered = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1]!.length)}`;
  if (line.includes('|') && /^[|:\-\s]+$/.test(line) && line.includes('-')) {
    return line.replace(/\|/g, '\\|'); // GFM table delimiter row
  }
  return line;
}

/**
 * Joins code-span-aware segments back into text, applying `prose` to the parts outside code.
 * Code spans keep their content; their line endings become spaces (as CommonMark reads them).
 */
function mapProse(markdown: string, prose: (text: string) => string): string {
  return splitCode(markdown)
    .map((s) => (s.code ? s.text.replace(/\n/g, ' ') : prose(s.text)))
    .join('');
}

/**
 * Keeps a note body as Markdown for one inline position (a list item, a quote, a table-free
 * paragraph): emphasis, code and links survive; raw HTML and anything that would open a block
 * are escaped; line breaks become hard breaks inside the same paragraph.
 */
export function markdownInline(markdown: string): string {
  const text = mapProse(cleanText(markdown), neutraliseHtml);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map(neutraliseLineStart);
  return lines
    .map((line, i) => {
      if (i === lines.length - 1) return closeTrailingBackslash(line);
      // An odd run of trailing backslashes already makes a hard break.
      return /(?:^|[^\\])(?:\\\\)*\\$/.test(line) ? line : `${line}\\`;
    })
    .join('\n');
}

/** A final unescaped backslash would escape whatever the template writes next. */
function closeTrailingBackslash(line: string): string {
  return /(?:^|[^\\])(?:\\\\)*\\$/.test(line) ? `${line}\\` : line;
}

/** A line that opens (or closes) a fenced code block, as `tidyMarkdown` reads it. */
export const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Keeps user Markdown (intro, outro, abstract) as blocks: raw HTML is escaped outside code, an
 * unclosed fence is closed, so nothing the user typed can swallow or restyle what follows it.
 */
export function markdownBlock(markdown: string): string {
  return markdown.length <= 8_192 ? remembered(blocks, 200, markdown, block) : block(markdown);
}

const blocks = new Map<string, string>();

function block(markdown: string): string {
  const lines = cleanText(markdown).replace(/\s+$/, '').split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  let prose: string[] = [];
  const flush = () => {
    if (prose.length) out.push(...mapProse(prose.join('\n'), neutraliseHtml).split('\n'));
    prose = [];
  };
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (fence) {
      out.push(line);
      if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length && !line.slice(m[0].length).trim()) {
        fence = null;
      }
      continue;
    }
    if (m?.[1] && !(m[1][0] === '`' && line.slice(m[0].length).includes('`'))) {
      flush();
      fence = m[1];
      out.push(line);
      continue;
    }
    prose.push(line);
  }
  flush();
  if (fence) out.push(fence);
  const text = out.join('\n').replace(/^\n+/, '');
  return closeTrailingBackslash(text);
}

/**
 * A URL safe to put in a Markdown link destination `(…)`: http(s) only (no `javascript:`),
 * with the characters that would end or confuse the destination percent-encoded. `''` when unsafe.
 */
export function safeUrl(raw: string | undefined | null): string {
  if (!raw) return '';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  return url.href.replace(
    /[()<>\\\s`'"]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** What tidying carries from one line to the next (recap/post-parts.ts tidies a post in parts). */
export interface TidyState {
  /** The fence of the code block open, if any. */
  fence: string | null;
  /** Blank lines just read. */
  blank: number;
  /** A line was written: blank lines before the first one are dropped. */
  started: boolean;
}

/** `tidyMarkdown`'s pass over lines, from `state` on: writes to `out` and leaves the state after them. */
export function tidyLines(lines: readonly string[], state: TidyState, out: string[]): void {
  let { fence, blank, started } = state;
  for (const raw of lines) {
    const m = FENCE.exec(raw);
    if (fence) {
      out.push(raw);
      started = true;
      if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
      continue;
    }
    if (m?.[1]) fence = m[1];
    // Checked by hand first: a regular expression anchored at the end scans every long line.
    const end = raw.charCodeAt(raw.length - 1);
    const line =
      end === 32 || end === 9 ? raw.replace(/[ \t]+$/, (s) => (s.length >= 2 && raw.trim() ? s : '')) : raw;
    // `\S` is what `trim` keeps (white space and line terminators): true at the first visible character.
    if (!/\S/.test(line)) {
      blank++;
      if (blank > 1 || !started) continue;
      out.push('');
      continue;
    }
    blank = 0;
    out.push(line);
    started = true;
  }
  state.fence = fence;
  state.blank = blank;
  state.started = started;
}

/**
 * Tidies rendered Markdown: no runs of blank lines (outside fenced code), no trailing spaces
 * on blank lines, exactly one final newline.
 */
export function tidyMarkdown(markdown: string): string {
  const out: string[] = [];
  tidyLines(markdown.split('\n'), { fence: null, blank: 0, started: false }, out);
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
