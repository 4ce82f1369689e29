/**
 * The last steps of a compose — tidy the template's output (recap/markdown.ts), put the front
 * matter before it, make it safe (recap/safe-markdown.ts) — done in parts, each part's result
 * remembered by its text, so a re-compose after an edit tidies and checks only the parts the edit
 * changed, and the post is the remembered parts joined once.
 *
 * The template's output is cut only where both steps read each side alone exactly as in the whole:
 * before a line that starts with a visible character at column 0 and follows a line of nothing but
 * spaces and tabs, when no line before it could open a fenced code block or an HTML block
 * (`mayOpenLongBlock`, and the fence `tidyMarkdown` tracks; after one, nothing more is cut). There
 * `tidyMarkdown` has no fence open and restarts its blank-line count on the visible line, and the
 * safety pass is exact per part: recap/html-ranges.ts cuts its pieces at the same kind of place
 * (tidying only trims line ends, so the cut stays one), no link destination is read across a
 * blank line, and the look-backs stop at a line start. What is not exact in parts is done whole, as
 * before: output with `]:` (link definitions reach across blocks), `\r` or a byte-order mark, front
 * matter with a line that could open a block, and a part that needed the last resort (every `<`
 * escaped, which the whole post would then get everywhere).
 *
 * Proven equal to `safeMarkdown(fm + tidyMarkdown(raw))` by tests/unit/recap/post-parts.property.test.ts.
 */
import { mayOpenLongBlock } from './html-ranges';
import { FENCE, tidyLines, tidyMarkdown } from './markdown';
import { Pieces } from './pieces';
import { type ExportSafety, safeMarkdown, safeMarkdownPart } from './safe-markdown';

export interface FinishedPost {
  markdown: string;
  safety: ExportSafety;
  /** The tidied template output had nothing visible (the front matter aside). */
  empty: boolean;
}

interface Part {
  text: string;
  safety: ExportSafety;
  everyTag: boolean;
}

/**
 * A copy of `s` that does not keep the whole output it was cut from alive (a V8 slice does): the
 * concatenation is flattened into a string of its own, which the slice then points into.
 */
function detached(s: string): string {
  return ` ${s}`.slice(1);
}

/** The whole post in one pass: the reference, and the way for what cannot be cut. */
function whole(raw: string, fm: string, keepHtml: boolean): FinishedPost {
  const tidy = tidyMarkdown(raw);
  const safe = safeMarkdown(fm + tidy, { keepHtml });
  return { markdown: safe.markdown, safety: safe.safety, empty: !tidy.trim() };
}

/** Characters that can start a line that opens a long block (a fence, an HTML block, or either inside a container). */
const MAY_OPEN = new Set(' \t>-+*<~`0123456789');

/** A place the output is cut: the offset of the part's first line, and the fence tidying has open there. */
export interface Cut {
  at: number;
  fence: string | null;
}

/** Where the parts after the first begin, or null when the output must be done whole. */
export function cutsOf(output: string | Pieces): Cut[] | null {
  const raw = typeof output === 'string' ? new Pieces([output]) : output;
  if (raw.includes(']:') || raw.includes('\r') || raw.includes('\uFEFF')) return null;
  const cuts: Cut[] = [];
  let seenText = false;
  let prevBlank = false;
  // The fence `tidyMarkdown` has open (its own rule: a fence line opens even with a backtick after
  // it), carried into the part that starts there.
  let fence: string | null = null;
  raw.eachLine((at, line) => {
    const first = line.length ? line[0]! : '';
    const visible = /\S/.test(first);
    if (visible && prevBlank && seenText) cuts.push({ at, fence });
    if (visible) seenText = true;
    if (first && MAY_OPEN.has(first)) {
      // A long block may stay open past a blank line: nothing after it is cut (as recap/html-ranges.ts does).
      if (mayOpenLongBlock(line)) return false;
      const m = FENCE.exec(line);
      if (fence) {
        if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
      } else if (m?.[1]) fence = m[1];
    }
    prevBlank = !first || ((first === ' ' || first === '\t') && /^[ \t]*$/.test(line));
    return true;
  });
  return cuts;
}

/**
 * Parts remembered by text, by [keepHtml][last part] and the fence open at their start; bounded by
 * the characters they hold. A part's text is the key in two strings (recap/pieces.ts `split`): what
 * its first piece holds of it, and the rest (most often the blank line the next piece starts with).
 */
type Texts = Map<string, Map<string, Part>>;
const memo = [
  [new Map<string, Texts>(), new Map<string, Texts>()],
  [new Map<string, Texts>(), new Map<string, Texts>()],
];
let held = 0;
const MAX_HELD = 4_000_000;

/** The first part also carries the front matter: remembered alone (one entry). */
let head: { fm: string; text: string; keepHtml: boolean; part: Part } | null = null;

/**
 * Tidies and makes safe one part. Tidying goes on from the state the whole pass has at the cut: the
 * fence, no blank line counted (a visible line or a fence's inside comes first), lines written
 * before (but for the first part). Only the last part drops trailing blank lines.
 */
function made(
  [first, rest]: readonly [string, string],
  fence: string | null,
  keepHtml: boolean,
  last: boolean,
  fm: string | null,
): Part {
  const out: string[] = [];
  // The lines of first + rest, read without joining them (a copy of the part to collect).
  const lines = first.split('\n');
  if (rest) {
    const more = rest.split('\n');
    lines[lines.length - 1] += more[0]!;
    for (let i = 1; i < more.length; i++) lines.push(more[i]!);
  }
  // A part before another ends at a line end: its last line is the one before that newline.
  if (!last) lines.pop();
  tidyLines(lines, { fence, blank: 0, started: fm === null }, out);
  if (last) while (out.length && out[out.length - 1] === '') out.pop();
  // One flat string (a template literal would make a rope every scan below had to flatten).
  out.push('');
  const tidy = out.length > 1 ? out.join('\n') : '\n';
  const safe = safeMarkdownPart((fm ?? '') + tidy, { keepHtml });
  return { text: safe.markdown, safety: safe.safety, everyTag: safe.everyTag };
}

function remembered(
  [first, rest, of]: [string, string, number],
  fence: string | null,
  keepHtml: boolean,
  last: boolean,
): Part {
  const byFence = memo[keepHtml ? 1 : 0]![last ? 1 : 0]!;
  let texts = byFence.get(fence ?? '');
  let rests = texts?.get(first);
  const hit = rests?.get(rest);
  if (hit) return hit;
  const part = made([first, rest], fence, keepHtml, last, null);
  if (!texts) {
    texts = new Map();
    byFence.set(fence ?? '', texts);
  }
  if (!rests) {
    rests = new Map();
    // A slice keeps its whole piece alive as long as the part is remembered: kept as a copy unless it
    // is most of that piece (a talk's paragraph, the piece the template's loop wrote for it).
    texts.set(first.length * 2 >= of ? first : detached(first), rests);
  }
  rests.set(detached(rest), part);
  held += first.length + rest.length;
  // Over the bound: forget from the oldest (the parts an edit replaced).
  for (const maps of memo) {
    for (const m of maps) {
      for (const byFirst of m.values()) {
        for (const [key, byRest] of byFirst) {
          if (held <= MAX_HELD) return part;
          for (const r of byRest.keys()) held -= key.length + r.length;
          byFirst.delete(key);
        }
      }
    }
  }
  return part;
}

/** Front matter that changes nothing in how the post after it is cut (see the top of this file). */
function plainFrontMatter(fm: string): boolean {
  if (fm.includes(']:') || fm.includes('\r') || fm.includes('\uFEFF')) return false;
  return !fm.split('\n').some(mayOpenLongBlock);
}

/**
 * `safeMarkdown(fm + tidyMarkdown(raw))`, with what the tidied output alone says about emptiness.
 * `raw` may be given as the pieces the template wrote (recap/pieces.ts): it is then never joined
 * but where it is done whole.
 */
export function finishPost(output: string | readonly string[], fm: string, keepHtml: boolean): FinishedPost {
  const raw = new Pieces(typeof output === 'string' ? [output] : output);
  const cuts = cutsOf(raw);
  if (!cuts?.length || !plainFrontMatter(fm)) return whole(raw.join(), fm, keepHtml);
  const parts: Part[] = [];
  const firstText = raw.slice(0, cuts[0]!.at);
  if (head && head.fm === fm && head.text === firstText && head.keepHtml === keepHtml) {
    parts.push(head.part);
  } else {
    const part = made([firstText, ''], null, keepHtml, false, fm);
    head = { fm, text: detached(firstText), keepHtml, part };
    parts.push(part);
  }
  for (let i = 0; i < cuts.length; i++) {
    const last = i === cuts.length - 1;
    const text = raw.split(cuts[i]!.at, last ? raw.length : cuts[i + 1]!.at);
    parts.push(remembered(text, cuts[i]!.fence, keepHtml, last));
  }
  if (parts.some((p) => p.everyTag)) return whole(raw.join(), fm, keepHtml);
  const safety: ExportSafety = { htmlKept: 0, htmlEscaped: 0, linksDefused: 0 };
  for (const p of parts) {
    safety.htmlKept += p.safety.htmlKept;
    safety.htmlEscaped += p.safety.htmlEscaped;
    safety.linksDefused += p.safety.linksDefused;
  }
  return { markdown: parts.map((p) => p.text).join(''), safety, empty: false };
}

/** Forgets every remembered part (for a cold measure, and tests). */
export function clearPostParts(): void {
  for (const maps of memo) for (const m of maps) m.clear();
  held = 0;
  head = null;
}
