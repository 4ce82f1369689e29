/**
 * The sentence rules of docs/templates.md, case by case, and what the golden posts do not show:
 * themes taken from tags (named as first typed), a picture inline after its sentence (a zip path),
 * a moment before the first talk in "Day one", a talk without a time. Expected texts by hand.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as mdText } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import type { RecapInput } from '../../../recap/model';
import type { NoteKind, NoteRecord, TalkRecord } from '../../../storage/types';

const at = (hhmm: string) => Date.parse(`2012-06-27T${hhmm}:00-04:00`);
const EVENT = { id: 'E1', createdAt: 0, updatedAt: 0, name: 'Summit', timezone: 'America/New_York' };

function talk(id: string, title: string, speakers: string[], startsAt?: string): TalkRecord {
  return {
    id,
    createdAt: 0,
    updatedAt: 0,
    eventId: EVENT.id,
    title,
    speakers: speakers.map((name) => ({ name })),
    ...(startsAt ? { startsAt } : {}),
    url: `https://example.org/${id}`,
    tags: [],
    source: { platform: 'test', url: 'https://example.org', capturedAt: 0 },
  };
}

let seq = 0;
function note(
  talkId: string | undefined,
  hhmm: string,
  body: string,
  kind: NoteKind = 'note',
  tags: string[] = [],
  extra: Partial<NoteRecord> = {},
): NoteRecord {
  seq++;
  return {
    id: `N${seq}`,
    createdAt: at(hhmm),
    updatedAt: at(hhmm),
    ...(talkId ? { talkId } : { eventId: EVENT.id }),
    url: 'https://example.org',
    body,
    tags,
    kind,
    ...extra,
  };
}

function post(templateId: string, input: Omit<RecapInput, 'event' | 'day'>): string {
  const result = composeRecap(
    { event: EVENT, day: '2012-06-27', ...input },
    { template: builtinTemplate(templateId)!.source },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.markdown;
}

describe('sentence rules', () => {
  it('takeaways and notes as written (a period added), quotes with their speakers, questions asked', () => {
    const a = talk('a', 'Storage', ['Ann', 'Bo']);
    const notes = [
      note('a', '10:00', 'Erasure coding is cheap'),
      note('a', '10:01', 'Really?!', 'takeaway'),
      note('a', '10:02', 'Metadata is *the* problem', 'quote'),
      note('a', '10:03', 'what about ARM', 'question'),
      note('a', '10:04', "I'd like the numbers, so I asked for them", 'question'),
      note('a', '10:05', 'try it', 'todo'),
      note('a', '10:06', '#only #tags', 'note', ['only', 'tags']),
      note('a', '10:07', 'See [the paper](https://example.org/p)'),
    ];
    expect(post('builtin:day-post', { talks: [{ talk: a, notes }] })).toBe(
      [
        '# Summit: Wednesday',
        '',
        "First, [Storage](https://example.org/a) by Ann and Bo. Erasure coding is cheap. Really?! As Ann and Bo put it: “Metadata is *the* problem”. I asked: what about ARM? I'd like the numbers, so I asked for them. See [the paper](https://example.org/p).",
        '',
        'Tagged: only, tags',
        '',
      ].join('\n'),
    );
  });

  it('a quote typed in its own quote marks is put in “…” once (seen in a hand-acted day: “"Make it so"”)', () => {
    const a = talk('a', 'Storage', ['Ann']);
    const notes = [
      note('a', '10:00', '"Make the easy path the secure path"', 'quote'),
      note('a', '10:01', '“Ship it”.', 'quote'),
      note('a', '10:02', '«Moins de code»', 'quote'),
      // Two quotes, or a mark that does not close the first: kept as typed.
      note('a', '10:03', '"Fast" or "safe"', 'quote'),
      note('a', '10:04', '"Half open', 'quote'),
    ];
    expect(post('builtin:day-post', { talks: [{ talk: a, notes }] })).toBe(
      [
        '# Summit: Wednesday',
        '',
        'First, [Storage](https://example.org/a) by Ann. As Ann put it: “Make the easy path the secure path”. As Ann put it: “Ship it.” As Ann put it: “Moins de code”. As Ann put it: “"Fast" or "safe"”. As Ann put it: “"Half open”.',
        '',
      ].join('\n'),
    );
    // The same in a note's line (Talk notes (bullets), and any template that shows `note.line`).
    const lines = post('builtin:day-recap', { talks: [{ talk: a, notes: notes.slice(0, 1) }] });
    expect(lines).toContain('“Make the easy path the secure path”');
    expect(lines).not.toContain('“"');
  });

  it('a note that is only a number opening a paragraph stays a sentence, not an ordered list (found by the property test)', () => {
    const md = post('builtin:takeaways-by-theme', {
      talks: [{ talk: talk('z', 'Zero', []), notes: [] }],
      moments: [note(undefined, '10:00', '0'), note(undefined, '10:01', '2012')],
    });
    expect(md).toBe(['# Summit: Wednesday', '', '## Everything else', '', '0\\. 2012\\.', ''].join('\n'));
    const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    expect(tree.children.map((c) => c.type)).toEqual(['heading', 'heading', 'paragraph']);
    expect(mdText(tree.children[2]!)).toBe('0. 2012.');
  });

  it('a picture the user put in the post follows its sentence; others stay out', () => {
    const a = talk('a', 'Slides', ['Cy']);
    const slide = { slide: { index: 3, label: '4' } };
    const notes = [
      note('a', '10:00', 'The chart', 'note', [], { thumbnailId: 'B1', anchor: slide }),
      note('a', '10:01', 'No picture here', 'note', [], { thumbnailId: 'B2' }),
    ];
    const md = post('builtin:day-post', {
      talks: [{ talk: a, notes }],
      pictures: [notes[0]!.id],
      thumbnailUrl: (id) => `images/${id}.png`,
    });
    expect(md).toContain(
      'First, [Slides](https://example.org/a) by Cy. The chart. ![Slide 4](images/B1.png) No picture here.\n',
    );
    expect(md).not.toContain('B2');
  });
});

describe('Day one and themes', () => {
  it('a moment before the first talk comes first; a talk without a time takes its first note’s', () => {
    const a = talk('a', 'Opening', ['Di'], '2012-06-27T09:00:00-04:00');
    const b = talk('b', 'Untimed', []);
    const md = post('builtin:day-one', {
      talks: [
        { talk: a, notes: [note('a', '09:05', 'Welcome')] },
        { talk: b, notes: [note('b', '15:00', 'Late one')] },
      ],
      moments: [note(undefined, '08:30', 'Coffee line'), note(undefined, '13:00', 'Lunch on the lawn')],
    });
    expect(md).toBe(
      [
        '# Summit: Wednesday',
        '',
        'In the morning: Coffee line.',
        '',
        'First, [Opening](https://example.org/a) by Di. Welcome.',
        '',
        'In the afternoon: Lunch on the lawn.',
        '',
        'Then [Untimed](https://example.org/b). Late one.',
        '',
      ].join('\n'),
    );
  });

  it('without chosen themes, the tags are the themes, named as first typed; each note once', () => {
    const a = talk('a', 'One', ['Ed']);
    const b = talk('b', 'Two', ['Flo']);
    const md = post('builtin:takeaways-by-theme', {
      talks: [
        { talk: a, notes: [note('a', '10:00', 'Fast boots #ARM #perf', 'takeaway', ['arm', 'perf'])] },
        {
          talk: b,
          notes: [note('b', '11:00', 'Less jitter #Perf', 'note', ['perf']), note('b', '11:05', 'Untagged')],
        },
      ],
    });
    expect(md).toBe(
      [
        '# Summit: Wednesday',
        '',
        '## ARM',
        '',
        'From [One](https://example.org/a) by Ed: Fast boots.',
        '',
        '## perf',
        '',
        'From [Two](https://example.org/b) by Flo: Less jitter.',
        '',
        '## Everything else',
        '',
        'From Two by Flo: Untagged.',
        '',
        'Tagged: arm, perf',
        '',
      ].join('\n'),
    );
  });
  it('themes from a backup are text: a hostile name or tag reads as typed, writes no HTML, no heading of its own', () => {
    const a = talk('a', 'One', ['Ed']);
    const md = post('builtin:takeaways-by-theme', {
      talks: [{ talk: a, notes: [note('a', '10:00', 'Tagged oddly', 'note', ['<b>*x*'])] }],
      themes: [{ tag: '<b>*x*', name: '<script>\n# Heading' }],
    });
    const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    expect(tree.children.map((n) => `${n.type}: ${mdText(n)}`)).toEqual([
      'heading: Summit: Wednesday',
      'heading: <script> # Heading',
      'paragraph: From One by Ed: Tagged oddly.',
      'paragraph: Tagged: <b>*x*',
    ]);
    expect(md).not.toMatch(/<(script|b)>/);
  });
});
