/**
 * A post cut into parts that render the same apart as together, so the composer's preview can paint
 * the talks in view first and the rest after, and re-render only the part an edit changed. Cut
 * before a heading or a line of paragraph text that follows a blank line, when nothing that outlives
 * a blank line can be open (the rules of recap/html-ranges.ts: no fence or HTML block may have
 * started since the last cut; lists and quotes end at such a line). A post with `]:` (a link
 * definition, which any part may use) or `\r` is one part.
 */
import { mayOpenLongBlock, plainLine } from './html-ranges';

export function previewParts(markdown: string): string[] {
  if (markdown.includes(']:') || markdown.includes('\r')) return [markdown];
  const lines = markdown.split('\n');
  const parts: string[] = [];
  let start = 0;
  let at = 0;
  let open = false;
  let blankBefore = false;
  for (const line of lines) {
    const blank = /^[ \t]*$/.test(line);
    if (!open && blankBefore && at > start && (/^#{1,6}(?:[ \t]|$)/.test(line) || plainLine(line))) {
      parts.push(markdown.slice(start, at));
      start = at;
    }
    if (!open && mayOpenLongBlock(line)) open = true;
    blankBefore = blank;
    at += line.length + 1;
  }
  parts.push(markdown.slice(start));
  return parts;
}
