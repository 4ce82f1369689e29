/**
 * Splits inline Markdown into code spans and the prose around them, the way CommonMark pairs
 * backtick runs: a run opens a span only when a later run of the same length closes it, and a
 * backtick after an odd number of backslashes is literal. Unpaired runs are escaped, so whatever
 * is concatenated after them can never pair with them.
 */
export interface Segment {
  code: boolean;
  text: string;
}

function backslashesBefore(text: string, i: number): number {
  let n = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) n++;
  return n;
}

/** The runs of backticks in `text`: start index and length (an escaped first backtick is skipped). */
function runs(text: string): { at: number; len: number }[] {
  const found: { at: number; len: number }[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let start = i;
    while (i < text.length && text[i] === '`') i++;
    if (backslashesBefore(text, start) % 2 === 1) start++;
    if (i > start) found.push({ at: start, len: i - start });
  }
  return found;
}

/** Code spans and prose, in order; joining every `text` gives back the input with unpaired backticks escaped. */
export function splitCode(text: string): Segment[] {
  const all = runs(text);
  const segments: Segment[] = [];
  let prose = '';
  let pos = 0;
  let k = 0;
  while (k < all.length) {
    const open = all[k]!;
    const closeIdx = all.findIndex((r, j) => j > k && r.len === open.len);
    prose += text.slice(pos, open.at);
    if (closeIdx < 0) {
      prose += '\\`'.repeat(open.len);
      pos = open.at + open.len;
      k++;
      continue;
    }
    const close = all[closeIdx]!;
    if (prose) segments.push({ code: false, text: prose });
    prose = '';
    segments.push({ code: true, text: text.slice(open.at, close.at + close.len) });
    pos = close.at + close.len;
    k = closeIdx + 1;
  }
  prose += text.slice(pos);
  if (prose) segments.push({ code: false, text: prose });
  return segments;
}
