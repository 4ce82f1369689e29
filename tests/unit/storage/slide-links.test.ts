/**
 * Links on slides, kept per talk (issue 16, item 4): a note filed on a slide keeps the links the
 * slide showed (capture's SlideRef.links) in its anchor; the talk's "Links mentioned" lists them with
 * their slide text as title, once each, beside the links typed in notes; a backup carries them.
 */
import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { applyImport, exportBackup, prepareImport } from '../../../storage/backup';
import { getDb, openDatabase, setDb } from '../../../storage/db';
import { fileNote } from '../../../storage/file-note';
import { collectLinks, slideLinkSources } from '../../../storage/links';
import { trashNote } from '../../../storage/notes';

const DECK = 'https://talks.example.org/raft/';
const onSlide = (index: number, links?: { url: string; text?: string }[]): PageCapture => ({
  url: DECK,
  title: 'Raft in practice',
  kind: 'slides',
  platform: 'reveal',
  deck: { title: 'Raft in practice', url: DECK, slideCount: 12 },
  slide: { index, label: String(index + 1), ...(links ? { links } : {}) },
});

describe('slide links kept with notes', () => {
  it('a note on a slide keeps what the slide links; one on a slide without links keeps none', async () => {
    const a = await fileNote(
      'Leader election',
      onSlide(2, [
        { url: 'https://raft.github.io/raft.pdf', text: 'The paper' },
        { url: 'https://etcd.io/' },
      ]),
    );
    const b = await fileNote('Log compaction', onSlide(3));
    expect(a.anchor).toEqual({
      slide: {
        index: 2,
        label: '3',
        links: [{ url: 'https://raft.github.io/raft.pdf', text: 'The paper' }, { url: 'https://etcd.io/' }],
      },
    });
    expect(b.anchor).toEqual({ slide: { index: 3, label: '4' } });
  });

  it('"Links mentioned" lists the slides’ links with their text, once each, after the notes’ own', async () => {
    await fileNote(
      'See https://raft.github.io/?utm_source=x for the visualisation',
      onSlide(1, [{ url: 'https://raft.github.io/', text: 'Raft site' }]),
    );
    await fileNote(
      'Compare with Paxos',
      onSlide(2, [
        { url: 'https://raft.github.io/raft.pdf', text: 'The paper' },
        { url: 'https://raft.github.io/', text: 'Raft home' },
      ]),
    );
    const trashed = await fileNote('Old note', onSlide(4, [{ url: 'https://old.example/', text: 'Old' }]));
    await trashNote(trashed.id);
    const notes = await getDb().notes.orderBy('createdAt').toArray();
    const links = collectLinks({ notes: notes.filter((n) => !n.deletedAt), slides: slideLinkSources(notes) });
    expect(links).toEqual([
      // Seen first in a note's text (no title there): the slide's text gives it one.
      { url: 'https://raft.github.io/', title: 'Raft site', from: 'note' },
      { url: 'https://raft.github.io/raft.pdf', title: 'The paper', from: 'slide' },
    ]);
  });

  it('relative slide links (as a page wrote them) resolve against the note’s page', () => {
    const links = collectLinks({
      notes: [],
      slides: slideLinkSources([
        { url: DECK, anchor: { slide: { links: [{ url: 'figures/log.png', text: 'Log figure' }] } } },
      ]),
    });
    expect(links).toEqual([
      { url: 'https://talks.example.org/raft/figures/log.png', title: 'Log figure', from: 'slide' },
    ]);
  });

  it('a backup carries the links and imports them back', async () => {
    await fileNote(
      'Leader election',
      onSlide(2, [{ url: 'https://raft.github.io/raft.pdf', text: 'The paper' }]),
    );
    const text = await exportBackup('test');
    await getDb().delete();
    setDb(openDatabase());
    const prepared = await prepareImport(text);
    if (!prepared.ok) throw new Error(prepared.error);
    await applyImport(prepared.plan);
    const [note] = await getDb().notes.toArray();
    expect(note?.anchor?.slide?.links).toEqual([
      { url: 'https://raft.github.io/raft.pdf', text: 'The paper' },
    ]);
  });
});
