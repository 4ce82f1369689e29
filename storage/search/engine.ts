/**
 * The full-text index (MiniSearch): notes and talks as documents, ranked with BM25+, prefix and
 * typo tolerant. Pure: the worker feeds it records and asks it queries; tests do the same in Node.
 */
import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import type { NoteRecord, TalkRecord } from '../types';
import { type Executed, type ExecuteOptions, execute, type PrefixCap } from './execute';
import { type LibraryFilter, matchesFilter, type StoredDoc } from './filter';
import { type ParsedQuery, parseQuery } from './query';
import { processTerm, tokenize } from './text';

/** Bump when fields, tokenizing or stored fields change: persisted indexes of other formats are rebuilt. */
export const INDEX_FORMAT = 1;

/** What the worker knows of a talk to index its notes (title and speakers make notes findable). */
export interface TalkInfo {
  title: string;
  speakers: string;
  eventId?: string;
}

export interface SearchDoc extends StoredDoc {
  id: string;
  body?: string;
  title?: string;
  speakers?: string;
  abstract?: string;
  tags?: string;
}

/** Document id of a talk (notes keep their own id). */
export const talkDocId = (talkId: string) => `t:${talkId}`;

/** The fields' weights: a tag or a title says more about a note than a word in passing. */
const BOOST = { tags: 3, title: 2, speakers: 1.5, body: 1, abstract: 0.5 };
const YEAR_MS = 365 * 24 * 3600 * 1000;

const OPTIONS: Options<SearchDoc> & { fields: string[] } = {
  fields: ['body', 'title', 'speakers', 'abstract', 'tags'],
  storeFields: ['type', 'kind', 'tagList', 'talkId', 'eventId', 'url', 'createdAt', 'thumb'],
  tokenize,
  processTerm,
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 1000, batchWait: 10 },
};

/** A new, empty index. */
export function createIndex(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>(OPTIONS);
}

/**
 * Loads a serialized index (from {@link MiniSearch.toJSON}). In one go: it runs in the worker, and
 * the chunked `loadJSONAsync` takes about three times as long.
 */
export function loadIndex(json: string): MiniSearch<SearchDoc> {
  return MiniSearch.loadJSON<SearchDoc>(json, OPTIONS);
}

/** The index document of a live note. */
export function noteDoc(note: NoteRecord, talk?: TalkInfo): SearchDoc {
  const doc: SearchDoc = {
    id: note.id,
    type: 'note',
    body: note.body,
    kind: note.kind,
    tags: note.tags.join(' '),
    tagList: note.tags,
    url: note.url,
    createdAt: note.createdAt,
  };
  const title = talk?.title || note.pageTitle;
  if (title) doc.title = title;
  if (talk?.speakers) doc.speakers = talk.speakers;
  if (note.talkId) doc.talkId = note.talkId;
  if (talk?.eventId) doc.eventId = talk.eventId;
  if (note.thumbnailId) doc.thumb = true;
  return doc;
}

/** What notes need to know of their talk. */
export function talkInfo(talk: TalkRecord): TalkInfo {
  const info: TalkInfo = { title: talk.title, speakers: talk.speakers.map((s) => s.name).join(', ') };
  if (talk.eventId) info.eventId = talk.eventId;
  return info;
}

/** The index document of a live talk. */
export function talkDoc(talk: TalkRecord): SearchDoc {
  const doc: SearchDoc = {
    id: talkDocId(talk.id),
    type: 'talk',
    title: talk.title,
    speakers: talk.speakers.map((s) => s.name).join(', '),
    tags: talk.tags.join(' '),
    tagList: talk.tags,
    talkId: talk.id,
  };
  if (talk.abstract) doc.abstract = talk.abstract;
  if (talk.eventId) doc.eventId = talk.eventId;
  return doc;
}

export interface SearchHit {
  /** Note id, or `t:<talk id>` for a talk. */
  id: string;
  type: 'note' | 'talk';
  score: number;
  /** The index terms that matched, for highlighting. */
  terms: string[];
}

export interface SearchAnswer {
  hits: SearchHit[];
  /** How many matched (hits may be fewer: capped at `limit`). */
  total: number;
  /** True when no document had every word, and documents with any word are shown instead. */
  loose: boolean;
}

export const EMPTY_ANSWER: SearchAnswer = { hits: [], total: 0, loose: false };

/** Prefix search from two characters on: one letter would walk half the index. */
const prefix = (term: string) => term.length >= 2;
/** One typo from four characters on, two from eight. */
const fuzzy = (term: string) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false);

function toQuery(q: ParsedQuery, combineWith: 'AND' | 'OR'): Query {
  const parts: Query[] = [];
  if (q.terms.length) parts.push({ queries: q.terms, combineWith, prefix, fuzzy });
  for (const tag of q.tags) {
    // `#k8s-tips` is one tag but two index terms: every term of it must match in `tags`.
    parts.push({ queries: tokenize(tag), fields: ['tags'], combineWith: 'AND', prefix: true, fuzzy: false });
  }
  return parts.length === 1 ? parts[0]! : { queries: parts, combineWith: 'AND' };
}

/** The recency boost: newer notes win ties ("that thing from last year" still ranks by words first). */
function recency(now: number) {
  return (createdAt: number) => {
    const created = Number.isFinite(createdAt) ? createdAt : now - YEAR_MS;
    return 1 + 0.1 * Math.exp(-Math.max(0, now - created) / YEAR_MS);
  };
}

/** How {@link searchIndex} asks the executor: MiniSearch's scoring with the options above. */
export function executeOptions(now = Date.now(), cap?: PrefixCap): ExecuteOptions {
  const options: ExecuteOptions = {
    boost: BOOST,
    fields: OPTIONS.fields,
    // As-you-type: a word being completed outranks a word with a typo.
    weights: { prefix: 0.5, fuzzy: 0.3 },
    prefix,
    fuzzy,
    boostDocument: recency(now),
  };
  if (cap) options.cap = cap;
  return options;
}

const toAnswer = (r: Executed, loose: boolean, keep: boolean): SearchAnswer | undefined =>
  r.total > 0 || keep
    ? {
        total: r.total,
        loose: loose && r.total > 0,
        hits: r.hits.map((h) => ({
          id: h.id,
          type: h.stored?.type === 'talk' ? 'talk' : 'note',
          score: h.score,
          terms: h.terms,
        })),
      }
    : undefined;

/**
 * Runs a query (string or parsed) against the index with the library's filters: every word (and
 * `#tag`) must match; when no document has them all, documents with any word, said to be `loose`.
 * `cap` bounds prefix expansion (tests and the bench set it; the default suits 50,000 notes).
 */
export function searchIndex(
  index: MiniSearch<SearchDoc>,
  input: string | ParsedQuery,
  filter: LibraryFilter = {},
  limit = 500,
  now = Date.now(),
  cap?: PrefixCap,
): SearchAnswer {
  const q = typeof input === 'string' ? parseQuery(input) : input;
  if (!q.terms.length && !q.tags.length) return EMPTY_ANSWER;
  const options = executeOptions(now, cap);
  const strict = execute(index, q, 'AND', filter, limit, options);
  const answer = toAnswer(strict, false, q.terms.length <= 1);
  if (answer) return answer;
  return toAnswer(execute(index, q, 'OR', filter, limit, options), true, true)!;
}

/**
 * The same query through MiniSearch's own `search` (no prefix cap): how Talkmarks searched before
 * the executor. Kept as the reference its unit tests compare against, and the bench's "before".
 */
export function searchIndexWithMiniSearch(
  index: MiniSearch<SearchDoc>,
  input: string | ParsedQuery,
  filter: LibraryFilter = {},
  limit = 500,
  now = Date.now(),
): SearchAnswer {
  const q = typeof input === 'string' ? parseQuery(input) : input;
  if (!q.terms.length && !q.tags.length) return EMPTY_ANSWER;
  const boost = recency(now);
  const options = {
    boost: BOOST,
    weights: { prefix: 0.5, fuzzy: 0.3 },
    filter: (r: SearchResult) => matchesFilter(r as unknown as StoredDoc, filter),
    boostDocument: (_id: unknown, _term: string, stored?: Record<string, unknown>) =>
      boost(typeof stored?.createdAt === 'number' ? stored.createdAt : Number.NaN),
  };
  let results = index.search(toQuery(q, 'AND'), options);
  let loose = false;
  if (results.length === 0 && q.terms.length > 1) {
    results = index.search(toQuery(q, 'OR'), options);
    loose = results.length > 0;
  }
  return {
    total: results.length,
    loose,
    hits: results.slice(0, limit).map((r) => ({
      id: String(r.id),
      type: r.type === 'talk' ? 'talk' : 'note',
      score: r.score,
      terms: r.terms,
    })),
  };
}
