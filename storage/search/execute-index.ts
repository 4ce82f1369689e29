/**
 * What the executor (execute.ts) reads of MiniSearch 7.2.0's index (private fields, pinned), and
 * its scratch: typed arrays per index, reused across queries, with dense copies of what every
 * posting needs.
 */

/** Field id → document short id → term frequency. */
export type FieldTermData = Map<number, Map<number, number>>;

export interface TermMap {
  get(term: string): FieldTermData | undefined;
  atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
}

/** What MiniSearch 7.2.0 keeps (private fields). */
export interface Internals {
  _index: TermMap;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentIds: Map<number, unknown>;
  _storedFields: Map<number, Record<string, unknown> | undefined>;
  _documentCount: number;
  _dirtCount: number;
  _nextId: number;
}

/** Matched terms remembered per document, for highlighting. */
export const SLOTS = 8;

/**
 * Scratch arrays per index, reused across queries, plus dense copies of what every posting needs
 * (field lengths, creation times) so the hot loop reads typed arrays, not MiniSearch's maps. A
 * document's short id is never reused (a replaced note gets a new one), so the copies are filled
 * once per id, up to `filled`.
 */
export interface Scratch {
  size: number;
  gen: number;
  fields: number;
  filled: number;
  /** `_nextId`, `_documentCount`, `_dirtCount` when `alive` was last taken: any add or discard changes one. */
  seen: string;
  /** 1 for a short id in the index now (a discarded document stays in postings until vacuumed). */
  alive: Uint8Array;
  lengths: Float32Array;
  created: Float64Array;
  stamp: Int32Array;
  state: Int8Array;
  score: Float64Array;
  docBoost: Float64Array;
  specMask: Int32Array;
  sourceMask: Int32Array;
  slotCount: Uint8Array;
  slots: Int32Array;
  touched: Int32Array;
}

const scratchOf = new WeakMap<object, Scratch>();

function grow<T extends Float32Array | Float64Array | Int32Array | Int8Array | Uint8Array>(
  old: T | undefined,
  make: (n: number) => T,
  n: number,
): T {
  const next = make(n);
  if (old) next.set(old.subarray(0, Math.min(old.length, n)));
  return next;
}

export function scratch(ix: Internals): Scratch {
  const size = ix._nextId;
  const fields = Object.keys(ix._fieldIds).length;
  let s = scratchOf.get(ix);
  if (!s || s.size < size || s.fields !== fields) {
    const keep = s && s.fields === fields ? s : undefined;
    const n = Math.max(size, Math.ceil((keep?.size ?? 0) * 1.25), 1024);
    s = {
      size: n,
      gen: keep?.gen ?? 0,
      fields,
      filled: keep?.filled ?? 0,
      seen: '',
      alive: new Uint8Array(n),
      lengths: grow(keep?.lengths, (k) => new Float32Array(k), n * fields),
      created: grow(keep?.created, (k) => new Float64Array(k), n),
      stamp: grow(keep?.stamp, (k) => new Int32Array(k), n),
      state: new Int8Array(n),
      score: new Float64Array(n),
      docBoost: new Float64Array(n),
      specMask: new Int32Array(n),
      sourceMask: new Int32Array(n),
      slotCount: new Uint8Array(n),
      slots: new Int32Array(n * SLOTS),
      touched: new Int32Array(n),
    };
    scratchOf.set(ix, s);
  }
  for (let doc = s.filled; doc < size; doc++) {
    const lengths = ix._fieldLength.get(doc);
    if (lengths) for (let f = 0; f < fields; f++) s.lengths[doc * fields + f] = lengths[f] ?? 0;
    const created = ix._storedFields.get(doc)?.createdAt;
    s.created[doc] = typeof created === 'number' ? created : Number.NaN;
  }
  s.filled = size;
  const seen = `${ix._nextId} ${ix._documentCount} ${ix._dirtCount}`;
  if (s.seen !== seen) {
    s.alive.fill(0);
    for (const doc of ix._documentIds.keys()) s.alive[doc] = 1;
    s.seen = seen;
  }
  if (++s.gen > 2 ** 30) {
    s.gen = 1;
    s.stamp.fill(0);
  }
  return s;
}

/**
 * Fills the executor's dense copies for what the index holds now, so the first query after a load,
 * a build or a batch of changes does not pay for it.
 */
export function prepareIndex(index: object): void {
  scratch(index as Internals);
}
