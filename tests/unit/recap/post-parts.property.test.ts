/**
 * A post finished in remembered parts (recap/post-parts.ts) against its oracle, the one pass over the
 * whole post: `safeMarkdown(fm + tidyMarkdown(raw))` (and the tidied output's emptiness). On
 * generated adversarial template output — fences tidying opens on lines a parser reads as code
 * spans, real fences, HTML blocks and inline HTML across blank lines, blank lines of spaces, tabs and
 * no-break spaces, indented lines, quotes, lists, link definitions, unsafe links and images,
 * `\r` — with and without front matter, raw HTML kept or escaped, with the parts' memory empty, full
 * of other posts, and after one line of the same post was edited; and on every built-in template's
 * output for a corpus day. The expected values are the whole pass's, not the parts'.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../../recap/builtins';
import { tidyMarkdown } from '../../../recap/markdown';
import { buildRecapModel, type RecapInput } from '../../../recap/model';
import { clearPostParts, cutsOf, finishPost } from '../../../recap/post-parts';
import { renderRaw } from '../../../recap/render';
import { safeMarkdown } from '../../../recap/safe-markdown';
import { corpusDay } from '../../corpus-day';

function oracle(raw: string, fm: string, keepHtml: boolean) {
  const tidy = tidyMarkdown(raw);
  const safe = safeMarkdown(fm + tidy, { keepHtml });
  return { markdown: safe.markdown, safety: safe.safety, empty: !tidy.trim() };
}

const LINES = [
  '',
  '',
  '',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  'Then a paragraph.',
  'more text ',
  'hard break  ',
  '日本語の文',
  '```',
  '````',
  '``` code span ```\\',
  '```js',
  '~~~',
  '    indented code',
  '> a quote',
  '> ```',
  '- an item',
  '1. a step',
  '<div>',
  '</div>',
  '<!--',
  '-->',
  '<script>alert(1)</script>',
  'text <b>bold</b> text',
  'a `<b>` code span',
  '[a](javascript:alert(1))',
  '![i](data:image/png;base64,AAAA)',
  '![i](data:text/html;base64,AAAA)',
  '[x](<javascript:y>)',
  '<javascript:x>',
  '[x](&#106;avascript:y)',
  '[x](',
  'javascript:z)',
  '[ref]: javascript:x',
  'line\r',
  '# Heading',
  'Setext',
  '===',
  '| a | b |',
  '| - | - |',
];

const doc = fc
  .array(fc.constantFrom(...LINES), { minLength: 0, maxLength: 40 })
  .chain((lines) =>
    fc.tuple(fc.constant(lines), fc.boolean()).map(([l, end]) => l.join('\n') + (end ? '\n' : '')),
  );
const frontMatter = fc.constantFrom(
  '',
  '---\ntitle: "Day one"\n---\n\n',
  '---\ntitle: "<b>x</b>"\n---\n',
  '<div>\n',
);

afterEach(() => clearPostParts());

describe('a post finished in remembered parts', () => {
  it('is the whole pass, on adversarial output, with the parts remembered from other posts', () => {
    fc.assert(
      fc.property(doc, frontMatter, fc.boolean(), (raw, fm, keepHtml) => {
        expect(finishPost(raw, fm, keepHtml)).toEqual(oracle(raw, fm, keepHtml));
      }),
      { numRuns: 3000 },
    );
  });

  it('is the whole pass when the output comes in the pieces a template wrote, however they fall', () => {
    fc.assert(
      fc.property(
        doc,
        fc.array(fc.nat(), { maxLength: 12 }),
        frontMatter,
        fc.boolean(),
        (raw, at, fm, keepHtml) => {
          // Cut anywhere (empty pieces, inside a line, between `]` and `:` or `\r` and `\n`), twice:
          // the second time the parts come from the memory, keyed by how these pieces hold them.
          const offsets = [...new Set(at.map((n) => n % (raw.length + 1)))].sort((a, b) => a - b);
          const pieces = [0, ...offsets].map((from, i) => raw.slice(from, offsets[i] ?? raw.length));
          expect(finishPost(pieces, fm, keepHtml)).toEqual(oracle(raw, fm, keepHtml));
          expect(finishPost(pieces, fm, keepHtml)).toEqual(oracle(raw, fm, keepHtml));
          expect(finishPost(raw, fm, keepHtml)).toEqual(oracle(raw, fm, keepHtml));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is the whole pass after one line of the same post changed (the remembered parts reused)', () => {
    fc.assert(
      fc.property(
        doc,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...LINES)), { minLength: 1, maxLength: 6 }),
        frontMatter,
        fc.boolean(),
        (raw, edits, fm, keepHtml) => {
          clearPostParts();
          let text = raw;
          expect(finishPost(text, fm, keepHtml)).toEqual(oracle(text, fm, keepHtml));
          for (const [at, line] of edits) {
            const lines = text.split('\n');
            lines[at % lines.length] = line;
            text = lines.join('\n');
            expect(finishPost(text, fm, keepHtml)).toEqual(oracle(text, fm, keepHtml));
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it.each(BUILTIN_TEMPLATES.map((t) => [t.name, t.source] as const))(
    'is the whole pass on the corpus through %s, and is cut into many parts',
    (_name, source) => {
      let input: RecapInput = corpusDay({ notes: 300, talks: 6, seed: 5 });
      for (let run = 0; run < 6; run++) {
        const rendered = renderRaw(source, buildRecapModel(input));
        if (!rendered.ok) throw new Error(rendered.error.message);
        const raw = rendered.pieces.join('');
        for (const fm of ['', '---\ntitle: "Day"\n---\n\n']) {
          for (const keepHtml of [false, true]) {
            expect(finishPost(rendered.pieces, fm, keepHtml)).toEqual(oracle(raw, fm, keepHtml));
          }
        }
        // The corpus has HTML, code and fences: the cuts must still leave parts to remember.
        if (raw.length > 20_000) expect(cutsOf(raw)!.length).toBeGreaterThan(1);
        // An edit to one note of one talk, as the user types.
        const t = run % input.talks.length;
        input = {
          ...input,
          talks: input.talks.map((x, i) =>
            i === t
              ? {
                  ...x,
                  notes: x.notes.map((n, j) =>
                    j === run ? { ...n, body: `${n.body} <i>and</i> \`more\`` } : n,
                  ),
                }
              : x,
          ),
        };
      }
    },
  );
});
