import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../storage/db';
import { createNote, trashNote, updateNote } from '../../../storage/notes';
import { createIndex, noteDoc, searchIndex, talkDoc } from '../../../storage/search/engine';
import { parseQuery } from '../../../storage/search/query';
import { SearchService, type Snapshot } from '../../../storage/search/service';
import { segmentText, snippet } from '../../../storage/search/text';
import type { NoteRecord, TalkRecord } from '../../../storage/types';

let seq = 0;
function note(body: string, extra: Partial<NoteRecord> = {}): NoteRecord {
  seq++;
  return {
    id: `N${String(seq).padStart(5, '0')}`,
    createdAt: 1_700_000_000_000 + seq,
    updatedAt: 1_700_000_000_000 + seq,
    url: 'https://example.org/deck',
    body,
    tags: [],
    kind: 'note',
    ...extra,
  };
}

function talk(id: string, title: string, extra: Partial<TalkRecord> = {}): TalkRecord {
  return {
    id,
    createdAt: 1,
    updatedAt: 1,
    title,
    speakers: [{ name: 'Jeff Darcy' }],
    tags: [],
    source: { platform: 'test', url: 'https://example.org', capturedAt: 1 },
    ...extra,
  };
}

function indexOf(notes: NoteRecord[], talks: TalkRecord[] = []) {
  const index = createIndex();
  const info = new Map(
    talks.map((t) => [t.id, { title: t.title, speakers: 'Jeff Darcy', eventId: t.eventId }]),
  );
  index.addAll(notes.map((n) => noteDoc(n, n.talkId ? info.get(n.talkId) : undefined)));
  index.addAll(talks.map(talkDoc));
  return index;
}

const ids = (answer: { hits: { id: string }[] }) => answer.hits.map((h) => h.id);

describe('search ranking', () => {
  it('ranks a tagged note above one that mentions the word in passing', () => {
    const passing = note(
      'A long aside about many storage systems, among them glusterfs, ceph, lustre and others, and more words here',
    );
    const tagged = note('Replicate translator needs tuning', { tags: ['glusterfs'] });
    const index = indexOf([passing, tagged]);
    expect(ids(searchIndex(index, 'glusterfs'))).toEqual([tagged.id, passing.id]);
  });

  it('finds words across the note and its talk (AND), prefix and typo tolerant', () => {
    const t = talk('T1', 'GlusterFS: the replicate translator');
    const onTalk = note('self-heal picks the source by changelog', { talkId: 'T1' });
    const other = note('replicate your databases across regions');
    const index = indexOf([onTalk, other], [t]);
    expect(ids(searchIndex(index, 'glusterfs self-heal'))).toEqual([onTalk.id]);
    expect(ids(searchIndex(index, 'gluste chang'))).toEqual([onTalk.id]); // prefixes
    expect(ids(searchIndex(index, 'glusterfz changelog'))).toEqual([onTalk.id]); // one typo
    expect(ids(searchIndex(index, 'darcy'))).toContain('t:T1'); // speakers, and the talk itself
  });

  it('prefers exact words to prefixes and prefixes to typos', () => {
    const exact = note('tuning the cache');
    const prefixed = note('tuningfork metaphors');
    const typo = note('tunung by hand');
    const index = indexOf([typo, prefixed, exact]);
    expect(ids(searchIndex(index, 'tuning'))).toEqual([exact.id, prefixed.id, typo.id]);
  });

  it('ignores accents and case', () => {
    const n = note('Le café de la conférence');
    expect(ids(searchIndex(indexOf([n]), 'CAFE conference'))).toEqual([n.id]);
  });

  it('falls back to any word when no note has them all, and says so', () => {
    const a = note('kubernetes operators');
    const index = indexOf([a, note('unrelated')]);
    const answer = searchIndex(index, 'kubernetes zebra');
    expect(answer.loose).toBe(true);
    expect(ids(answer)).toEqual([a.id]);
  });

  it('reads #tags in the query as tag prefixes', () => {
    const k = note('operators everywhere', { tags: ['kubernetes'] });
    const mention = note('kubernetes operators in the body only');
    const index = indexOf([k, mention]);
    expect(ids(searchIndex(index, '#kube operators'))).toEqual([k.id]);
    expect(ids(searchIndex(index, '#kubernetes'))).toEqual([k.id]);
  });

  it('applies library filters: tags AND, kind, event, dates, thumbnail, page', () => {
    const t = talk('T1', 'Storage', { eventId: 'E1' });
    const a = note('storage one', { tags: ['a', 'b'], kind: 'question', talkId: 'T1', thumbnailId: 'x' });
    const b = note('storage two', { tags: ['a'], url: 'https://other.org' });
    const index = indexOf([a, b], [t]);
    expect(ids(searchIndex(index, 'storage', { tags: ['a', 'b'] }))).toEqual([a.id]);
    expect(ids(searchIndex(index, 'storage', { kind: 'question' }))).toEqual([a.id]);
    expect(ids(searchIndex(index, 'storage', { eventId: 'E1' }))).toEqual([a.id, 't:T1']);
    expect(ids(searchIndex(index, 'storage', { hasThumbnail: true }))).toEqual([a.id]);
    expect(ids(searchIndex(index, 'storage', { url: 'https://other.org' }))).toEqual([b.id]);
    expect(ids(searchIndex(index, 'storage', { from: b.createdAt }))).toEqual([b.id]);
    expect(ids(searchIndex(index, 'storage', { untalked: true }))).toEqual([b.id]);
  });
});

describe('hostile queries', () => {
  const hostileNote = note('regex (a+)+ and "quotes" 🚀 rocket [brackets] \\ back');
  const index = indexOf([hostileNote]);
  const inputs = [
    '(a+)+$',
    '.*',
    '[',
    '\\',
    '"quotes"',
    "'",
    '🚀',
    '👩‍👩‍👧 family',
    'x'.repeat(10_000),
    'word '.repeat(2_000),
    '#',
    '##',
    '#🚀',
    '\u0000\uFFFF\uD800',
    '   ',
    '',
  ];
  // The note's words are regex, a, and, quotes, rocket, brackets, back (the emoji and the
  // punctuation split words). Only a query with one of those words (or a prefix / near miss of one)
  // finds it; every other hostile query finds nothing.
  const finds: Record<string, boolean> = { '(a+)+$': true, '"quotes"': true };
  it.each(inputs)('answers %#: the note when it has the word, else nothing, never an error', (q) => {
    const answer = searchIndex(index, q);
    expect(ids(answer)).toEqual(finds[q] ? [hostileNote.id] : []);
    expect(answer.total).toBe(answer.hits.length);
  });
  it('still finds words next to regex characters', () => {
    expect(searchIndex(index, '(brackets]').hits).toHaveLength(1);
    expect(searchIndex(index, '"quotes"').hits).toHaveLength(1);
  });
  it('answers any string with the note or nothing, and a bounded query (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (q) => {
        const answer = searchIndex(index, q);
        expect(ids(answer).every((id) => id === hostileNote.id)).toBe(true);
        expect(answer.total).toBe(answer.hits.length);
        const parsed = parseQuery(q);
        expect(parsed.terms.length).toBeLessThanOrEqual(8);
        expect(parsed.tags.length).toBeLessThanOrEqual(8);
        expect(new Set(parsed.terms).size).toBe(parsed.terms.length);
        for (const term of parsed.terms) expect(term).not.toMatch(/^$|[\s\p{P}]/u);
      }),
      { numRuns: 300 },
    );
  });
  it('finds nothing for words that share no letter with the note (property)', () => {
    // Letters the note's words never use, other scripts, digits, punctuation, emoji, white space.
    const unrelated = fc.string({
      unit: fc.constantFrom(...'fhjlmpvwyzFHJLMPVWYZжя語ß0123456789.,;:!?()[]{}#*+-_/\\\'"🚀 \n\t\u0000'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(unrelated, (q) => {
        expect(searchIndex(index, q)).toEqual({ hits: [], total: 0, loose: false });
      }),
      { numRuns: 300 },
    );
  });
  it('caps a huge query', () => {
    const q = parseQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '));
    expect(q.terms).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7']);
  });
});

describe('highlighting helpers', () => {
  it('marks matching words as segments, keeping the text intact', () => {
    const text = 'The Café <b>opens</b> at dawn';
    const parts = segmentText(text, new Set(['cafe']), ['ope']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Café', 'opens']);
  });
  it('cuts a snippet around the first match', () => {
    const text = `${'lorem ipsum '.repeat(40)}the replicate translator ${'dolor '.repeat(40)}`;
    const s = snippet(text, new Set(['replicate']), [], 80);
    expect(s).toContain('replicate');
    expect(s.startsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(82);
  });
});

function memoryStore() {
  let saved: Snapshot | undefined;
  return {
    store: {
      load: async () => saved,
      save: async (s: Snapshot) => {
        saved = s;
      },
    },
    get saved() {
      return saved;
    },
  };
}

describe('SearchService (index kept in step with the database)', () => {
  const url = 'https://example.org/talk';

  it('builds from the database and follows saves, edits and trash', async () => {
    await createNote({ body: 'first about glusterfs', url });
    const service = new SearchService(getDb(), { chunk: 2 });
    await service.start();
    expect(ids(service.search('glusterfs'))).toHaveLength(1);

    const added = await createNote({ body: 'second about glusterfs geo-replication', url });
    await service.settled();
    expect(ids(service.search('geo'))).toEqual([added.id]);

    await updateNote(added.id, { body: 'now about ceph' });
    await service.settled();
    expect(ids(service.search('geo'))).toEqual([]);
    expect(ids(service.search('ceph'))).toEqual([added.id]);

    await trashNote(added.id);
    await service.settled();
    expect(ids(service.search('ceph'))).toEqual([]);
    service.stop();
  });

  it('re-indexes notes when their talk is renamed', async () => {
    const db = getDb();
    await db.talks.add(talk('T9', 'Old title'));
    const n = await createNote({ body: 'a note', url, talkId: 'T9' });
    const service = new SearchService(db);
    await service.start();
    expect(ids(service.search('old title'))).toEqual(expect.arrayContaining([n.id, 't:T9']));
    await db.talks.update('T9', { title: 'Brand new', updatedAt: 2 });
    await service.settled();
    expect(ids(service.search('brand'))).toEqual(expect.arrayContaining([n.id, 't:T9']));
    expect(ids(service.search('old title'))).toEqual([]);
    service.stop();
  });

  it('handles bulk writes (range changes) by reconciling', async () => {
    const service = new SearchService(getDb());
    await service.start();
    const many = Array.from({ length: 120 }, (_, i) => note(`bulk note ${i} zebra`));
    await getDb().notes.bulkAdd(many);
    await service.settled();
    expect(service.search('zebra').total).toBe(120);
    await getDb().notes.clear();
    await service.settled();
    expect(service.search('zebra').total).toBe(0);
    service.stop();
  });

  it('persists and reloads, catching up with what changed while closed', async () => {
    const mem = memoryStore();
    const keep = await createNote({ body: 'kept note about lustre', url });
    const gone = await createNote({ body: 'deleted note about lustre', url });
    const first = new SearchService(getDb(), { store: mem.store });
    await first.start();
    await first.persist();
    first.stop();
    expect(mem.saved?.versions).toHaveLength(2);

    // While no index runs: one note deleted for good, one added, one edited.
    await getDb().notes.delete(gone.id);
    const added = await createNote({ body: 'new note about lustre', url });
    await updateNote(keep.id, { body: 'kept note about beegfs' });

    const second = new SearchService(getDb(), { store: mem.store });
    await second.start();
    // Ready at once with what changed since the snapshot…
    expect(ids(second.search('beegfs'))).toEqual([keep.id]);
    expect(ids(second.search('lustre'))).toContain(added.id);
    // …and the background check drops the note deleted for good.
    await second.settled();
    expect(ids(second.search('lustre'))).toEqual([added.id]);
    expect(ids(second.search('beegfs'))).toEqual([keep.id]);
    second.stop();
  });

  it('rebuilds when the snapshot is damaged', async () => {
    await createNote({ body: 'survives a bad snapshot', url });
    const bad: Snapshot = { format: 1, json: '{not json', versions: [], talks: [], savedAt: 0 };
    const service = new SearchService(getDb(), { store: { load: async () => bad, save: async () => {} } });
    await service.start();
    expect(service.search('survives').total).toBe(1);
    expect(service.status.state).toBe('ready');
    service.stop();
  });
});
