// @vitest-environment jsdom
/**
 * The last pass of every Markdown export (recap/safe-markdown.ts), case by case, with outputs
 * written by hand; the user's own template keeps its HTML and the composer is told; the mark that
 * makes a template "written on this device" (components/recap/template-trust.ts).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { isOwnTemplate, markOwnTemplate, unmarkOwnTemplate } from '../../../components/recap/template-trust';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { safeMarkdown } from '../../../recap/safe-markdown';
import { EVENT, GLUSTER, NOTES } from '../../fixtures/recap/summit-2012';

/** This test is about the bullet template ("Talk notes (bullets)"); new recaps start on the Day post. */
const BULLETS = builtinTemplate('builtin:day-recap')!.source;

const md = (text: string, keepHtml = false) => safeMarkdown(text, { keepHtml }).markdown;

describe('links in an export', () => {
  it('defuses the scheme of a link to javascript:, vbscript: or data:, however it is written', () => {
    expect(md('[x](javascript:alert(1))')).toBe('[x](javascript%3Aalert(1))');
    expect(md('[x](JaVaScRiPt:alert(1))')).toBe('[x](JaVaScRiPt%3Aalert(1))');
    expect(md('[x](jav&#x61;script:alert(1))')).toBe('[x](jav&#x61;script%3Aalert(1))');
    expect(md('[x](javascript&#58;alert(1))')).toBe('[x](javascript%3Aalert(1))');
    expect(md('[x](javascript\\:alert(1))')).toBe('[x](javascript%3Aalert(1))');
    expect(md('[x](java&#9;script:alert(1))')).toBe('[x](java&#9;script%3Aalert(1))');
    expect(md('[x](<java\tscript:alert(1)>)')).toBe('[x](<java\tscript%3Aalert(1)>)');
    expect(md('[x](  \n  javascript:alert(1))')).toBe('[x](  \n  javascript%3Aalert(1))');
    expect(md('[x](&#32;javascript:alert(1))')).toBe('[x](&#32;javascript%3Aalert(1))');
    expect(md('[x](vbscript:msgbox(1))')).toBe('[x](vbscript%3Amsgbox(1))');
    expect(md('[x](data:text/html,hi)')).toBe('[x](data%3Atext/html,hi)');
    // A named reference where a scheme could start is made text: it could stand for a letter or ':'.
    expect(md('[x](javascript&colon;alert(1))')).toBe('[x](javascript&amp;colon;alert(1))');
    expect(md('[x](java&Tab;script:alert(1))')).toBe('[x](java&amp;Tab;script:alert(1))');
  });

  it('defuses definitions (what reference links point at) and autolinks', () => {
    expect(md('[r]\n\n[r]: javascript:alert(1)')).toBe('[r]\n\n[r]: javascript%3Aalert(1)');
    expect(md('> [r]:\n> javascript:alert(1)')).toBe('> [r]:\n> javascript%3Aalert(1)');
    expect(md('<javascript:alert(1)>')).toBe('<javascript%3Aalert(1)>');
    expect(md('<DATA:text/html,x>')).toBe('<DATA%3Atext/html,x>');
  });

  it('keeps http, https, mailto, relative links, text, escaped brackets and the recap’s raster thumbnails', () => {
    const kept = [
      '[x](https://example.org/a:b) [y](http://example.org) [z](mailto:a@example.org) [w](images/a.png)',
      '<https://example.org> <a@example.org> <mailto:a@example.org>',
      'javascript:alert(1) in plain text, and data: too',
      '\\[x\\](javascript:alert(1)) is text',
      '![Slide 4](data:image/png;base64,iVBORw0KGgo=) ![Slide \\*](data:image/webp;base64,AAAA)',
      // A destination ends at the line end: the line after a blank one is nobody's address.
      '- see [1]:\n\nTagged: a',
    ];
    for (const text of kept) expect(md(text), text).toBe(text);
  });

  it('defuses data: that is not a raster image, or not an image', () => {
    expect(md('![x](data:image/svg+xml;base64,PHN2Zz4=)')).toBe('![x](data%3Aimage/svg+xml;base64,PHN2Zz4=)');
    expect(md('[x](data:image/png;base64,AAAA)')).toBe('[x](data%3Aimage/png;base64,AAAA)');
    expect(md('\\![x](data:image/png;base64,AAAA)')).toBe('\\![x](data%3Aimage/png;base64,AAAA)');
  });

  it('counts what it defused', () => {
    const { safety } = safeMarkdown('[a](javascript:x) [b](https://ok.example) <vbscript:y>');
    expect(safety).toEqual({ htmlKept: 0, htmlEscaped: 0, linksDefused: 2 });
  });
});

describe('raw HTML in an export', () => {
  it('turns each raw HTML node into text, blocks and inline, and leaves code alone', () => {
    expect(md('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)>');
    expect(md('a <b>bold</b> `<code>` and <https://example.org>')).toBe(
      'a &lt;b>bold&lt;/b> `<code>` and <https://example.org>',
    );
    expect(md('<div>\n*x*\n</div>\n\n```\n<script>\n```')).toBe(
      '&lt;div>\n*x*\n&lt;/div>\n\n```\n<script>\n```',
    );
    expect(md('> <!-- c -->\n> <?php x ?>')).toBe('> &lt;!-- c -->\n> &lt;?php x ?>');
  });

  it('keeps it as written for a template the user wrote on this device, and counts it', () => {
    const text = '<div class="post">\n\n[a](javascript:x)\n\n</div> <b>b</b>';
    const kept = safeMarkdown(text, { keepHtml: true });
    expect(kept.markdown).toBe('<div class="post">\n\n[a](javascript%3Ax)\n\n</div> <b>b</b>');
    // Two HTML blocks: `<div …>` up to the blank line, and the line that starts with `</div>`.
    expect(kept.safety).toEqual({ htmlKept: 2, htmlEscaped: 0, linksDefused: 1 });
  });
});

describe('a template’s HTML in a post', () => {
  const input = {
    event: EVENT,
    talks: [{ talk: GLUSTER, notes: NOTES.filter((n) => n.talkId === GLUSTER.id) }],
  };
  const template =
    '<aside>{{ recap.title }}</aside>\n\n{% for t in recap.talks %}## {{ t.title }}{% endfor %}\n';

  it('is text unless the template was written on this device; the result says which', () => {
    const imported = composeRecap(input, { template });
    const own = composeRecap(input, { template, ownTemplate: true });
    if (!imported.ok || !own.ok) throw new Error('template failed');
    expect(imported.markdown).toBe(
      '&lt;aside>Red Hat Summit 2012: Wednesday&lt;/aside>\n\n## GlusterFS and Red Hat Storage: the roadmap\n',
    );
    expect(imported.safety).toEqual({ htmlKept: 0, htmlEscaped: 1, linksDefused: 0 });
    expect(own.markdown).toBe(
      '<aside>Red Hat Summit 2012: Wednesday</aside>\n\n## GlusterFS and Red Hat Storage: the roadmap\n',
    );
    expect(own.safety).toEqual({ htmlKept: 1, htmlEscaped: 0, linksDefused: 0 });
  });

  it('a note’s code that its context turns into HTML is text, with a built-in template too', () => {
    // Found by the corpus test: a GFM autolink literal runs on through the backtick that would open
    // the code span, so `<b>` is HTML to micromark (and GitHub), not code.
    const note = {
      ...NOTES[0]!,
      body: 'see http://ok.example/a_b`<b>code</b>`',
      tags: [],
      kind: 'note' as const,
      anchor: undefined,
    };
    const result = composeRecap(
      { event: EVENT, talks: [{ talk: GLUSTER, notes: [note] }] },
      { template: BULLETS },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.markdown).toContain('\n- see http://ok.example/a_b`&lt;b>code&lt;/b>`\n');
    expect(result.safety.htmlEscaped).toBe(2);
  });

  it('values from a backup never become HTML, even in the user’s own template', () => {
    const talk = { ...GLUSTER, startsAt: '<img src=x onerror=alert(1)>', id: '<b>T</b>' };
    const own = composeRecap(
      { event: EVENT, talks: [{ talk, notes: [] }] },
      { template: '{% for t in recap.talks %}{{ t.starts_at }} {{ t.id }}{% endfor %}\n', ownTemplate: true },
    );
    if (!own.ok) throw new Error(own.error.message);
    // Plain text, escaped for Markdown: `<` as an entity, `>` with a backslash.
    expect(own.markdown).toBe('&lt;img src=x onerror=alert(1)\\> &lt;b\\>T&lt;/b\\>\n');
    expect(own.safety.htmlKept).toBe(0);
  });
});

describe('templates written on this device', () => {
  beforeEach(() => localStorage.clear());

  it('are the ones saved here, with the source saved here; built-ins never', async () => {
    expect(await isOwnTemplate('T1', '# {{ recap.title }}')).toBe(false);
    await markOwnTemplate('T1', '# {{ recap.title }}');
    expect(await isOwnTemplate('T1', '# {{ recap.title }}')).toBe(true);
    // Changed by an import or a sync: another source, not the one saved here.
    expect(await isOwnTemplate('T1', '<script>x</script># {{ recap.title }}')).toBe(false);
    // Another template with the same source (say, imported) is not marked.
    expect(await isOwnTemplate('T2', '# {{ recap.title }}')).toBe(false);
    await markOwnTemplate('builtin:day-recap', 'x');
    expect(await isOwnTemplate('builtin:day-recap', 'x')).toBe(false);
    unmarkOwnTemplate('T1');
    expect(await isOwnTemplate('T1', '# {{ recap.title }}')).toBe(false);
  });

  it('a damaged mark store counts as no mark', async () => {
    localStorage.setItem('talkmarks:own-templates', '{"T1": 42, "T2": ');
    expect(await isOwnTemplate('T1', 'x')).toBe(false);
    await markOwnTemplate('T3', 'y');
    expect(await isOwnTemplate('T3', 'y')).toBe(true);
  });
});
