/**
 * The piecewise HTML finder (recap/html-ranges.ts) against its oracle, micromark + GFM reading the
 * whole document at once: the same ranges on generated adversarial Markdown (fences, HTML blocks of
 * every type across blank lines, lists, quotes and lazy lines, setext underlines, tables, code spans
 * across lines, links whose text or destination spans lines, autolinks and their literals,
 * definitions…), on recaps of the realistic corpus through every built-in template, and after
 * edits, with the cache of pieces both empty and full of other documents. And the parser-free
 * proof of a clean piece (recap/inline-clean.ts) never says clean where micromark would not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { clearHtmlRangesCache, htmlRanges, readPiece, wholeHtmlRanges } from '../../../recap/html-ranges';
import { quickClean } from '../../../recap/inline-clean';
import { safeMarkdown } from '../../../recap/safe-markdown';
import { corpusDay } from '../../corpus-day';

/** Pieces of Markdown chosen to open, close or continue whatever could cross a cut. */
const FRAGMENTS = [
  'word',
  'more text',
  '日本語',
  ' ',
  '  ',
  '    ',
  '\t',
  '`',
  '``',
  '```',
  '~~~',
  '\\',
  '\\`',
  '\\[',
  '[',
  ']',
  '](',
  '](<',
  ')',
  '(',
  '![',
  '[a]',
  '[a]: /u',
  '[^1]',
  '[^1]: note',
  '](http://x.org/a)',
  '](u "t")',
  '<b>',
  '</i>',
  '<a href="x',
  '">',
  "<span title='",
  '<!--',
  '-->',
  '<?',
  '?>',
  '<!X',
  '<![CDATA[',
  ']]>',
  '<script>',
  '</script>',
  '<pre>',
  '</pre>',
  '<div>',
  '</div>',
  '<custom-tag>',
  '<http://x.org>',
  '<a@b.co>',
  '<u8>',
  'Vec<u8>',
  '&lt;',
  '&#96;',
  'www.x.org',
  'http://a.b/c',
  'a@b.co',
  '*',
  '_',
  '~',
  '|',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '> ',
  '# ',
  '---',
  '===',
  '| --- |',
  ':--|',
  '\uFEFF',
  '\r',
];

const line = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) }, fc.string({ maxLength: 3 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

/** Documents of up to 30 lines, blank ones common (they are where blocks are cut). */
const doc = fc
  .array(fc.oneof({ weight: 3, arbitrary: line }, fc.constant('')), { minLength: 1, maxLength: 30 })
  .map((lines) => lines.join('\n'));

/** Plain paragraph lines (the ones cut line by line), with what can span a line end. */
const plain = fc
  .array(
    fc.constantFrom(
      'word',
      'x',
      ' ',
      '`',
      '``',
      '```',
      '[',
      ']',
      '](u)',
      '](<u>)',
      '](u "t',
      '"',
      '(',
      ')',
      '![',
      '<b',
      '>',
      '<i>',
      '<!--',
      '-->',
      '\\',
      'www.x.org',
      'http://x.org/',
      'a@b.co',
      '<http://x>',
      '&amp;',
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => `w${parts.join('')}`);
/** What would make a line start or interrupt a block, or continue one in a container. */
const STARTERS = [
  ' ',
  '    ',
  '\t',
  '- ',
  '* ',
  '> ',
  '1. ',
  '2) ',
  '```',
  '```x',
  '~~~',
  '<div>',
  '<custom-tag>',
  '<!--',
  '# ',
  '===',
  '---',
  '| ',
  ':--|',
  '[a]: /u ',
  '\uFEFF',
];
const paragraphDoc = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: plain },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...STARTERS), plain).map(([a, b]) => a + b) },
      fc.constant(''),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((lines) => lines.join('\n'));

function same(md: string): void {
  expect(htmlRanges(md)).toEqual(wholeHtmlRanges(md));
}

describe('htmlRanges (pieces) = the whole-document parse', () => {
  it('on generated adversarial Markdown, with the cache empty and full', () => {
    fc.assert(
      fc.property(doc, fc.boolean(), (md, cold) => {
        if (cold) clearHtmlRangesCache();
        same(md);
      }),
      { numRuns: 2000 },
    );
  });

  it('on long plain paragraphs whose code spans, links and tags span lines', () => {
    fc.assert(
      fc.property(paragraphDoc, fc.boolean(), (md, cold) => {
        if (cold) clearHtmlRangesCache();
        same(md);
      }),
      { numRuns: 2000 },
    );
  });

  it('on hand-picked cuts that must not be made', () => {
    // Found by a random run (seed -1152249088): an ordered list after an indented code block.
    same('    word\n\n2) <!X\n');
    same('a\n\n    word\n\n2. <!X\n');
    const cases = [
      // A fence, and HTML blocks of types 1–5, run across blank lines.
      'a\n\n```\n<b>\n\nx <i>\n```\n\ny <i>',
      'a\n\n<!--\n\nx <i>\n-->\n\ny <i>',
      'a\n\n<script>\n\nx <i>\n</script>\n\ny <i>',
      '- a\n  ```\n\nb\n```\n<b>\n\nx <i>\n```',
      '<div>\n```\n\n```\n<b>\n\nx <i>\n```',
      // A list item, a quote, lazy lines.
      '- a\n\n  <b>\nc <i>',
      '> a\n<b>\n\nc <i>',
      '- a\n<custom-tag>\n\nx <i>',
      // Inside a paragraph: a code span, a link, a tag across lines.
      'a `x\ny <b>` z\nw <i>',
      'a [x\ny](<b>) z\nw <i>',
      'a <a\nhref="x"> z\nw <i>',
      'a <!-- x\n<b> -->\nw <i>',
      'a ``x\n` <b> ``\nw <i>',
      'a [x](u\n"<b>") z\nw <i>',
      // A definition anywhere changes what brackets mean.
      '[x][<b>]\n\n[<b>]: /u',
      '[^<b>]\n\n[^<b>]: note',
      // Lines that would start a block alone.
      'a\n    <b>\nc <i>',
      'a\n<custom-tag>\nb <i>',
      'a\n2. <b>\nb <i>',
      'a | b\n--|--\n`x|<b>` | y <i>',
      'www.x.org`<b>`\nb <i>',
      'x\u2028<b>\n\ny <i>',
    ];
    for (const md of cases) {
      clearHtmlRangesCache();
      same(md);
      same(md);
    }
  });

  it('on recaps of the corpus through every built-in template, and after edits to them', () => {
    const input = corpusDay({ notes: 300, talks: 5, seed: 11 });
    let checked = 0;
    for (const t of BUILTIN_TEMPLATES) {
      const result = composeRecap(input, { template: t.source, ownTemplate: true });
      if (!result.ok) throw new Error(result.error.message);
      const post = result.markdown;
      same(post);
      // Edits a note could make: HTML, an open code span, an open bracket, a fence, a definition.
      for (const insert of ['<b>x</b>', '`', '[', '\n```\n', '\n\n<!--\n\n', '\n[a]: /u\n']) {
        const at = Math.floor(post.length / 3);
        same(post.slice(0, at) + insert + post.slice(at));
        checked++;
      }
    }
    expect(checked).toBe(BUILTIN_TEMPLATES.length * 6);
  });

  it('escapes exactly what the whole-document parse finds', () => {
    fc.assert(
      fc.property(doc, (md) => {
        const safe = safeMarkdown(md).markdown;
        // What is left is no HTML at all, as the whole document reads it.
        expect(wholeHtmlRanges(safe)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('quickClean (no parse) never says clean where micromark does not', () => {
  it('on generated paragraph text', () => {
    fc.assert(
      fc.property(plain, (text) => {
        if (!quickClean(text)) return;
        const read = readPiece(text);
        expect(read.clean).toBe(true);
        expect(read.ranges).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it('says clean for the lines it is there for (a note with links and code)', () => {
    expect(quickClean('See [the docs](https://x.org/a) and `consensus()` then ``` a ` b ```\\')).toBe(true);
    expect(quickClean('An open `code span')).toBe(false);
    expect(quickClean('An open [bracket')).toBe(false);
    expect(quickClean('HTML <b> here')).toBe(false);
    expect(quickClean('[a](u "title")')).toBe(false);
  });
});
