/**
 * Links mentioned (issue 16, item 4): collection from note text and slide links. Expectations are
 * written by hand from the rules in storage/links.ts's doc and docs/templates.md.
 */
import { describe, expect, it } from 'vitest';
import { cleanLink, collectLinks, linksInText } from '../../../storage/links';

describe('cleanLink', () => {
  it('removes tracking parameters and keeps the rest of the query and the fragment', () => {
    expect(cleanLink('https://example.org/post?utm_source=tw&utm_medium=social&id=7&fbclid=abc#part-2')).toBe(
      'https://example.org/post?id=7#part-2',
    );
    expect(cleanLink('https://example.org/a?gclid=1&mc_cid=2&mc_eid=3&ref=hn&si=xyz')).toBe(
      'https://example.org/a',
    );
    expect(cleanLink('https://example.org/search?q=ref&source=feed')).toBe(
      'https://example.org/search?q=ref&source=feed',
    );
  });

  it('resolves relative links against a base, and keeps only http(s)', () => {
    expect(cleanLink('../paper.pdf', 'https://slides.example.org/decks/kube/index.html')).toBe(
      'https://slides.example.org/decks/paper.pdf',
    );
    expect(cleanLink('#/4', 'https://slides.example.org/decks/kube/')).toBe(
      'https://slides.example.org/decks/kube/#/4',
    );
    expect(cleanLink('javascript:alert(1)')).toBeUndefined();
    expect(cleanLink('mailto:someone@example.org')).toBeUndefined();
    expect(cleanLink('not a link')).toBeUndefined();
  });
});

describe('linksInText', () => {
  it('finds bare links without the sentence punctuation after them', () => {
    expect(
      linksInText('See https://example.org/a. And (https://en.wikipedia.org/wiki/Raft_(algorithm)), ok?'),
    ).toEqual([
      { href: 'https://example.org/a' },
      { href: 'https://en.wikipedia.org/wiki/Raft_(algorithm)' },
    ]);
  });

  it('finds Markdown links with their text, and autolinks', () => {
    expect(
      linksInText('The [Ceph paper](https://ceph.io/paper?utm_source=x) and <https://lwn.net/>!'),
    ).toEqual([
      { href: 'https://ceph.io/paper?utm_source=x', label: 'Ceph paper' },
      { href: 'https://lwn.net/' },
    ]);
  });
});

describe('collectLinks', () => {
  it('lists each link once, first seen first, tracking parameters removed', () => {
    const links = collectLinks({
      notes: [
        { body: 'Read https://example.org/post?utm_campaign=conf first' },
        { body: 'Again https://example.org/post/ and https://example.org/post?fbclid=zz' },
        { body: 'Also https://other.example/x' },
      ],
    });
    expect(links).toEqual([
      { url: 'https://example.org/post', from: 'note' },
      { url: 'https://other.example/x', from: 'note' },
    ]);
  });

  it('resolves the slides’ relative links against the deck address and dedupes them with the notes’', () => {
    const links = collectLinks({
      notes: [{ body: 'Spec: https://slides.example.org/spec.html' }],
      slides: [
        {
          deckUrl: 'https://slides.example.org/decks/raft/',
          links: ['../../spec.html', 'demo/index.html?utm_source=deck', 'https://github.com/acme/raft'],
        },
      ],
    });
    expect(links).toEqual([
      { url: 'https://slides.example.org/spec.html', from: 'note' },
      { url: 'https://slides.example.org/decks/raft/demo/index.html', from: 'slide' },
      { url: 'https://github.com/acme/raft', from: 'slide' },
    ]);
  });

  it('gives titles where known and leaves out the talk’s own links', () => {
    const links = collectLinks({
      notes: [
        { body: 'Blog: https://blog.example/raft and the [repo](https://github.com/acme/raft)' },
        { body: 'Slides at https://talks.example/raft?utm_medium=x', url: 'https://talks.example/raft' },
        { body: 'written on the blog', url: 'https://blog.example/raft', pageTitle: 'Raft, explained' },
      ],
      exclude: ['https://talks.example/raft'],
    });
    expect(links).toEqual([
      { url: 'https://blog.example/raft', title: 'Raft, explained', from: 'note' },
      { url: 'https://github.com/acme/raft', title: 'repo', from: 'note' },
    ]);
  });
});
