/**
 * The lean query executor (storage/search/execute.ts): the same answers as MiniSearch's own search
 * when nothing is capped, prefix expansion capped without losing the best matches, prefixes in
 * other scripts, discarded documents, highlight terms and the top-K cut.
 */
import { describe, expect, it } from 'vitest';
import {
  createIndex,
  noteDoc,
  type SearchAnswer,
  searchIndex,
  searchIndexWithMiniSearch,
  talkDoc,
  talkInfo,
} from '../../../storage/search/engine';
import { expandPrefix } from '../../../storage/search/execute';
import type { NoteRecord } from '../../../storage/types';
import { makeCorpus } from '../../corpus';

const NOW = Date.UTC(2026, 0, 1);
const UNCAPPED = { postings: Number.POSITIVE_INFINITY, minTerms: 0 };

let seq = 0;
function note(body: string, extra: Partial<NoteRecord> = {}): NoteRecord {
  seq++;
  return {
    id: `X${String(seq).padStart(5, '0')}`,
    createdAt: NOW - seq * 1000,
    updatedAt: NOW - seq * 1000,
    url: 'https://example.org/deck',
    body,
    tags: [],
    kind: 'note',
    ...extra,
  };
}

function indexOf(notes: NoteRecord[]) {
  const index = createIndex();
  index.addAll(notes.map((n) => noteDoc(n)));
  return index;
}

const ids = (a: SearchAnswer) => a.hits.map((h) => h.id);

describe('executor = MiniSearch search, when nothing is capped', () => {
  const corpus = makeCorpus({ notes: 1500, events: 6, talksPerEvent: 10, seed: 7 });
  const talks = new Map(corpus.talks.map((t) => [t.id, talkInfo(t)]));
  const index = createIndex();
  index.addAll(corpus.notes.map((n) => noteDoc(n, n.talkId ? talks.get(n.talkId) : undefined)));
  index.addAll(corpus.talks.map(talkDoc));
  const v = corpus.vocabulary;
  const words = [v[3]!, v[40]!, v[300]!, v[2000]!];
  const typo = (w: string) => `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`;
  const cases: [string, object][] = [
    ...words.map((w): [string, object] => [w, {}]),
    ...words.map((w): [string, object] => [w.slice(0, 3), {}]),
    ...words.map((w): [string, object] => [w.slice(0, 2), {}]),
    ...words.map((w): [string, object] => [w.slice(0, 5), {}]),
    [typo(v.slice(100).find((w) => w.length > 7)!), {}],
    [`${words[0]} ${words[1]}`, {}],
    [`${words[2]} zzzqqq`, {}], // loose: no note has both
    [`#${corpus.tags[0]} ${words[0]}`, {}],
    [`#${corpus.tags[1]!.slice(0, 3)}`, {}],
    [words[1]!, { tags: [corpus.tags[0]], eventId: corpus.events[0]!.id }],
    [words[0]!, { kind: 'question' }],
    [words[0]!.slice(0, 3), { untalked: true }],
    ['кон', {}],
    ['東京', {}],
  ];
  it.each(cases)('answers %s (%o) with the same notes, scores and order', (query, filter) => {
    const ours = searchIndex(index, query, filter, 5000, NOW, UNCAPPED);
    const theirs = searchIndexWithMiniSearch(index, query, filter, 5000, NOW);
    expect(ours.total).toBe(theirs.total);
    expect(ours.loose).toBe(theirs.loose);
    expect(new Set(ids(ours))).toEqual(new Set(ids(theirs)));
    const score = new Map(theirs.hits.map((h) => [h.id, h.score]));
    ours.hits.forEach((h, i) => {
      expect(h.score).toBeCloseTo(score.get(h.id)!, 9);
      // Same order but for exact ties (which MiniSearch leaves in its map's order).
      expect(h.score).toBeCloseTo(theirs.hits[i]!.score, 9);
      expect(new Set(h.terms)).toEqual(new Set(theirs.hits.find((t) => t.id === h.id)!.terms.slice(0, 8)));
    });
  });
  it('has cases that match many notes and cases that match none', () => {
    const totals = cases.map(([q, f]) => searchIndex(index, q, f, 10, NOW, UNCAPPED).total);
    expect(Math.max(...totals)).toBeGreaterThan(300);
    expect(totals.filter((t) => t === 0).length).toBeLessThan(cases.length / 2);
  });
});

describe('prefix expansion capped', () => {
  // 'con' expands to four common words (40 notes each) and one rare word (one note).
  const common = ['control', 'config', 'console', 'context'];
  const notes = common.flatMap((w) => Array.from({ length: 40 }, (_, i) => note(`${w} note number ${i}`)));
  const rare = note('a conundrum nobody solved');
  const index = indexOf([...notes, rare]);

  it('keeps the rarest words first, so the best match stays on top', () => {
    const capped = searchIndex(index, 'con', {}, 500, NOW, { postings: 50, minTerms: 1 });
    const full = searchIndex(index, 'con', {}, 500, NOW, UNCAPPED);
    expect(full.total).toBe(161);
    expect(full.hits[0]!.id).toBe(rare.id); // one note holds 'conundrum': the highest IDF
    // Budget 50 postings: 'conundrum' (1) and one common word (40) fit; a third word would not.
    expect(capped.total).toBe(41);
    expect(capped.hits[0]!.id).toBe(rare.id);
    expect(capped.hits[0]!.terms).toEqual(['conundrum']);
  });

  it('keeps at least minTerms words even over the budget', () => {
    const capped = searchIndex(index, 'con', {}, 500, NOW, { postings: 10, minTerms: 3 });
    expect(capped.total).toBe(81); // conundrum + two of the common words
    expect(capped.hits[0]!.id).toBe(rare.id);
  });

  it('does not cap under the budget', () => {
    expect(searchIndex(index, 'con', {}, 500, NOW, { postings: 1000, minTerms: 1 }).total).toBe(161);
  });

  it('never brings a capped-out prefix word back as a typo', () => {
    // 'tunea' and 'tunes' both start with 'tune' and are one letter from it.
    const many = [
      ...Array.from({ length: 30 }, (_, i) => note(`tunea ${i}`)),
      ...Array.from({ length: 30 }, (_, i) => note(`tunes ${i}`)),
    ];
    const ix = indexOf(many);
    expect(searchIndex(ix, 'tune', {}, 500, NOW, UNCAPPED).total).toBe(60);
    // Budget 30: one word fits; equal counts and lengths, so 'tunea' (alphabetically first) stays.
    const capped = searchIndex(ix, 'tune', {}, 500, NOW, { postings: 30, minTerms: 1 });
    expect(capped.total).toBe(30);
    expect(new Set(capped.hits.flatMap((h) => h.terms))).toEqual(new Set(['tunea']));
  });

  it('orders the kept words rarest first, then shortest, then alphabetically', () => {
    const data = (n: number) => new Map([[0, new Map(Array.from({ length: n }, (_, i) => [i, 1]))]]);
    const terms: [string, ReturnType<typeof data>][] = [
      ['abcdef', data(5)],
      ['abcd', data(5)],
      ['abx', data(1)],
      ['abzz', data(9)],
      ['ab', data(3)], // the prefix itself: scored as the exact word, never as an expansion
    ];
    const out: { term: string; weight: number }[] = [];
    const dropped = expandPrefix(terms, 'ab', [0], 0.5, { postings: 11, minTerms: 1 }, out as never);
    expect(out.map((d) => d.term)).toEqual(['abx', 'abcd', 'abcdef']);
    expect(dropped).toBe(1);
    // MiniSearch's prefix weight: 0.5 × length / (length + 0.3 × letters added).
    expect(out[0]!.weight).toBeCloseTo((0.5 * 3) / (3 + 0.3), 12);
  });
});

describe('prefixes in other scripts', () => {
  const cyrillic = note('Конференция по распределённым хранилищам');
  const arabic = note('التخزين الموزع في المؤتمر');
  const cjk = note('分布式存储系统 の 講演');
  const latin = note('La conférence sur le stockage');
  const index = indexOf([cyrillic, arabic, cjk, latin]);
  const capTiny = { postings: 1, minTerms: 1 };

  it.each([
    ['кон', cyrillic],
    ['КОНФ', cyrillic],
    ['расп', cyrillic], // ё is normalised: 'распределённым' matches
    ['الت', arabic],
    ['المؤ', arabic],
    ['分布', cjk], // no spaces between CJK words: the run is one term, found by its start
    ['講演', cjk],
    ['conf', latin],
  ])('finds %s', (q, n) => {
    expect(ids(searchIndex(index, q, {}, 500, NOW))).toEqual([n!.id]);
    expect(ids(searchIndex(index, q, {}, 500, NOW, capTiny))).toEqual([n!.id]);
  });
});

describe('index bookkeeping', () => {
  it('never returns a discarded document, and finds its replacement', () => {
    const a = note('ephemeral words here');
    const index = indexOf([a, note('ephemeral too')]);
    index.discard(a.id); // stays in postings until vacuumed
    expect(searchIndex(index, 'ephem', {}, 500, NOW).total).toBe(1);
    index.add(noteDoc({ ...a, body: 'ephemeral again, edited' }));
    const answer = searchIndex(index, 'edited', {}, 500, NOW);
    expect(ids(answer)).toEqual([a.id]);
    expect(searchIndex(index, 'ephem', {}, 500, NOW).total).toBe(2);
  });

  it('cuts to the best `limit`, in the order of the full answer', () => {
    const notes = Array.from({ length: 300 }, (_, i) => note(`alpha ${'beta '.repeat(i % 17)} gamma ${i}`));
    const index = indexOf(notes);
    const full = searchIndex(index, 'alp', {}, 1000, NOW);
    const top = searchIndex(index, 'alp', {}, 20, NOW);
    expect(full.total).toBe(300);
    expect(top.total).toBe(300);
    expect(ids(top)).toEqual(ids(full).slice(0, 20));
    for (let i = 1; i < full.hits.length; i++) {
      expect(full.hits[i - 1]!.score).toBeGreaterThanOrEqual(full.hits[i]!.score);
    }
  });

  it('gives the matched words of each hit for highlighting', () => {
    const n = note('tuning the tunnel');
    const answer = searchIndex(indexOf([n, note('nothing')]), 'tun', {}, 500, NOW);
    expect(new Set(answer.hits[0]!.terms)).toEqual(new Set(['tuning', 'tunnel']));
  });
});
