/**
 * A lean query executor over MiniSearch's index: the same documents, the same BM25+ scores (field
 * boosts, prefix and typo weights, the recency boost) as `MiniSearch.search` with the options of
 * engine.ts, but scored into typed arrays instead of one object per matching document, filtered
 * on first touch, AND-narrowed from the rarest part, and only the best `limit` documents sorted and
 * turned into hits. A three-letter prefix that expands to hundreds of words (thousands of
 * documents) then costs a walk of their postings, not thousands of objects and a full sort.
 *
 * Prefix expansion is capped ({@link PrefixCap}): past a budget of postings, the words that can
 * matter least (the most common, whose IDF is lowest, then the longest) are left out of a prefix's
 * expansion, so a two- or three-letter prefix never walks the world. The best matches stay: a rare
 * word scores high and is always kept.
 *
 * Reads MiniSearch's internal fields (pinned at 7.2.0; tests/unit/storage/search-execute.test.ts
 * checks every answer against MiniSearch's own `search`).
 */
import type MiniSearch from 'minisearch';
import { type Internals, SLOTS, scratch } from './execute-index';
import { isEmptyFilter, type LibraryFilter, matchesFilter, type StoredDoc } from './filter';
import { DEFAULT_PREFIX_CAP, type Derived, expandPrefix, type PrefixCap, postings } from './prefix';
import type { ParsedQuery } from './query';
import { processTerm, tokenize } from './text';

export { prepareIndex } from './execute-index';
export { DEFAULT_PREFIX_CAP, expandPrefix, type PrefixCap } from './prefix';

export interface ExecuteOptions {
  /** Field → weight. */
  boost: Record<string, number>;
  /** The fields word terms search (tags always search `tags` only). */
  fields: string[];
  /** Score weights of prefix and typo matches (exact = 1). */
  weights: { prefix: number; fuzzy: number };
  /** Whether a word term is also a prefix (tags always are). */
  prefix: (term: string) => boolean;
  /** Typos allowed for a word term (false: none). */
  fuzzy: (term: string) => number | false;
  /** Per-document multiplier from its creation time (NaN when it has none): recency. */
  boostDocument?: (createdAt: number) => number;
  /** Caps on prefix expansion; defaults to {@link DEFAULT_PREFIX_CAP}. */
  cap?: PrefixCap;
}

export interface ExecutedHit {
  id: string;
  stored: Record<string, unknown> | undefined;
  score: number;
  terms: string[];
}

export interface Executed {
  hits: ExecutedHit[];
  total: number;
  /** Prefix expansions left out by the cap in this query (0: the answer is exact). */
  capped: number;
}

/** One term to look up in some fields: a word of the query, or one token of a `#tag`. */
interface Spec {
  term: string;
  fields: number[];
  boosts: number[];
  prefix: boolean;
  fuzzy: number | false;
  /** Index among the query's distinct source strings (for MiniSearch's "quality" factor). */
  source: number;
  /** Word (OR-able in the loose fallback) or tag token (always required). */
  word: boolean;
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * Runs a parsed query: AND over its words and tags (or, with `combineWith: 'OR'`, any word and
 * every tag), filtered, best first (score, then index order), at most `limit` hits.
 */
export function execute(
  index: MiniSearch<never> | MiniSearch<object>,
  q: ParsedQuery,
  combineWith: 'AND' | 'OR',
  filter: LibraryFilter,
  limit: number,
  options: ExecuteOptions,
): Executed {
  const ix = index as unknown as Internals;
  const fieldIds = ix._fieldIds;
  const cap = options.cap ?? DEFAULT_PREFIX_CAP;

  // 1. The specs: each word in the word fields, each tag token in `tags`.
  const sources: string[] = [];
  const sourceOf = (s: string) => {
    let i = sources.indexOf(s);
    if (i < 0) i = sources.push(s) - 1;
    return i;
  };
  const wordFields = options.fields.filter((f) => fieldIds[f] !== undefined);
  const specs: Spec[] = [];
  for (const term of q.terms) {
    specs.push({
      term,
      fields: wordFields.map((f) => fieldIds[f]!),
      boosts: wordFields.map((f) => options.boost[f] ?? 1),
      prefix: options.prefix(term),
      fuzzy: options.fuzzy(term),
      source: sourceOf(term),
      word: true,
    });
  }
  const tagField = fieldIds.tags;
  for (const tag of q.tags) {
    const tokens = tokenize(tag)
      .map(processTerm)
      .filter((t): t is string => Boolean(t));
    // A tag with no word in it matches nothing (as MiniSearch answers an empty AND).
    if (!tokens.length || tagField === undefined) return { hits: [], total: 0, capped: 0 };
    for (const term of tokens) {
      specs.push({
        term,
        fields: [tagField],
        boosts: [options.boost.tags ?? 1],
        prefix: true,
        fuzzy: false,
        source: sourceOf(term),
        word: false,
      });
    }
  }
  if (!specs.length || specs.length > 30) return { hits: [], total: 0, capped: 0 };

  // 2. Each spec's words: exact, prefix expansions (capped), typos (not already prefixes).
  let capped = 0;
  const expanded = specs.map((spec) => {
    const derived: Derived[] = [];
    const exact = ix._index.get(spec.term);
    if (exact) derived.push({ term: spec.term, data: exact, weight: 1 });
    const prefixed = new Set<string>();
    if (spec.prefix) {
      const start = derived.length;
      capped += expandPrefix(
        ix._index.atPrefix(spec.term),
        spec.term,
        spec.fields,
        options.weights.prefix,
        cap,
        derived,
      );
      for (let i = start; i < derived.length; i++) prefixed.add(derived[i]!.term);
    }
    if (spec.fuzzy) {
      for (const [term, [data, distance]] of ix._index.fuzzyGet(spec.term, spec.fuzzy)) {
        // A prefix expansion (even one the cap left out) is never scored as a typo.
        if (!distance || prefixed.has(term) || (spec.prefix && term.startsWith(spec.term))) continue;
        derived.push({
          term,
          data,
          weight: (options.weights.fuzzy * term.length) / (term.length + distance),
        });
      }
    }
    let cost = 0;
    for (const d of derived) cost += postings(d.data, spec.fields);
    return { spec, derived, cost };
  });

  // 3. Required parts first, rarest first: later parts only add to documents still in the running.
  const and = combineWith === 'AND';
  const required = expanded.filter((e) => and || !e.spec.word).sort((a, b) => a.cost - b.cost);
  const optional = and ? [] : expanded.filter((e) => e.spec.word);
  if (required.some((e) => e.cost === 0)) return { hits: [], total: 0, capped };
  const order = [...required, ...optional];

  const s = scratch(ix);
  const gen = s.gen;
  const {
    stamp,
    state,
    score,
    docBoost,
    specMask,
    sourceMask,
    slotCount,
    slots,
    touched,
    lengths,
    created,
    alive,
  } = s;
  const F = s.fields;
  const unfiltered = isEmptyFilter(filter);
  let touchedCount = 0;
  const N = ix._documentCount;
  const derivedTerms: string[] = [];
  let requiredMask = 0;

  order.forEach(({ spec, derived }, specIndex) => {
    const bit = 1 << specIndex;
    const isRequired = specIndex < required.length;
    // A document must hold every earlier required part to be worth scoring; only a part with none
    // before it brings in new documents.
    const need = requiredMask;
    const first = requiredMask === 0;
    for (const d of derived) {
      let termIndex = -1;
      for (let fi = 0; fi < spec.fields.length; fi++) {
        const fieldId = spec.fields[fi]!;
        const freqs = d.data.get(fieldId);
        if (!freqs) continue;
        const matching = freqs.size;
        const idf = Math.log(1 + (N - matching + 0.5) / (matching + 0.5));
        const avg = ix._avgFieldLength[fieldId] ?? 1;
        const w = d.weight * spec.boosts[fi]!;
        for (const [doc, tf] of freqs) {
          if (stamp[doc] !== gen) {
            if (!first) continue; // not in every earlier required part
            if (!alive[doc]) continue; // discarded, not vacuumed yet
            stamp[doc] = gen;
            state[doc] =
              unfiltered || matchesFilter((ix._storedFields.get(doc) ?? {}) as unknown as StoredDoc, filter)
                ? 1
                : 2;
            docBoost[doc] = options.boostDocument ? options.boostDocument(created[doc]!) : 1;
            score[doc] = 0;
            specMask[doc] = 0;
            sourceMask[doc] = 0;
            slotCount[doc] = 0;
            if (state[doc] === 1) touched[touchedCount++] = doc;
          }
          if (state[doc] !== 1 || (specMask[doc]! & need) !== need) continue;
          const len = lengths[doc * F + fieldId]!;
          const tfPart = BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * len) / avg));
          score[doc]! += w * docBoost[doc]! * idf * tfPart;
          specMask[doc]! |= bit;
          sourceMask[doc]! |= 1 << spec.source;
          // Remember the word for highlighting (up to SLOTS per document).
          if (termIndex < 0) termIndex = derivedTerms.push(d.term) - 1;
          const n = slotCount[doc]!;
          const base = doc * SLOTS;
          let seen = false;
          for (let k = 0; k < n; k++) {
            if (slots[base + k] === termIndex) {
              seen = true;
              break;
            }
          }
          if (!seen && n < SLOTS) {
            slots[base + n] = termIndex;
            slotCount[doc] = n + 1;
          }
        }
      }
    }
    if (isRequired) requiredMask |= bit;
  });

  // 4. Matches: every required part (and, loose, at least one word); score × distinct words matched.
  const optionalMask = and ? 0 : ((1 << order.length) - 1) & ~requiredMask;
  const docs: number[] = [];
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i]!;
    const mask = specMask[doc]!;
    if ((mask & requiredMask) !== requiredMask) continue;
    if (optionalMask && !(mask & optionalMask)) continue;
    let quality = 0;
    for (let m = sourceMask[doc]!; m; m &= m - 1) quality++;
    score[doc] = score[doc]! * (quality || 1);
    docs.push(doc);
  }
  const total = docs.length;

  // 5. The best `limit`: a threshold from a numeric sort of the scores, then a full sort of those above.
  let best = docs;
  if (docs.length > limit * 2 && limit > 0) {
    const scores = new Float64Array(docs.length);
    for (let i = 0; i < docs.length; i++) scores[i] = score[docs[i]!]!;
    scores.sort();
    const threshold = scores[docs.length - limit]!;
    best = docs.filter((doc) => score[doc]! >= threshold);
  }
  best.sort((a, b) => score[b]! - score[a]! || a - b);
  if (best.length > limit) best.length = Math.max(0, limit);
  const hits = best.map((doc) => {
    const terms: string[] = [];
    for (let k = 0; k < slotCount[doc]!; k++) terms.push(derivedTerms[slots[doc * SLOTS + k]!]!);
    return {
      id: String(ix._documentIds.get(doc)),
      stored: ix._storedFields.get(doc),
      score: score[doc]!,
      terms,
    };
  });
  return { hits, total, capped };
}
