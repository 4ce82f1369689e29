/**
 * Where a Markdown document holds raw HTML (CommonMark + GFM, as micromark reads it), found without
 * parsing the whole document each time. A recap of 1,000 notes is a ~450 KB post; micromark reads
 * it in ~150 ms, and an edit to one note used to pay that again.
 *
 * The document is cut only where the cut provably changes nothing, and only the pieces that hold a
 * `<` that could open HTML are parsed, each one once (a bounded cache, keyed by the piece's text):
 *
 * 1. Blocks: before a line at column 0 (not a space) that follows a blank line, when nothing that
 *    outlives a blank line can be open there. Blank lines end paragraphs, tables, HTML blocks of
 *    types 6–7 and block quotes; a line at column 0 ends indented code and every list item (a new
 *    item of the same list parses as a list of its own, with the same content). What can still be
 *    open is a fenced code block or an HTML block of types 1–5: a piece where any line could open
 *    one (`<`, ``` ``` ``` or `~~~` after any container marks) is never cut after.
 * 2. Lines of a paragraph: a piece whose every line starts with a character that can neither start
 *    nor interrupt another block (a letter, `\`, a code span…) is one paragraph; it is cut after a
 *    line when, read alone, that prefix leaves nothing open for the rest: every backtick in a code
 *    span, every `[` in a link or image, every `<` that could open HTML inside a token. Then no
 *    construct spans the cut, so each side reads the same alone as in the whole.
 * Link reference and footnote definitions make text depend on far-away blocks: a document with
 * `]:` anywhere, or with `\r` or a byte-order mark, is parsed whole, as before.
 *
 * Proven equal to the whole-document parse by tests/unit/recap/html-ranges.property.test.ts (the
 * corpus and generated adversarial Markdown).
 */
import { parse, postprocess, preprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
import { quickClean } from './inline-clean';

export type Range = [number, number];

/** A `<` that could open raw HTML (or an autolink): the only place HTML can start. */
const CANDIDATE = /<[A-Za-z/!?]/;

interface Parsed {
  ranges: Range[];
  /** Read alone, the text leaves no code span, link or HTML open for what follows. */
  clean: boolean;
}

/** Tokens whose characters are settled inside them: no backtick, bracket or `<` in them opens anything. */
const SETTLED = new Set([
  'codeText',
  'htmlText',
  'autolink',
  'characterEscape',
  'resource',
  'labelMarker',
  'literalAutolink',
  'literalAutolinkEmail',
  'literalAutolinkHttp',
  'literalAutolinkWww',
]);

function events(md: string) {
  return postprocess(
    parse({ extensions: [gfm()] })
      .document()
      .write(preprocess()(md, undefined, true)),
  );
}

/** The whole-document parse: the reference the pieces are proven against. */
export function wholeHtmlRanges(md: string): Range[] {
  const ranges: Range[] = [];
  for (const [kind, token] of events(md)) {
    if (kind === 'enter' && (token.type === 'htmlFlow' || token.type === 'htmlText')) {
      ranges.push([token.start.offset, token.end.offset]);
    }
  }
  return ranges;
}

/** Parses one piece: its HTML, and whether it leaves anything open (see the top of this file). */
export function readPiece(md: string): Parsed {
  const ranges: Range[] = [];
  const settled = new Uint8Array(md.length);
  for (const [kind, token] of events(md)) {
    if (kind !== 'enter') continue;
    if (token.type === 'htmlFlow' || token.type === 'htmlText') {
      ranges.push([token.start.offset, token.end.offset]);
    }
    // A label marker is still in the events only when its link or image was made.
    if (SETTLED.has(token.type)) settled.fill(1, token.start.offset, token.end.offset);
  }
  let clean = true;
  for (let i = 0; i < md.length && clean; i++) {
    const c = md.charCodeAt(i);
    const open = c === 96 || c === 91 || (c === 60 && CANDIDATE.test(md.slice(i, i + 2)));
    if (open && !settled[i]) clean = false;
  }
  return { ranges, clean };
}

/** Pieces read before, by text: an edit re-parses only what it changed. Bounded by characters held. */
const cache = new Map<string, Parsed>();
let cachedChars = 0;
const CACHE_CHARS = 4_000_000;

/** A copy of `s` that does not keep the whole document it was cut from alive (V8 slices do). */
function detached(s: string): string {
  if (s.length < 16) return s;
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += 8192) {
    const codes: number[] = [];
    for (let j = i; j < Math.min(s.length, i + 8192); j++) codes.push(s.charCodeAt(j));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

const NOTHING_OPEN: Parsed = { ranges: [], clean: true };

function parsed(md: string): Parsed {
  // No backtick, bracket or `<`: nothing to open, nothing to remember.
  if (!/[`[\]<]/.test(md)) return NOTHING_OPEN;
  const hit = cache.get(md);
  if (hit) {
    cache.delete(md);
    cache.set(md, hit);
    return hit;
  }
  // Proven clean without a parse (no `<` that could open HTML): nothing to read.
  const value = quickClean(md) ? { ranges: [], clean: true } : readPiece(md);
  if (md.length <= CACHE_CHARS / 4) {
    cache.set(detached(md), value);
    cachedChars += md.length;
    for (const [key] of cache) {
      if (cachedChars <= CACHE_CHARS) break;
      cache.delete(key);
      cachedChars -= key.length;
    }
  }
  return value;
}

/** Forgets every piece read (for a cold measure, and tests). */
export function clearHtmlRangesCache(): void {
  cache.clear();
  cachedChars = 0;
}

/** Could this line (after any container marks) open a fenced code block or an HTML block? */
export function mayOpenLongBlock(line: string): boolean {
  const rest = line.replace(/^(?:[ \t>]+|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))*/, '');
  if (rest[0] === '<' || rest.startsWith('~~~')) return true;
  const fence = /^`{3,}/.exec(rest);
  // A backtick fence's info string has no backtick: with one, the line is a code span.
  return fence !== null && !rest.slice(fence[0].length).includes('`');
}

/** A line that neither starts nor interrupts a block at column 0: paragraph text, alone or continued. */
export function plainLine(line: string): boolean {
  const c = line[0];
  if (c === undefined || ' \t#>-+*_=~<|:[\uFEFF'.includes(c)) return false;
  if (c === '`') return !mayOpenLongBlock(line);
  if (c >= '0' && c <= '9') return !/^\d{1,9}[.)]/.test(line);
  return true;
}

const blank = (line: string) => /^[ \t]*$/.test(line);

/** HTML ranges of one block piece: whole, or cut into lines when it is a plain paragraph. */
function blockRanges(md: string, from: number, lines: string[], out: Range[]): void {
  const text = md.slice(from, from + lines.reduce((n, l) => n + l.length + 1, 0));
  if (!CANDIDATE.test(text)) return;
  // A plain paragraph: lines of paragraph text, then only blank lines.
  let end = lines.findIndex(blank);
  if (end < 0) end = lines.length;
  const body = lines.slice(0, end);
  if (body.length < 2 || !lines.slice(end).every(blank) || !body.every(plainLine)) {
    for (const [a, b] of parsed(text).ranges) out.push([from + a, from + b]);
    return;
  }
  // A plain paragraph: cut after every line where the part so far leaves nothing open.
  let start = from;
  let at = from;
  let tries = 0;
  let nextTry = 1;
  for (let i = 0; i < body.length; i++) {
    at += body[i]!.length;
    const last = i === body.length - 1;
    const piece = md.slice(start, at);
    // A part that stays open is tried again after 1, 2, 4… more lines, so a long one costs no more than a few parses.
    tries++;
    if (!last && tries < nextTry) {
      at++;
      continue;
    }
    const read = last && !CANDIDATE.test(piece) ? null : parsed(piece);
    if (last || read!.clean) {
      if (read) for (const [a, b] of read.ranges) out.push([start + a, start + b]);
      start = at + 1;
      tries = 0;
      nextTry = 1;
    } else {
      nextTry = tries * 2;
    }
    at++;
  }
}

/** Source ranges of the raw HTML nodes (blocks and inline) CommonMark + GFM read in `md`. */
export function htmlRanges(md: string): Range[] {
  if (!CANDIDATE.test(md)) return [];
  if (md.includes(']:') || md.includes('\r') || md.includes('\uFEFF')) return wholeHtmlRanges(md);
  const lines = md.split('\n');
  const out: Range[] = [];
  let pieceStart = 0;
  let pieceLines: string[] = [];
  let open = false;
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const c = line[0];
    const cut =
      !open &&
      pieceLines.length > 0 &&
      c !== undefined &&
      c !== ' ' &&
      c !== '\t' &&
      // Whether an ordered list item starts here can depend on what came before the blank line
      // (micromark reads `2) <!X` after an indented code block and a blank line as a paragraph,
      // without one as a list item holding an HTML block): not a place to cut.
      !/^\d{1,9}[.)]/.test(line) &&
      blank(pieceLines[pieceLines.length - 1]!);
    if (cut) {
      blockRanges(md, pieceStart, pieceLines, out);
      pieceStart = offset;
      pieceLines = [];
    }
    pieceLines.push(line);
    if (!open && mayOpenLongBlock(line)) open = true;
    offset += line.length + 1;
  }
  blockRanges(md, pieceStart, pieceLines, out);
  return out;
}
