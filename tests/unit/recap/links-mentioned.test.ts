/**
 * "Links mentioned" in posts (issue 16, item 4): the built-ins end each talk's part or the post with
 * the links its notes mention, when the composer asks; private notes' links never go in.
 * Expected text written by hand from docs/templates.md.
 */
import { describe, expect, it } from 'vitest';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import type { RecapInput } from '../../../recap/model';
import { buildNote } from '../../../storage/notes';
import type { TalkRecord } from '../../../storage/types';

const talk: TalkRecord = {
  id: 'T1',
  createdAt: 0,
  updatedAt: 0,
  title: 'Raft in practice',
  speakers: [{ name: 'Ada Lovelace' }],
  url: 'https://conf.example/raft',
  slidesUrl: 'https://slides.example/raft',
  tags: [],
  source: { platform: 'test', url: 'https://conf.example/raft', capturedAt: 0 },
};

const notes = [
  buildNote(
    {
      body: 'Start with the [Raft paper](https://raft.github.io/raft.pdf?utm_source=slides)',
      url: talk.url!,
      talkId: 'T1',
    },
    1,
  ),
  buildNote(
    { body: 'Demo code at https://github.com/acme/raft-demo?fbclid=x.', url: talk.url!, talkId: 'T1' },
    2,
  ),
  buildNote({ body: 'The slides again https://slides.example/raft', url: talk.url!, talkId: 'T1' }, 3),
  buildNote({ body: '% my own https://secret.example/diary', url: talk.url!, talkId: 'T1' }, 4),
];

const input: RecapInput = { title: 'Day', talks: [{ talk, notes }] };
const dayPost = builtinTemplate('builtin:day-post')!.source;

const LIST = `Links mentioned:

- [Raft paper](https://raft.github.io/raft.pdf)
- [github.com/acme/raft-demo](https://github.com/acme/raft-demo)`;

describe('Links mentioned in the built-ins', () => {
  it('lists nothing by default', () => {
    const out = composeRecap(input, { template: dayPost });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.markdown).not.toContain('Links mentioned');
  });

  it('ends the talk’s paragraph with its links, tracking parameters gone, the talk’s own slides left out', () => {
    const out = composeRecap({ ...input, linksMentioned: 'talk' }, { template: dayPost });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.markdown).toContain(`The slides again https://slides.example/raft.\n\n${LIST}\n`);
    expect(out.markdown).not.toContain('secret.example');
  });

  it('ends the post with every link once, in every built-in', () => {
    for (const id of ['builtin:day-post', 'builtin:day-one', 'builtin:day-recap', 'builtin:talk-notes']) {
      const out = composeRecap(
        { ...input, linksMentioned: 'post' },
        { template: builtinTemplate(id)!.source },
      );
      if (!out.ok) throw new Error(out.error.message);
      expect(out.markdown.trimEnd().endsWith(LIST)).toBe(true);
      expect(out.markdown.split('Links mentioned').length).toBe(2);
    }
  });

  it('adds the links the noted slides showed, relative ones resolved against the deck; a private note’s slide stays out', () => {
    const slideNote = (body: string, links: { url: string; text?: string }[], at: number) =>
      buildNote(
        {
          body,
          url: 'https://slides.example/raft/',
          talkId: 'T1',
          anchor: { slide: { index: 3, label: '4', links } },
        },
        at,
      );
    const withSlides: RecapInput = {
      title: 'Day',
      linksMentioned: 'talk',
      talks: [
        {
          talk,
          notes: [
            slideNote('Leader election', [{ url: 'demo/run.html', text: 'Run the demo' }], 5),
            slideNote('% not for the post', [{ url: 'https://private.example/x' }], 6),
          ],
        },
      ],
    };
    const out = composeRecap(withSlides, { template: dayPost });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.markdown).toContain(
      'Links mentioned:\n\n- [Run the demo](https://slides.example/raft/demo/run.html)\n',
    );
    expect(out.markdown).not.toContain('private.example');
  });
});
