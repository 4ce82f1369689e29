// @vitest-environment jsdom
/**
 * Kinds as structure, end to end through the pure pipeline: a day whose notes were typed with every
 * kind prefix (`? `, `> `, `! `, `! ! `, `[ ] `, `- [ ] `, `TODO: `) is saved by the notes
 * repository's builder (the save path), then rendered to the Day recap (Markdown and rich HTML),
 * the Talk notes archive, the Slides digest, My takeaways and Web Annotations. Each output renders
 * the kind its own way and holds no prefix, escaped or not. Expected text is written by hand.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { annotationCollection } from '../../../recap/annotations';
import { notesArchive } from '../../../recap/archive';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { markdownToSafeHtml } from '../../../recap/html';
import { buildNote } from '../../../storage/notes';
import { EVENT, GLUSTER } from '../../fixtures/recap/summit-2012';

/** This test is about the bullet template ("Talk notes (bullets)"); new recaps start on the Day post. */
const BULLETS = builtinTemplate('builtin:day-recap')!.source;

const at = (hhmm: string) => Date.parse(`2012-06-27T${hhmm}:00-04:00`);
const slide = (n: number) => ({ slide: { index: n - 1, label: String(n) } });
const url = GLUSTER.slidesUrl!;

/** As the user typed them, in the order they typed them. */
const NOTES = [
  buildNote(
    { url, talkId: GLUSTER.id, body: '? How does the scheduler pick a node? #kubernetes', anchor: slide(3) },
    at('10:45'),
  ),
  buildNote({ url, talkId: GLUSTER.id, body: '> Most of your pods are idle', anchor: slide(3) }, at('10:46')),
  buildNote(
    { url, talkId: GLUSTER.id, body: '! Profile scheduling latency before tuning', anchor: slide(4) },
    at('10:50'),
  ),
  buildNote({ url, talkId: GLUSTER.id, body: '[ ] check the quorum settings' }, at('10:55')),
  buildNote({ url, talkId: GLUSTER.id, body: 'Plain note about etcd', anchor: slide(4) }, at('11:00')),
  buildNote({ url, talkId: GLUSTER.id, body: '- [ ] read the paper' }, at('11:05')),
  buildNote({ url, talkId: GLUSTER.id, body: 'TODO: file a bug' }, at('11:10')),
  buildNote({ url, talkId: GLUSTER.id, body: '! ! Quorum' }, at('11:15')),
];

const compose = (templateId: string) => {
  const result = composeRecap(
    { event: EVENT, day: '2012-06-27', talks: [{ talk: GLUSTER, notes: NOTES }] },
    { template: builtinTemplate(templateId)!.source },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.markdown;
};

/**
 * Lines (and list items, block quotes, quotation marks, "Open question:" labels) that start with a
 * kind prefix or an escaped one. One Markdown marker of the output's own (`- `, `> `, `“`, a label)
 * is allowed; a prefix after it is not.
 */
function prefixLeaks(text: string): string[] {
  const PREFIX = /^(?:\\?[?!>]\s|\\>|\\?\[ ?\\?\]|TODO\b|todo:)/;
  return text.split('\n').filter((line) => {
    const inner = line
      .trimStart()
      .replace(/^(?:[-*+]\s+|>\s?|<li>|<p>|<blockquote>\s*<p>)/, '')
      .replace(/^(?:“|Open question:\s*)/, '');
    return PREFIX.test(inner) || /\\>|&gt;\s|“\s*\\?[?!>]|Open question:\s*[?!>\\]/.test(line);
  });
}

describe('kinds in the outputs', () => {
  it('saves the kinds and clean bodies', () => {
    expect(NOTES.map((n) => [n.kind, n.body])).toEqual([
      ['question', 'How does the scheduler pick a node? #kubernetes'],
      ['quote', 'Most of your pods are idle'],
      ['takeaway', 'Profile scheduling latency before tuning'],
      ['todo', 'check the quorum settings'],
      ['note', 'Plain note about etcd'],
      ['todo', 'read the paper'],
      ['todo', 'file a bug'],
      ['takeaway', 'Quorum'],
    ]);
  });

  it('Day recap: questions as "Open question: …", quotes in “…”, no prefixes; to-dos stay private', () => {
    const md = compose('builtin:day-recap');
    expect(md).toBe(
      [
        '# Red Hat Summit 2012: Wednesday',
        '',
        '## GlusterFS and Red Hat Storage: the roadmap',
        '',
        '[John Mark Walker](https://www.gluster.org/) · 10:40–11:40 · Room 210 · [Slides](https://www.redhat.com/summit/2012/presentations/glusterfs-roadmap.pdf)',
        '',
        '- Open question: How does the scheduler pick a node? (slide 3)',
        '- “Most of your pods are idle” (slide 3)',
        '- Profile scheduling latency before tuning (slide 4)',
        '- Plain note about etcd (slide 4)',
        '- Quorum',
        '',
        'Tagged: kubernetes',
        '',
      ].join('\n'),
    );
    expect(prefixLeaks(md)).toEqual([]);

    const html = markdownToSafeHtml(md);
    expect(html).toContain('<li>Open question: How does the scheduler pick a node? (slide 3)</li>');
    expect(html).toContain('<li>“Most of your pods are idle” (slide 3)</li>');
    expect(html).toContain('<li>Profile scheduling latency before tuning (slide 4)</li>');
    expect(html).toContain('<li>Quorum</li>');
    expect(html).not.toMatch(/&gt;|<li>\s*[?!]\s|\[ ?\]|\bTODO\b|<blockquote>/);
    expect(prefixLeaks(html.replace(/></g, '>\n<'))).toEqual([]);
  });

  it('Talk notes (the Markdown archive): takeaways, quotes as block quotes, questions, each without a prefix', () => {
    const zip = unzipSync(notesArchive([{ talk: GLUSTER, event: EVENT, notes: NOTES }], []));
    const files = Object.keys(zip);
    expect(files).toEqual(['red-hat-summit-2012/2012-06-27-glusterfs-and-red-hat-storage-the-roadmap.md']);
    const md = strFromU8(zip[files[0]!]!);
    expect(md).toContain('## Takeaways\n\n- Profile scheduling latency before tuning (slide 4)\n- Quorum\n');
    expect(md).toContain('## Notes\n\n- **Slide 4:** Plain note about etcd\n');
    // The quote is a Markdown block quote: the output's own way, one ">" and no "\>".
    expect(md).toContain('## Quotes\n\n> Most of your pods are idle (slide 3)\n');
    expect(md).toContain('## Questions\n\n- How does the scheduler pick a node?\n');
    expect(md).not.toMatch(/quorum settings|read the paper|file a bug/);
    expect(prefixLeaks(md)).toEqual([]);
  });

  it('Slides digest and My takeaways: the text alone, no prefix', () => {
    const digest = compose('builtin:slides-digest');
    expect(digest).toContain(
      '### Slide 3\n\n- How does the scheduler pick a node?\n- Most of your pods are idle\n\n### Slide 4\n\n- Profile scheduling latency before tuning\n- Plain note about etcd\n',
    );
    expect(digest).toContain('### Other notes\n\n- Quorum\n');
    expect(prefixLeaks(digest)).toEqual([]);

    const takeaways = compose('builtin:my-takeaways');
    expect(takeaways).toContain(
      '- Profile scheduling latency before tuning — *GlusterFS and Red Hat Storage: the roadmap*\n- Quorum — *GlusterFS and Red Hat Storage: the roadmap*\n',
    );
    expect(prefixLeaks(takeaways)).toEqual([]);
  });

  it('Web Annotations: the kind is the motivation, the body has no prefix', () => {
    const page = annotationCollection(NOTES).first as { items: Record<string, unknown>[] };
    const all = page.items;
    const bodies = all.map((a) => {
      const [text] = a.body as { value: string; purpose: string }[];
      return [a.motivation, text!.value];
    });
    expect(bodies).toEqual([
      ['questioning', 'How does the scheduler pick a node? #kubernetes'],
      ['highlighting', 'Most of your pods are idle'],
      ['commenting', 'Profile scheduling latency before tuning'],
      [expect.any(String), 'check the quorum settings'],
      ['commenting', 'Plain note about etcd'],
      [expect.any(String), 'read the paper'],
      [expect.any(String), 'file a bug'],
      ['commenting', 'Quorum'],
    ]);
  });

  it('renders a note that missed the upgrade (prefix still in its body) the same way', () => {
    const legacy = [
      {
        ...NOTES[4]!,
        id: '01CE00000000000000000X0001',
        body: '? Is etcd the bottleneck?',
        kind: 'note' as const,
      },
      {
        ...NOTES[4]!,
        id: '01CE00000000000000000X0002',
        body: '> Most of your pods are idle',
        kind: 'quote' as const,
      },
    ];
    const result = composeRecap(
      { event: EVENT, day: '2012-06-27', talks: [{ talk: GLUSTER, notes: legacy }] },
      { template: BULLETS },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.markdown).toContain(
      '- Open question: Is etcd the bottleneck? (slide 4)\n- “Most of your pods are idle” (slide 4)\n',
    );
  });

  it('the leak check catches what the issue saw', () => {
    expect(
      prefixLeaks(
        [
          '- Open question: ? How does it scale?',
          '- “\\> Most of your pods…”',
          '- ! Profile scheduling latency',
          '- [ ] check',
          '> > nested',
          '<li>? asked</li>',
          '- Fine line',
          '> A quote',
        ].join('\n'),
      ),
    ).toEqual([
      '- Open question: ? How does it scale?',
      '- “\\> Most of your pods…”',
      '- ! Profile scheduling latency',
      '- [ ] check',
      '> > nested',
      '<li>? asked</li>',
    ]);
  });
});
