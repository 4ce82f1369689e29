import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES, builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { escapeMarkdown, markdownBlock, markdownInline, safeUrl } from '../../../recap/markdown';
import type { RecapInput } from '../../../recap/model';
import { buildRecapModel } from '../../../recap/model';
import { checkTemplate, renderTemplate } from '../../../recap/render';
import { EVENT, GLUSTER, NETWORK, NOTES, SELINUX } from '../../fixtures/recap/summit-2012';

/** Tests about the bullet template ("Talk notes (bullets)") name it: new recaps start on the Day post. */
const BULLETS = builtinTemplate('builtin:day-recap')!.source;

const input = (extra: Partial<RecapInput> = {}): RecapInput => ({
  event: EVENT,
  day: '2012-06-27',
  talks: [GLUSTER, SELINUX, NETWORK].map((talk) => ({
    talk,
    notes: NOTES.filter((n) => n.talkId === talk.id),
  })),
  ...extra,
});

describe('escaping', () => {
  it('leaves ordinary titles alone and escapes what Markdown would read', () => {
    expect(escapeMarkdown('Red Hat Summit 2012: Wednesday')).toBe('Red Hat Summit 2012: Wednesday');
    expect(escapeMarkdown('*Fast* _paths_ [x] `code` <b>')).toBe(
      '\\*Fast\\* \\_paths\\_ \\[x\\] \\`code\\` &lt;b\\>',
    );
    expect(escapeMarkdown('# 1. C# &copy;')).toBe('\\# 1. C# \\&copy;');
    expect(escapeMarkdown('2012. A year')).toBe('2012\\. A year');
    expect(escapeMarkdown('- item\nnext')).toBe('\\- item next');
  });

  it('keeps note Markdown but not raw HTML or block structure', () => {
    expect(markdownInline('use `<b>` and *this* <b>bold</b>')).toBe('use `<b>` and *this* &lt;b>bold&lt;/b>');
    expect(markdownInline('# not a heading\n- not a list\n> not a quote')).toBe(
      '\\# not a heading\\\n\\- not a list\\\n\\> not a quote',
    );
    expect(markdownInline('an `unclosed code')).toBe('an \\`unclosed code');
    expect(markdownBlock('```sh\nls <dir>')).toBe('```sh\nls <dir>\n```');
  });

  it('links only http(s) URLs, encoded for a link destination', () => {
    expect(safeUrl('javascript:alert(1)')).toBe('');
    expect(safeUrl('https://example.org/a (1).pdf')).toBe('https://example.org/a%20%281%29.pdf');
    expect(safeUrl('nonsense')).toBe('');
  });
});

describe('templates', () => {
  it('renders every built-in template for the Wednesday talks', () => {
    for (const t of BUILTIN_TEMPLATES) {
      const result = composeRecap(
        input({
          talks: input().talks.map((x) => ({ ...x, options: { include: 'all', thumbnails: true } })),
          thumbnailUrl: (id) => `images/${id}.jpg`,
        }),
        { template: t.source },
      );
      expect(result.ok, t.name).toBe(true);
      if (result.ok) expect(result.markdown).toContain('SELinux for Mere Mortals');
    }
  });

  it('groups notes by slide in the slides digest', () => {
    const result = composeRecap(input(), { template: builtinTemplate('builtin:slides-digest')!.source });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.markdown).toContain('### Slide 14: mv vs cp');
    expect(result.markdown).toContain('### Other notes');
  });

  it('keeps only takeaways or quotes when asked', () => {
    const model = buildRecapModel(
      input({
        talks: input().talks.map((t) => ({ ...t, options: { include: 'quotes', thumbnails: false } })),
      }),
    );
    expect(model.talks.flatMap((t) => t.notes.map((n) => n.kind))).toEqual(['quote', 'quote']);
  });

  it('moves only real #tags to the tag line: a #number stays in the note', () => {
    // Tags as the note box files them (storage/tags.ts): `#123` is not a tag, `#a#b` is only `a`.
    const notes: [string, string[]][] = [
      ['Meet in room #123', []],
      ['Fixed in #42 #glusterfs', ['glusterfs']],
      ['Written #a#b', ['a']],
      ['Only tags #x #y-z', ['x', 'y-z']],
      ['#storage', ['storage']],
    ];
    const result = composeRecap(
      {
        title: 'Tags',
        talks: [
          {
            talk: { ...GLUSTER, slidesUrl: undefined, speakers: [], room: undefined, startsAt: undefined },
            notes: notes.map(([body, tags], i) => ({
              ...NOTES[0]!,
              id: `N${i}`,
              createdAt: i,
              body,
              tags,
              kind: 'note' as const,
              anchor: undefined,
            })),
          },
        ],
      },
      { template: BULLETS },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.markdown).toBe(
      [
        '# Tags',
        '',
        '## GlusterFS and Red Hat Storage: the roadmap',
        '',
        '- Meet in room #123',
        '- Fixed in #42',
        '- Written #a#b',
        '- Only tags',
        '',
        'Tagged: glusterfs, a, x, y-z, storage',
        '',
      ].join('\n'),
    );
  });

  it('reports a template error with its line instead of a blank post', () => {
    const model = buildRecapModel(input());
    const bad = renderTemplate('# {{ recap.title }}\n\n{{ recap.titel }}\n', model);
    expect(bad).toEqual({ ok: false, error: expect.objectContaining({ line: 3 }) });
    expect(renderTemplate('{{ recap.title | shout }}', model)).toMatchObject({
      ok: false,
      error: { line: 1 },
    });
    expect(checkTemplate('{% for t in recap.talks %}')).toMatchObject({ line: 1 });
    expect(renderTemplate('{% if false %}x{% endif %}\n\n', model)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/empty post/) },
    });
  });

  it('adds Jekyll and Hugo front matter', () => {
    const jekyll = composeRecap(input({ title: 'Day "two": *fast*' }), { frontMatter: 'jekyll' });
    if (!jekyll.ok) throw new Error(jekyll.error.message);
    expect(jekyll.markdown).toMatch(
      /^---\nlayout: post\ntitle: "Day \\"two\\": \*fast\*"\ndate: 2012-06-27\ntags: \["glusterfs", .*\]\nrender_with_liquid: false\n---\n\n# Day "two": \\\*fast\\\*\n/,
    );
    const hugo = composeRecap(input(), { frontMatter: 'hugo' });
    expect(
      hugo.ok && hugo.markdown.startsWith('---\ntitle: "Red Hat Summit 2012: Wednesday"\ndate: 2012-06-27\n'),
    ).toBe(true);
  });
});

describe('the default template', () => {
  it('is the Day post: a paragraph per talk, not bullets (DESIGN §5)', () => {
    const result = composeRecap(input());
    if (!result.ok) throw new Error(result.error.message);
    const body = result.markdown.split('\n');
    expect(body[0]).toMatch(/^# /);
    expect(body.filter((l) => l.startsWith('- '))).toEqual([]);
    expect(body.some((l) => l.startsWith('## '))).toBe(false);
    expect(result.markdown).toMatch(/\nTagged: [^\n]+\n$/);
  });
});
