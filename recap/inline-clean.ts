/**
 * A quick, parser-free proof that a piece of paragraph text leaves nothing open for the text after
 * it (recap/html-ranges.ts): no code span, link or HTML that the next line could close. It answers
 * true only for what it reads exactly as CommonMark + GFM do — code spans, backslash escapes,
 * `[…](…)` links and images with a plain destination — and false (the caller then asks micromark)
 * for anything else: a `<` that could open HTML or an autolink, a destination with spaces, brackets,
 * parentheses or a title, an autolink literal next to a backtick or bracket.
 */

/** ASCII punctuation: what a backslash escapes. */
const PUNCT = /[!-/:-@[-`{-~]/;

/** A destination read the same by every parser: no space, control, bracket, parenthesis, `<`, backtick or backslash. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: a control character ends a destination.
const PLAIN_RESOURCE = /\([^\s\u0000-\u001F\u007F()<>[\]`\\]*\)/y;

/** Where a GFM autolink literal could start. */
const LITERAL = /www\.|:\/\/|@|mailto:|xmpp:/i;

interface Opener {
  image: boolean;
  active: boolean;
}

/** Length of the backtick run at `at`. */
function runAt(s: string, at: number): number {
  let n = 0;
  while (s.charCodeAt(at + n) === 96) n++;
  return n;
}

/** Where the code span opened by `n` backticks at `from` ends, or -1 when no run of exactly `n` closes it. */
function codeEnd(s: string, from: number, n: number): number {
  for (let i = s.indexOf('`', from); i >= 0; ) {
    const run = runAt(s, i);
    if (run === n) return i + n;
    i = s.indexOf('`', i + run);
  }
  return -1;
}

/** True when `s`, read alone, provably leaves no code span, link or HTML open at its end (and has no HTML). */
export function quickClean(s: string): boolean {
  if (/<[A-Za-z/!?]/.test(s)) return false;
  if (!/[`[\]]/.test(s)) return true;
  const stack: Opener[] = [];
  // What is read as text (code spans and link destinations blanked): where a literal could start.
  let text = '';
  let from = 0;
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1]!)) {
      i += 2;
      continue;
    }
    if (c === '`') {
      const n = runAt(s, i);
      const end = codeEnd(s, i + n, n);
      if (end < 0) return false;
      text += `${s.slice(from, i)}\``;
      i = from = end;
      continue;
    }
    if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      stack.push({ image: c === '!', active: true });
      i += c === '!' ? 2 : 1;
      continue;
    }
    if (c === ']') {
      const opener = stack.pop();
      if (opener?.active && s[i + 1] === '(') {
        PLAIN_RESOURCE.lastIndex = i + 1;
        const m = PLAIN_RESOURCE.exec(s);
        if (!m) return false;
        // A link (not an image) makes every `[` before it plain text: links do not nest.
        if (!opener.image) for (const o of stack) if (!o.image) o.active = false;
        text += `${s.slice(from, i + 1)} `;
        i = from = i + 1 + m[0].length;
        continue;
      }
      // A `[` that made no link: harmless once closed, but micromark's events do not show it was, so
      // it is left to micromark (the proof stays one its tests can check token by token).
      if (opener) return false;
    }
    i++;
  }
  if (stack.length) return false;
  text += s.slice(from);
  // An autolink literal runs to the next space: one beside a backtick or bracket could have taken it.
  for (const word of text.split(/\s+/)) if (LITERAL.test(word) && /[`[\]]/.test(word)) return false;
  return true;
}
