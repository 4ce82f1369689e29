/**
 * Quotes: the text a user selected on a page, anchored the W3C Web Annotation way — a
 * TextQuoteSelector with the exact text and a little of what comes before and after, so the quote
 * can be found again in the page (and exported as Web Annotation JSON-LD). Pure: no DOM here.
 */

/** W3C Web Annotation Data Model §4.2.4. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** What the page gave: the selection and raw text around it (untrusted, any length). */
export interface RawSelection {
  exact: string;
  before?: string;
  after?: string;
}

/** Characters of context kept on each side (enough to tell repeated phrases apart). */
export const QUOTE_CONTEXT = 32;
/** Longest quote kept: a quote is a passage, not a page. */
export const MAX_QUOTE = 5000;

const squash = (s: string) => s.replace(/\s+/gu, ' ');

/** Cuts to at most `n` characters without splitting a surrogate pair. */
function take(s: string, n: number, fromEnd: boolean): string {
  const chars = Array.from(s);
  return (fromEnd ? chars.slice(-n) : chars.slice(0, n)).join('');
}

/**
 * Builds the selector: whitespace runs become one space (as pages lay text out differently), the
 * quote is trimmed and capped, the context cut to {@link QUOTE_CONTEXT} characters. Null when the
 * selection holds no text.
 */
export function textQuoteSelector(raw: RawSelection | null | undefined): TextQuoteSelector | null {
  if (!raw || typeof raw.exact !== 'string') return null;
  const exact = take(squash(raw.exact).trim(), MAX_QUOTE, false);
  if (!exact) return null;
  const selector: TextQuoteSelector = { type: 'TextQuoteSelector', exact };
  const before = typeof raw.before === 'string' ? squash(raw.before) : '';
  const after = typeof raw.after === 'string' ? squash(raw.after) : '';
  // The trimmed exact text may have dropped a space the context should now hold.
  const lead = /^\s/u.test(raw.exact) && before && !before.endsWith(' ') ? ' ' : '';
  const trail = /\s$/u.test(raw.exact) && after && !after.startsWith(' ') ? ' ' : '';
  const prefix = take(before + lead, QUOTE_CONTEXT, true);
  const suffix = take(trail + after, QUOTE_CONTEXT, false);
  if (prefix) selector.prefix = prefix;
  if (suffix) selector.suffix = suffix;
  return selector;
}

/** The note body of a quote: a Markdown block quote (which also makes it a `quote` note). */
export function quoteBody(exact: string): string {
  return exact
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

/**
 * Runs in the page (injected by `scripting.executeScript`, so it must stand alone): the selection
 * and the text around it, from the document or from a focused text field. Null when nothing is selected.
 */
export function readSelection(context: number): RawSelection | null {
  const field = document.activeElement;
  if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
    const { selectionStart: s, selectionEnd: e, value } = field;
    if (s !== null && e !== null && e > s) {
      return {
        exact: value.slice(s, e),
        before: value.slice(Math.max(0, s - context * 4), s),
        after: value.slice(e, e + context * 4),
      };
    }
  }
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const root = document.body ?? document.documentElement;
  const before = document.createRange();
  before.selectNodeContents(root);
  before.setEnd(range.startContainer, range.startOffset);
  const after = document.createRange();
  after.selectNodeContents(root);
  after.setStart(range.endContainer, range.endOffset);
  return {
    exact: selection.toString(),
    before: before.toString().slice(-context * 4),
    after: after.toString().slice(0, context * 4),
  };
}
