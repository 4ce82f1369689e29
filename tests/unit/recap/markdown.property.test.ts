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
import { BUILTIN_TEMPLATES, builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import type { RecapInput } from '../../../recap/model';
import type { NoteKind, NoteRecord, TalkRecord } from '../../../storage/types';

/** This test is about the bullet template ("Talk notes (bullets)"); new recaps start on the Day post. */
const BULLETS = builtinTemplate('builtin:day-recap')!.source;

/*
 * The oracle below is written from docs/templates.md and the CommonMark spec, not from recap/: it
 * calls none of the implementation's helpers and shares none of its regular expressions, so a bug
 * in an escaper cannot also be in the expectation.
 */

/** ECMAScript white space and line terminators (what `String.prototype.trim` removes). */
const WHITE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);

/**
 * What a plain-text field (title, name, room) reads as in the recap, per the docs ("escaped so it
 * reads exactly as typed", on one line): a character that cannot be written — an unpaired
 * surrogate, a C0 control other than tab, line feed and carriage return, DEL — reads as U+FFFD
 * (as CommonMark does with NUL); any run of white space reads as one space; none at either end.
 */
function readsAs(s: string): string {
  const out: string[] = [];
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    let ch: string;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        ch = s.slice(i, i + 2);
        i++;
      } else ch = '\uFFFD';
    } else if (code >= 0xdc00 && code <= 0xdfff) ch = '\uFFFD';
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) ch = '\uFFFD';
    else if (WHITE.has(code)) {
      pendingSpace = out.length > 0;
      continue;
    } else ch = s[i]!;
    if (pendingSpace) out.push(' ');
    pendingSpace = false;
    out.push(ch);
  }
  return out.join('');
}

/** Splits on white space (as above) into the words a note body is made of. */
function words(s: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of s) {
    if (WHITE.has(ch.charCodeAt(0))) {
      if (word) out.push(word);
      word = '';
    } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

/** A `#tag` word: `#`, then letters, marks, digits, `_` or `-`, at least one a letter (storage/tags.ts doc). */
function isTagWord(word: string): boolean {
  const rest = [...word].slice(1);
  if (word[0] !== '#' || rest.length === 0) return false;
  const tagChar = (c: string) => /\p{L}|\p{M}|\p{N}/u.test(c) || c === '_' || c === '-';
  return rest.every(tagChar) && rest.some((c) => /\p{L}/u.test(c));
}

/**
 * A note as storage keeps it (docs/backup-format.md, `notes.body`): a body never starts with a kind
 * prefix — `? ` question, `! ` takeaway, `> ` quote, `[ ] ` or `[] ` (after an optional `- `, `* `
 * or `+ ` list marker) to-do, `TODO ` or `todo:` (any case) to-do — each followed by white space.
 * A body that still has one (written before they were stripped) is read without it, repeated
 * prefixes all go, and a plain `note` takes the first prefix's kind; a body that would be left empty
 * keeps its text. A block quote whose every line starts with `> ` loses every `>`.
 */
function prefixOf(text: string): { kind: NoteKind; rest: string } | undefined {
  const white = (c: string | undefined) => c !== undefined && WHITE.has(c.charCodeAt(0));
  const after = (n: number) => (white(text[n]) ? text.slice(n + 1) : undefined);
  if (text[0] === '?' && after(1) !== undefined) return { kind: 'question', rest: after(1)! };
  if (text[0] === '!' && after(1) !== undefined) return { kind: 'takeaway', rest: after(1)! };
  if (text[0] === '>' && after(1) !== undefined) return { kind: 'quote', rest: after(1)! };
  let i = 0;
  if ('-*+'.includes(text[0] ?? 'x') && text[0] !== undefined && white(text[1])) {
    i = 1;
    while (white(text[i])) i++;
  }
  if (text[i] === '[') {
    let j = i + 1;
    if (text[j] === ' ') j++;
    if (text[j] === ']' && white(text[j + 1])) return { kind: 'todo', rest: text.slice(j + 2) };
  }
  if (text.slice(0, 4).toLowerCase() === 'todo') {
    if (text[4] === ':') {
      let k = 5;
      while (white(text[k])) k++;
      return { kind: 'todo', rest: text.slice(k) };
    }
    if (white(text[4])) return { kind: 'todo', rest: text.slice(5) };
  }
  return undefined;
}

const jsTrim = (t: string) => {
  let a = 0;
  let b = t.length;
  while (a < b && WHITE.has(t.charCodeAt(a))) a++;
  while (b > a && WHITE.has(t.charCodeAt(b - 1))) b--;
  return t.slice(a, b);
};

function storedForm<N extends { kind: NoteKind; body: string }>(n: N): N {
  let text = jsTrim(n.body);
  let first: NoteKind | undefined;
  for (let p = prefixOf(text); p; p = prefixOf(text)) {
    let rest = p.rest;
    if (p.kind === 'quote') {
      const lines = text.split('\n');
      const quoteLine = (l: string) => {
        const t = l.replace(/^[ \t]+/, '');
        return t[0] === '>' && (t.length === 1 || WHITE.has(t.charCodeAt(1)));
      };
      if (lines.length > 1 && lines.every((l) => quoteLine(l) || jsTrim(l) === '')) {
        rest = lines.map((l) => l.replace(/^\s*>/, '').replace(/^[^\S\n]/, '')).join('\n');
      }
    }
    rest = jsTrim(rest);
    if (!rest) break;
    first ??= p.kind;
    text = rest;
  }
  if (!first) return n;
  return { ...n, body: text, kind: n.kind === 'note' ? first : n.kind };
}

/**
 * Day recap shows a note as a bullet unless it is a to-do (private) or its text is empty: the
 * docs' `note.text` is the body without the `#tags` it ends with, so a body of nothing but
 * `#tags` shows no bullet (its tags still go to the tag line).
 */
const shownInDayRecap = (n: { kind: NoteKind; body: string }) => {
  if (n.kind === 'todo') return false;
  const w = words(n.body);
  return w.length === 0 || !w.every(isTagWord);
};

/**
 * The link each test URL must become, written by hand: http(s) only; the characters that would end
 * or confuse a link destination percent-encoded (space, parentheses, angle brackets, backtick).
 */
const LINKED: Record<string, string> = {
  'https://example.org/slides.pdf': 'https://example.org/slides.pdf',
  'https://example.org/a (b)/c<d>.pdf': 'https://example.org/a%20%28b%29/c%3Cd%3E.pdf',
  'http://example.org/x?y=1&z=`2`': 'http://example.org/x?y=1&z=%602%60',
};
const linked = (raw: string | undefined): string[] => (raw && LINKED[raw] ? [LINKED[raw]] : []);

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
  '#42',
  ' #tag',
  '#a#b',
  ' #日本',
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
const text = hostile.filter((s) => readsAs(s) !== '');

/** Tags as the database holds them: lower case, letters of any script, digits, inner `-` / `_`. */
const tagArb = fc
  .tuple(
    fc.constantFrom('a', 'glusterfs', 'é', 'ß', '日本', 'ру', 'x'),
    fc.array(fc.tuple(fc.constantFrom('', '-', '_'), fc.constantFrom('b', '2', 'ü', '語', 'z9')), {
      maxLength: 2,
    }),
  )
  .map(([head, tail]) => head + tail.map(([sep, part]) => sep + part).join(''));

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

const noteFields = {
  body: text,
  kind: fc.constantFrom(...kinds),
  slide: fc.option(fc.record({ index: fc.nat(500), label: hostile }), { nil: undefined }),
  tags: fc.uniqueArray(tagArb, { maxLength: 3 }),
};
const noteArb = fc.record(noteFields);

const talkArb: fc.Arbitrary<TalkArb> = fc.record({
  title: text,
  speakers: fc.array(fc.record({ name: text, url }), { maxLength: 3 }),
  room: fc.option(hostile, { nil: undefined }),
  slidesUrl: url,
  notes: fc.array(noteArb, { maxLength: 6 }),
});

/** The day's moments: notes on no talk, on a page whose title is as hostile as the rest. */
type MomentArb = TalkArb['notes'][number] & { pageTitle?: string };
const momentsArb: fc.Arbitrary<MomentArb[]> = fc.array(
  fc.record({ ...noteFields, pageTitle: fc.option(hostile, { nil: undefined }) }),
  { maxLength: 4 },
);

function toInput(title: string, eventName: string, talks: TalkArb[], moments: MomentArb[] = []): RecapInput {
  let id = 0;
  return {
    title,
    event: { id: 'E', createdAt: 0, updatedAt: 0, name: eventName },
    moments: moments.map((n, i) => ({
      id: `M${id++}`,
      createdAt: 100 + i,
      updatedAt: 100 + i,
      url: 'https://example.org/page',
      pageTitle: n.pageTitle,
      body: n.body,
      kind: n.kind,
      tags: n.tags,
      anchor: n.slide ? { slide: n.slide } : undefined,
    })),
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
        tags: n.tags,
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
        momentsArb,
        (title, eventName, talks, moments) => {
          const input = toInput(title, eventName, talks, moments);
          const result = composeRecap(input, { template: BULLETS });
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
            const intended = [...t.talk.speakers.flatMap((s) => linked(s.url)), ...linked(t.talk.slidesUrl)];
            if (names.length || readsAs(t.talk.room ?? '') !== '' || intended.length) {
              const byline = blocks.shift();
              expect(byline?.type, result.markdown).toBe('paragraph');
              expect(linksIn(byline!)).toEqual(intended);
              for (const name of names) expect(mdText(byline!)).toContain(name);
            }
            const shown = t.notes.map(storedForm).filter(shownInDayRecap);
            if (shown.length) {
              const list = blocks.shift();
              expect(list?.type, result.markdown).toBe('list');
              if (list?.type === 'list') expect(list.children.length).toBe(shown.length);
            }
          }
          // The day's moments (to-dos never): an "Also today" heading, then one item per shown note.
          const offered = (input.moments ?? []).map(storedForm).filter((n) => n.kind !== 'todo');
          if (offered.length) {
            const h2 = blocks.shift();
            expect(h2?.type === 'heading' && h2.depth, result.markdown).toBe(2);
            expect(mdText(h2!)).toBe('Also today');
            const shown = offered.filter(shownInDayRecap);
            if (shown.length) {
              const list = blocks.shift();
              expect(list?.type, result.markdown).toBe('list');
              if (list?.type === 'list') expect(list.children.length).toBe(shown.length);
            }
          }
          const tags = [
            ...new Set(
              [...input.talks.flatMap((t) => t.notes), ...(input.moments ?? [])]
                .map(storedForm)
                .filter((n) => n.kind !== 'todo')
                .flatMap((n) => n.tags),
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
        momentsArb,
        (template, title, intro, talks, moments) => {
          const input = {
            ...toInput(title, 'Conf', talks, moments),
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
          const result = composeRecap(input, { template: BULLETS });
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

/**
 * The prose templates (issue 13), by the sentence rules of docs/templates.md: a paragraph per talk
 * opening "First, {title}" then "Then {title}", the moments as one paragraph (here all written at
 * the same minute), the tag line last; by theme, a heading then one paragraph each. Never a list,
 * never raw HTML, no link but http(s), mailto or relative.
 */
const PROSE = ['builtin:day-post', 'builtin:day-one', 'builtin:takeaways-by-theme'];
const proseTemplate = (id: string) => BUILTIN_TEMPLATES.find((t) => t.id === id)!;

function safeLinks(tree: Root, markdown: string) {
  for (const node of tree.children) {
    for (const u of linksIn(node)) {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u)?.[1]?.toLowerCase();
      expect(scheme === undefined || ['http', 'https', 'mailto'].includes(scheme), `${u}\n${markdown}`).toBe(
        true,
      );
    }
  }
}

function expectProse(templateId: string, input: RecapInput, markdown: string) {
  const tree = parse(markdown);
  walk(tree, (n) => {
    expect(n.type, markdown).not.toBe('html');
    expect(n.type, markdown).not.toBe('list');
  });
  safeLinks(tree, markdown);
  const blocks = [...tree.children];
  const h1 = blocks.shift();
  expect(h1?.type === 'heading' && h1.depth, markdown).toBe(1);
  expect(mdText(h1!)).toBe(readsAs(input.title!));
  const posted = (n: NoteRecord) => shownInDayRecap(storedForm(n));
  const tags = [
    ...new Set(
      [...input.talks.flatMap((t) => t.notes), ...(input.moments ?? [])]
        .map(storedForm)
        .filter((n) => n.kind !== 'todo')
        .flatMap((n) => n.tags),
    ),
  ];
  if (tags.length) {
    const last = blocks.pop();
    expect(last?.type).toBe('paragraph');
    expect(mdText(last!)).toBe(`Tagged: ${tags.join(', ')}`);
  }
  if (templateId === 'builtin:takeaways-by-theme') {
    while (blocks.length) {
      const h2 = blocks.shift();
      expect(h2?.type === 'heading' && h2.depth, markdown).toBe(2);
      expect(blocks.shift()?.type, markdown).toBe('paragraph');
    }
    return;
  }
  input.talks.forEach((t, i) => {
    const para = blocks.shift();
    expect(para?.type, markdown).toBe('paragraph');
    expect(
      mdText(para!).startsWith(`${i === 0 ? 'First, ' : 'Then '}${readsAs(t.talk.title)}`),
      markdown,
    ).toBe(true);
  });
  if ((input.moments ?? []).some(posted)) {
    const para = blocks.shift();
    expect(para?.type, markdown).toBe('paragraph');
    expect(mdText(para!), markdown).toMatch(/^In the (morning|afternoon|evening): /);
  }
  expect(blocks, markdown).toEqual([]);
}

describe('prose recaps stay valid and safe for any note text', { timeout: 120_000 }, () => {
  it('Day post, Day one, Takeaways by theme: paragraphs, headings, the tag line; no list, no HTML, no bad link', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROSE),
        text,
        fc.array(talkArb, { minLength: 1, maxLength: 3 }),
        momentsArb,
        (templateId, title, talks, moments) => {
          const input = toInput(title, 'Conf', talks, moments);
          const result = composeRecap(input, { template: proseTemplate(templateId).source });
          if (!result.ok) throw new Error(`${templateId}: ${result.error.message}`);
          expectProse(templateId, input, result.markdown);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('non-Latin text and 100,000-character notes: the same shape, and the notes are in it', () => {
    const scripts = ['日本語のメモ', 'русский текст', 'العربية', '한국어', 'ελληνικά', 'हिन्दी'];
    fc.assert(
      fc.property(
        fc.constantFrom(...PROSE),
        fc.constantFrom(...scripts),
        fc.array(fc.constantFrom(...NASTY, ...scripts), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<NoteKind>('note', 'takeaway', 'quote', 'question'),
        (templateId, script, nasty, kind) => {
          let body = '';
          while (body.length < 100_000) body += `${script} ${nasty.join('')} `;
          body = `${script} ${body.slice(0, 100_000 - script.length - 1)}`;
          const input = toInput(`${script} 2026`, script, [
            { title: script, speakers: [{ name: script }], notes: [{ body, kind, tags: ['日本'] }] },
            {
              title: `${script} 2`,
              speakers: [],
              notes: [{ body: `${script} #ру`, kind: 'note', tags: ['ру'] }],
            },
          ]);
          const result = composeRecap(input, { template: proseTemplate(templateId).source });
          if (!result.ok) throw new Error(`${templateId}: ${result.error.message}`);
          expectProse(templateId, input, result.markdown);
          expect(mdText(parse(result.markdown))).toContain(script);
        },
      ),
      { numRuns: Number(process.env.FC_LONG_RUNS ?? 6) },
    );
  });
});
