/**
 * Splits inline Markdown into code spans and the prose around them, the way CommonMark pairs
 * backtick runs: outside code a backslash escapes the next character; a run opens a span only
 * when a later run of the same length (backslashes don't count inside code) closes it. Unpaired
 * runs are escaped, so whatever is concatenated after them can never pair with them.
 */
export interface Segment {
  code: boolean;
  text: string;
}

/** Start positions of every maximal backtick run, by run length (raw: backslashes ignored). */
function runsByLength(text: string): Map<number, number[]> {
  const byLen = new Map<number, number[]>();
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const start = i;
    while (text[i] === '`') i++;
    const list = byLen.get(i - start) ?? [];
    list.push(start);
    byLen.set(i - start, list);
  }
  return byLen;
}

/** Code spans and prose, in order; joined, they give the input with unpaired backticks escaped. */
export function splitCode(text: string): Segment[] {
  if (!text.includes('`')) return text ? [{ code: false, text }] : [];
  const byLen = runsByLength(text);
  const cursor = new Map<number, number>();
  /** The first maximal run of exactly `len` backticks starting at or after `from`. */
  const closer = (len: number, from: number): number => {
    const list = byLen.get(len) ?? [];
    let k = cursor.get(len) ?? 0;
    while (k < list.length && list[k]! < from) k++;
    cursor.set(len, k);
    return k < list.length ? list[k]! : -1;
  };
  const segments: Segment[] = [];
  let prose = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      prose += c + text[i + 1];
      i += 2;
      continue;
    }
    if (c !== '`') {
      prose += c;
      i++;
      continue;
    }
    let j = i;
    while (text[j] === '`') j++;
    const len = j - i;
    const close = closer(len, j);
    if (close < 0) {
      prose += '\\`'.repeat(len);
      i = j;
      continue;
    }
    if (prose) segments.push({ code: false, text: prose });
    prose = '';
    segments.push({ code: true, text: text.slice(i, close + len) });
    i = close + len;
  }
  if (prose) segments.push({ code: false, text: prose });
  return segments;
}
