// @vitest-environment jsdom
/**
 * The talk card's "Links mentioned" lists the links the slides showed when notes were taken on them
 * (SlideRef.links kept in the note's anchor), with the slide's link text, beside the notes' own links;
 * a trashed note's slide links are not listed.
 */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { TalkMentions } from '../../../components/talk/TalkMentions';
import type { NoteRecord, TalkRecord } from '../../../storage/types';

afterEach(cleanup);

const DECK = 'https://talks.example.org/raft/';
const TALK: TalkRecord = {
  id: 'T1',
  createdAt: 0,
  updatedAt: 0,
  title: 'Raft in practice',
  speakers: [],
  url: 'https://conf.example.org/talk/1',
  slidesUrl: DECK,
  tags: [],
  source: { platform: 'test', url: 'https://conf.example.org/talk/1', capturedAt: 0 },
};

const note = (
  id: string,
  body: string,
  links?: { url: string; text?: string }[],
  deletedAt?: number,
): NoteRecord => ({
  id,
  createdAt: 1,
  updatedAt: 1,
  talkId: TALK.id,
  url: DECK,
  body,
  tags: [],
  kind: 'note',
  anchor: { slide: { index: 1, label: '2', ...(links ? { links } : {}) } },
  ...(deletedAt ? { deletedAt } : {}),
});

describe('TalkMentions', () => {
  it('lists slide links with their text, once each, after the notes’ own, without the talk’s own pages', () => {
    render(
      <TalkMentions
        talk={TALK}
        notes={[
          note('N1', 'Read [the Raft paper](https://raft.github.io/raft.pdf?utm_source=talk)', [
            { url: 'https://raft.github.io/raft.pdf', text: 'Paper' },
            { url: 'https://etcd.io/', text: 'etcd' },
            { url: DECK, text: 'This deck' },
          ]),
          note('N2', 'Log compaction', [{ url: 'figures/log.png', text: 'Log figure' }]),
          note('N3', 'Gone', [{ url: 'https://gone.example/', text: 'Gone link' }], 5),
        ]}
      />,
    );
    const list = screen.getByRole('list', { name: 'Links mentioned' });
    const links = within(list)
      .getAllByRole('link')
      .map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['the Raft paper', 'https://raft.github.io/raft.pdf'],
      ['etcd', 'https://etcd.io/'],
      ['Log figure', 'https://talks.example.org/raft/figures/log.png'],
    ]);
    expect(screen.getByText('Links mentioned (3)')).toBeTruthy();
  });

  it('shows nothing when no note or slide links anything', () => {
    const { container } = render(<TalkMentions talk={TALK} notes={[note('N1', 'Plain words')]} />);
    expect(container.textContent).toBe('');
  });
});
