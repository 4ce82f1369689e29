/**
 * Markdown validity, proven by parsing the output back (micromark + GFM, as GitHub reads it):
 * whatever hostile titles, names, rooms and note bodies a user types, the recap keeps its
 * structure — one title heading reading exactly as typed, one section per talk, the intended links
 * and nothing else in the byline, one list item per note, the tag line last, and no raw HTML.
 */
import fc from 'fast-check';
import type { Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as mdText } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { cleanText, markdownInline, safeUrl } from '../../../recap/markdown';
import type { RecapInput } from '../../../recap/model';
import { normalizeTag } from '../../../storage/tags';
import type { NoteKind, NoteRecord, TalkRecord } from '../../../storage/types';

const NASTY = [
  '*',
  '**',
  '_',
  '__',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '#',
  '# ',
  '## ',
  '<',
  '>',
  '> ',
  '`',
  '``',
  '```',
  '~~~',
  '~',
  '~~',
  '\\',
  '&amp;',
  '&#60;',
  '&copy;',
  '<script>alert(1)</script>',
  '<b>',
  '</b>',
  '<!--',
  '-->',
  '<?php',
  '<!DOCTYPE',
  '<![CDATA[',
  '|',
  '| --- |',
  '---',
  '***',
  '===',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '  ',
  '    ',
  '\t',
  '1. ',
  '2) ',
  '- ',
  '+ ',
  '* ',
  '[x]: http://evil.test',
  '[^1]: note',
  '[^1]',
  'http://evil.test',
  'https://evil.test/x',
  'www.evil.test',
  'a@b.test',
  '<http://x.test>',
  '<javascript:alert(1)>',
  '![i](javascript:alert(1))',
  '[a](http://evil.test)',
  '\u0000',
  '\uD800',
  '\u200B',
  '{{ x }}',
  '{% raw %}',
  ':',
  '!',
  '^',
  'é',
  '日本',
  '🙂',
  ' ',
  'word',
  '\\`',
  '`a`',
  '\\\n',
];

const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(...NASTY),
      fc.string({ maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    {
      maxLength: 14,
    },
  )
  .map((parts) => parts.join(''));

/** Text that reads as something once whitespace is collapsed. */
const text = hostile.filter((s) => cleanText(s).replace(/\s+/g, ' ').trim() !== '');

/** What a plain-text field reads as after escaping: one line, controls replaced. */
const readsAs = (s: string) => cleanText(s).replace(/\s+/g, ' ').trim();

const url = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'https://example.org/slides.pdf',
    'https://example.org/a (b)/c<d>.pdf',
    'javascript:alert(1)',
    'http://example.org/x?y=1&z=`2`',
    'not a url',
    'data:text/html,<b>x</b>',
  ),
);

type TalkArb = {
  title: string;
  speakers: { name: string; url?: string }[];
  room?: string;
  slidesUrl?: string;
  notes: { body: string; kind: NoteKind; slide?: { index: number; label: string }; tags: string[] }[];
};

const kinds: NoteKind[] = ['note', 'takeaway', 'quote', 'question', 'todo'];

const talkArb: fc.Arbitrary<TalkArb> = fc.record({
  title: text,
  speakers: fc.array(fc.record({ name: text, url }), { maxLength: 3 }),
  room: fc.option(hostile, { nil: undefined }),
  slidesUrl: url,
  notes: fc.array(
    fc.record({
      body: text,
      kind: fc.constantFrom(...kinds),
      slide: fc.option(fc.record({ index: fc.nat(500), label: hostile }), { nil: undefined }),
      tags: fc.array(hostile, { maxLength: 3 }),
    }),
    { maxLength: 6 },
  ),
});

function toInput(title: string, eventName: string, talks: TalkArb[]): RecapInput {
  let id = 0;
  return {
    title,
    event: { id: 'E', createdAt: 0, updatedAt: 0, name: eventName },
    talks: talks.map((t) => {
      const talk: TalkRecord = {
        id: `T${id++}`,
        createdAt: 0,
        updatedAt: 0,
        title: t.title,
        speakers: t.speakers,
        room: t.room,
        slidesUrl: t.slidesUrl,
        tags: [],
        source: { platform: 'test', url: 'https://example.org', capturedAt: 0 },
      };
      const notes: NoteRecord[] = t.notes.map((n, i) => ({
        id: `N${id++}`,
        createdAt: i,
        updatedAt: i,
        url: 'https://example.org',
        body: n.body,
        kind: n.kind,
        tags: n.tags.map(normalizeTag).filter(Boolean),
        anchor: n.slide ? { slide: n.slide } : undefined,
      }));
      return { talk, notes };
    }),
  };
}

const parse = (md: string): Root =>
  fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

function walk(node: Root | RootContent, visit: (n: Root | RootContent) => void): void {
  visit(node);
  if ('children' in node) for (const c of node.children) walk(c, visit);
}

/**
 * Links and images in a node, except GFM autolink literals: a URL typed in a title shows as
 * itself, and GitHub links it; what must never appear is link text hiding another target.
 */
function linksIn(node: RootContent): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'image') out.push(n.url);
    if (n.type !== 'link') return;
    const shown = mdText(n);
    const literal = [shown, `http://${shown}`, `mailto:${shown}`].includes(n.url);
    if (!literal) out.push(n.url);
  });
  return out;
}

describe('recap Markdown survives hostile input', { timeout: 60_000 }, () => {
  it('keeps the Day recap structure whatever the titles, names and bodies', () => {
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(talkArb, { minLength: 1, maxLength: 4 }),
        (title, eventName, talks) => {
          const input = toInput(title, eventName, talks);
          const result = composeRecap(input);
          if (!result.ok) throw new Error(result.error.message);
          const tree = parse(result.markdown);
          walk(tree, (n) => expect(n.type, `raw HTML in:\n${result.markdown}`).not.toBe('html'));
          walk(tree, (n) => expect(n.type).not.toBe('definition'));

          const blocks = [...tree.children];
          const h1 = blocks.shift();
          expect(h1?.type === 'heading' && h1.depth).toBe(1);
          expect(mdText(h1)).toBe(readsAs(title));

          for (const t of input.talks) {
            const h2 = blocks.shift();
            expect(h2?.type === 'heading' && h2.depth, result.markdown).toBe(2);
            expect(mdText(h2)).toBe(readsAs(t.talk.title));
            const names = t.talk.speakers.map((s) => readsAs(s.name));
            const intended = [
              ...t.talk.speakers.map((s) => safeUrl(s.url)).filter(Boolean),
              ...(safeUrl(t.talk.slidesUrl) ? [safeUrl(t.talk.slidesUrl)] : []),
            ];
            if (names.length || t.talk.room?.trim() || intended.length) {
              const byline = blocks.shift();
              expect(byline?.type, result.markdown).toBe('paragraph');
              expect(linksIn(byline!)).toEqual(intended);
              for (const name of names) expect(mdText(byline!)).toContain(name);
            }
            const shown = t.notes.filter(
              (n) =>
                n.kind !== 'todo' &&
                markdownInline(n.body.replace(/(?:^|\s+)(?:#[\p{L}\p{M}\p{N}_-]+\s*)+$/u, '')) !== '',
            );
            if (shown.length) {
              const list = blocks.shift();
              expect(list?.type, result.markdown).toBe('list');
              if (list?.type === 'list') expect(list.children.length).toBe(shown.length);
            }
          }
          const tags = [
            ...new Set(
              input.talks.flatMap((t) => t.notes.filter((n) => n.kind !== 'todo').flatMap((n) => n.tags)),
            ),
          ];
          if (tags.length) {
            const last = blocks.shift();
            expect(last?.type).toBe('paragraph');
            expect(mdText(last!)).toBe(`Tagged: ${tags.join(', ')}`);
          }
          expect(blocks, result.markdown).toEqual([]);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('never lets raw HTML through any built-in template', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUILTIN_TEMPLATES),
        text,
        hostile,
        fc.array(talkArb, { minLength: 1, maxLength: 3 }),
        (template, title, intro, talks) => {
          const input = {
            ...toInput(title, 'Conf', talks),
            intro,
            thumbnailUrl: (id: string) => `images/${id}.png`,
          };
          const result = composeRecap(input, { template: template.source });
          if (!result.ok) throw new Error(`${template.name}: ${result.error.message}`);
          walk(parse(result.markdown), (n) => {
            expect(n.type, `${template.name}:\n${result.markdown}`).not.toBe('html');
          });
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  });

  it('keeps intro and outro Markdown from swallowing or restyling the sections after them', () => {
    fc.assert(
      fc.property(
        hostile,
        hostile,
        fc.array(talkArb, { minLength: 1, maxLength: 2 }),
        (intro, outro, talks) => {
          const input = { ...toInput('Day', 'Conf', talks), intro, outro };
          const result = composeRecap(input);
          if (!result.ok) throw new Error(result.error.message);
          const tree = parse(result.markdown);
          walk(tree, (n) => expect(n.type).not.toBe('html'));
          const headings = tree.children.filter((n) => n.type === 'heading').map((h) => mdText(h));
          const titles = input.talks.map((t) => readsAs(t.talk.title));
          // Every talk heading is still a top-level heading, in order.
          let at = 0;
          for (const h of headings) if (h === titles[at]) at++;
          expect(at, result.markdown).toBe(titles.length);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  });
});
