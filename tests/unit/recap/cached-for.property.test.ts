/**
 * The remembering `for` (recap/cached-for.ts) and the remembered talk models (recap/talk-cache.ts)
 * against their oracle: the same model rendered by a plain liquidjs engine with the same options
 * and the stock `for`, which remembers nothing. Across random sequences of edits (a note's text or
 * kind, a note added or trashed, a talk's title, a talk's options, the recap's title, the links
 * setting, talks reordered; each input a structured clone as the render worker gets it, or the
 * same objects), every built-in template and user-style templates that assign, capture, increment,
 * cycle, break and continue inside loops, nest loops, read outer variables, use `offset: continue`,
 * `tablerow`, ranges with repeated items, and fail on a missing variable render the same Markdown
 * (or the same error) as the oracle. And a cacheable loop really is not interpreted again.
 */
import fc from 'fast-check';
import { Liquid } from 'liquidjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES, focusOf } from '../../../recap/builtins';
import { clearRecapCaches } from '../../../recap/compose';
import { tidyMarkdown } from '../../../recap/markdown';
import { buildRecapModel, type RecapInput, type RecapModel } from '../../../recap/model';
import { LIQUID_OPTIONS, renderTemplate, templateError } from '../../../recap/render';
import type { NoteKind } from '../../../storage/types';
import { corpusDay } from '../../corpus-day';

/** The oracle: liquidjs as shipped, nothing remembered. */
const plain = new Liquid(LIQUID_OPTIONS);

function oracle(source: string, model: RecapModel): { ok: boolean; text: string } {
  try {
    const out = tidyMarkdown(
      String(plain.renderSync(plain.parse(source), { recap: model, talks: model.talks })),
    );
    // renderTemplate refuses an empty post: the same refusal here.
    return out.trim() ? { ok: true, text: out } : { ok: false, text: 'empty' };
  } catch (e) {
    return { ok: false, text: templateError(e).message };
  }
}

function cached(source: string, model: RecapModel): { ok: boolean; text: string } {
  const r = renderTemplate(source, model);
  if (r.ok) return { ok: true, text: r.markdown };
  return {
    ok: false,
    text: r.error.message.startsWith('The template produced an empty post') ? 'empty' : r.error.message,
  };
}

const USER_TEMPLATES: Record<string, string> = {
  assign: `{% for talk in recap.talks %}{% assign n = forloop.index | times: 2 %}{{ n }} {{ talk.title }}
{% endfor %}{{ n }}`,
  increment: `{% for talk in recap.talks %}{% increment c %} {{ talk.title }}
{% endfor %}{% for talk in recap.talks %}{% decrement c %}{% endfor %}`,
  capture: `{% for talk in recap.talks %}{% capture t %}{{ talk.title | upcase }}{% endcapture %}{{ t }}
{% endfor %}last: {{ t }}`,
  'nested, inner reads the outer variable': `{% for talk in recap.talks %}{% for note in talk.notes %}- {{ talk.title }}: {{ note.text }}
{% endfor %}{% endfor %}`,
  'nested, inner reads its own only': `{% for talk in recap.talks %}## {{ talk.title }}
{% for note in talk.notes %}- {{ note.line }} ({{ forloop.index }}/{{ forloop.length }})
{% endfor %}{% endfor %}`,
  cycle: `{% for talk in recap.talks %}{% for note in talk.notes %}{% cycle "a", "b", "c" %} {{ note.text }}
{% endfor %}{% endfor %}`,
  'break and continue': `{% for talk in recap.talks %}{% for note in talk.notes %}{% if note.kind == "quote" %}{% continue %}{% endif %}{% if forloop.index > 3 %}{% break %}{% endif %}{{ note.text }}
{% endfor %}{% if forloop.index == 2 %}{% break %}{% endif %}{% endfor %}`,
  'forloop values and modifiers': `{% for talk in recap.talks reversed limit:3 offset:1 %}{{ forloop.index }}/{{ forloop.length }} {{ forloop.rindex }} {{ forloop.rindex0 }} {{ forloop.index0 }} {{ forloop.name }}{% if forloop.first %} first{% endif %}{% if forloop.last %} last{% endif %} {{ talk.title }}
{% endfor %}`,
  'offset continue': `{% for talk in recap.talks %}{% for n in talk.notes limit:1 %}{{ n.text }}{% endfor %} / {% for n in talk.notes offset:continue limit:1 %}{{ n.text }}{% endfor %}
{% endfor %}{% for talk in recap.talks limit:2 %}{{ talk.title }}{% endfor %}{% for talk in recap.talks offset:continue %}{{ talk.title }}{% endfor %}`,
  'ranges with repeated items': `{% for talk in recap.talks %}{% for i in (1..3) %}{{ i }}{% endfor %} {% for i in (1..3) %}{{ i }}{{ talk.title }}{% endfor %}
{% endfor %}{% for i in (1..3) %}{% for j in (1..2) %}{{ i | times: j }}{% endfor %}{% endfor %}`,
  tablerow: '{% tablerow talk in recap.talks cols:2 %}{{ talk.title }}{% endtablerow %}',
  'reads a recap field': `{% for talk in recap.talks %}{{ recap.title }} — {{ talk.title }}
{% endfor %}`,
  'else branch and pure tags': `{% for talk in recap.talks %}{% for q in talk.quotes %}{% case q.kind %}{% when "quote" %}Q{% else %}N{% endcase %}{% unless q.slide %}-{% endunless %}{% echo q.text | truncate: 20 %}{% raw %}{{x}}{% endraw %}{% comment %}c{% endcomment %}{% # inline %}
{% else %}no quotes in {{ talk.title }}
{% endfor %}{% endfor %}`,
  'repeated strings': `{% assign xs = "a,b,a,b" | split: "," %}{% for x in xs %}{{ x }}{{ forloop.index }}{% endfor %}
{% for talk in recap.talks %}{% for x in xs %}{{ x }}{% endfor %}{% endfor %}`,
  'liquid tag in the body': `{% for talk in recap.talks %}{% liquid
  assign x = talk.title | size
  echo x
%}
{% endfor %}`,
  'missing variable': `{% for talk in recap.talks %}{% if forloop.index == 3 %}{{ talk.nope }}{% endif %}{{ talk.title }}{% endfor %}`,
  'objects and sentences': `{% for p in recap.event %}{{ p[0] }}
{% endfor %}{% for talk in recap.talks %}{% for s in talk.sentences %}{{ s }} {% endfor %}
{% endfor %}`,
  'date and sample': `{% for talk in recap.talks %}{{ talk.title | date: "%Y" }}{{ talk.sentences | sample | size | at_least: 0 | at_most: 0 }}
{% endfor %}`,
};

type Edit =
  | { op: 'text'; k: number; text: string }
  | { op: 'kind'; k: number; kind: NoteKind }
  | { op: 'trash'; k: number }
  | { op: 'add'; t: number; text: string }
  | { op: 'talkTitle'; t: number; text: string }
  | { op: 'include'; t: number; include: 'all' | 'takeaways' | 'quotes' }
  | { op: 'title'; text: string }
  | { op: 'links'; where: 'none' | 'talk' | 'post' }
  | { op: 'swap'; t: number }
  | { op: 'same' };

const words = fc.constantFrom(
  'alpha',
  'beta http://x.org/a',
  '`code`',
  '#tag',
  'slides later',
  '<b>x</b>',
  '日本語',
);
const text = fc.array(words, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('text' as const), k: fc.nat(200), text }),
  fc.record({
    op: fc.constant('kind' as const),
    k: fc.nat(200),
    kind: fc.constantFrom<NoteKind>('note', 'quote', 'question', 'takeaway'),
  }),
  fc.record({ op: fc.constant('trash' as const), k: fc.nat(200) }),
  fc.record({ op: fc.constant('add' as const), t: fc.nat(10), text }),
  fc.record({ op: fc.constant('talkTitle' as const), t: fc.nat(10), text }),
  fc.record({
    op: fc.constant('include' as const),
    t: fc.nat(10),
    include: fc.constantFrom('all' as const, 'takeaways' as const, 'quotes' as const),
  }),
  fc.record({ op: fc.constant('title' as const), text }),
  fc.record({
    op: fc.constant('links' as const),
    where: fc.constantFrom('none' as const, 'talk' as const, 'post' as const),
  }),
  fc.record({ op: fc.constant('swap' as const), t: fc.nat(10) }),
  fc.constant({ op: 'same' as const }),
);

function baseDay(): RecapInput {
  return corpusDay({ notes: 40, talks: 4, seed: 11 });
}

/** The input after one edit; untouched talks keep their objects. */
function apply(input: RecapInput, e: Edit, run: number): RecapInput {
  const talks = input.talks;
  const pick = (t: number) => t % talks.length;
  const withTalk = (t: number, f: (x: RecapInput['talks'][number]) => RecapInput['talks'][number]) => ({
    ...input,
    talks: talks.map((x, i) => (i === pick(t) ? f(x) : x)),
  });
  const noteAt = (k: number): [number, number] => {
    const total = talks.reduce((n, t) => n + t.notes.length, 0);
    let left = total ? k % total : 0;
    for (let t = 0; t < talks.length; t++) {
      if (left < talks[t]!.notes.length) return [t, left];
      left -= talks[t]!.notes.length;
    }
    return [0, -1];
  };
  const withNote = (k: number, f: (n: RecapInput['talks'][number]['notes'][number]) => typeof n) => {
    const [t, j] = noteAt(k);
    if (j < 0) return input;
    return withTalk(t, (x) => ({ ...x, notes: x.notes.map((n, i) => (i === j ? f(n) : n)) }));
  };
  switch (e.op) {
    case 'text':
      return withNote(e.k, (n) => ({ ...n, body: e.text }));
    case 'kind':
      return withNote(e.k, (n) => ({ ...n, kind: e.kind }));
    case 'trash':
      return withNote(e.k, (n) => ({ ...n, deletedAt: 1 }));
    case 'add':
      return withTalk(e.t, (x) => ({
        ...x,
        notes: [
          ...x.notes,
          {
            ...x.notes[0]!,
            id: `added-${run}`,
            body: e.text,
            createdAt: 1_700_000_000_000 + run,
            deletedAt: undefined,
          },
        ],
      }));
    case 'talkTitle':
      return withTalk(e.t, (x) => ({ ...x, talk: { ...x.talk, title: e.text } }));
    case 'include':
      return withTalk(e.t, (x) => ({ ...x, options: { ...x.options, include: e.include } }));
    case 'title':
      return { ...input, title: e.text };
    case 'links':
      return { ...input, linksMentioned: e.where };
    case 'swap': {
      const i = pick(e.t);
      const j = (i + 1) % talks.length;
      const next = [...talks];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return { ...input, talks: next };
    }
    case 'same':
      return input;
  }
}

afterEach(() => clearRecapCaches());

const TEMPLATES = [
  ...BUILTIN_TEMPLATES.map((t) => [t.name, t.source] as const),
  ...Object.entries(USER_TEMPLATES),
];

/**
 * From a fresh cache, the day after each of `edits` (each input given as is or as a structured clone,
 * as the render worker gets it) rendered through every one of `sources`, with and without remembering:
 * the two must agree. The oracle reads the same model (its lazy fields settle alike either way).
 */
function rendersAsPlain(edits: readonly (readonly [Edit, boolean])[], sources: readonly string[]): void {
  clearRecapCaches();
  let input = baseDay();
  let run = 0;
  for (const [e, clone] of [[{ op: 'same' } as Edit, true] as const, ...edits]) {
    input = apply(input, e, ++run);
    const given = clone ? structuredClone(input) : input;
    for (const source of sources) {
      const model = buildRecapModel({ ...given, focus: focusOf(source) });
      expect(cached(source, model)).toEqual(oracle(source, model));
    }
  }
}

describe('remembered loop iterations and talk models', () => {
  it.each(TEMPLATES)('render as the plain engine does after any edits: %s', (_name, source) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(edit, fc.boolean()), { minLength: 1, maxLength: 8 }), (edits) =>
        rendersAsPlain(edits, [source]),
      ),
      { numRuns: 25 },
    );
  });

  it('render as the plain engine does with every template rendered in turn after each edit', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(edit, fc.boolean()), { minLength: 1, maxLength: 4 }), (edits) =>
        rendersAsPlain(
          edits,
          TEMPLATES.map(([, source]) => source),
        ),
      ),
      { numRuns: 8 },
    );
  });

  it('does not interpret a cacheable loop body again for the same talk objects', () => {
    let reads = 0;
    const talk = (title: string) => ({
      get title() {
        reads++;
        return title;
      },
    });
    const talks = [talk('A'), talk('B')];
    const source = '{% for talk in recap.talks %}{{ talk.title }}|{% endfor %}';
    const model = { talks } as unknown as RecapModel;
    expect(cached(source, model).text).toBe('A|B|\n');
    expect(reads).toBe(2);
    // Same objects, one new one: only the new one is read.
    const next = { talks: [talks[0], talk('C')] } as unknown as RecapModel;
    expect(cached(source, next).text).toBe('A|C|\n');
    expect(reads).toBe(3);
    // Another template rendered in between: this loop still finds what it wrote last time.
    cached('{{ recap.talks.size }}', next);
    expect(cached(source, next).text).toBe('A|C|\n');
    expect(reads).toBe(3);
    // A body that reads anything else is interpreted every time.
    const outer = '{% for talk in recap.talks %}{{ talk.title }}{{ recap.sep }}{% endfor %}';
    const withSep = { talks, sep: '|' } as unknown as RecapModel;
    cached(outer, withSep);
    const before = reads;
    expect(cached(outer, withSep).text).toBe('A|B|\n');
    expect(reads).toBe(before + 2);
  });

  it('counts a remembered iteration against the memory limit as when it was written', () => {
    const big = 'x'.repeat(1_000);
    const source = '{% for s in recap.items %}{{ s | append: s }}{% endfor %}';
    // `append` counts 2,000 per iteration: 32,000 reach the 64 MB limit, one more passes it. Only
    // when remembered iterations count too does the second render stop where the first did.
    const model = { items: Array.from({ length: 32_001 }, () => big) } as unknown as RecapModel;
    const want = oracle(source, model);
    expect(want).toEqual({
      ok: false,
      text: 'The template stopped: it writes more than 64 MB (memory limit). Check its loops.',
    });
    // The first render remembers the iterations before the limit; the second writes them from memory.
    expect(cached(source, model)).toEqual(want);
    expect(cached(source, model)).toEqual(want);
  });
});
