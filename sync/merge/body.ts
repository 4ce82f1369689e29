/**
 * Note bodies: a graph of versions, each written from the versions its device had (its parents).
 * The body a note shows is never chosen by clock:
 *
 * - one head (a version no other version was written from): its text;
 * - several heads: they are merged newest first (by stamp, a fixed order every device shares). Each
 *   further head is merged into the text so far with a three-way line merge (`node-diff3`) from
 *   their common ancestor (the latest version both descend from; none: the empty text). A clean
 *   merge takes both sides' changes; a merge with a conflicting region leaves the text as it was
 *   and that head becomes a *losing version*: it is kept whole in a conflict copy (`copies.ts`).
 *
 * A version with several parents is an edit made while its device showed a merged body. It records
 * the parents that had lost that merge on its device (`losers`: their text is not in it), and
 * those stay conflict copies for good. They are recorded rather than recomputed because the device
 * may have merged with part of the history missing (a version's parent not yet delivered), and
 * what its user saw is what counts. Everything here is a pure function of the version graph, so
 * every device that has the same versions shows the same body and the same conflict copies.
 */
import { diff3Merge } from 'node-diff3';
import type { Hlc } from '../hlc';
import type { Version } from './state';

export type Versions = Readonly<Record<Hlc, Version>>;

export interface BodyResolution {
  /** The text the note shows. */
  body: string;
  /** The head versions, newest first. */
  heads: Hlc[];
  /** Heads that did not merge cleanly (each kept in a conflict copy), newest first. */
  losers: Hlc[];
}

/** Versions no known version was written from, newest first. */
export function headsOf(versions: Versions): Hlc[] {
  const parents = new Set<Hlc>();
  for (const v of Object.values(versions)) for (const p of v.parents) parents.add(p);
  return Object.keys(versions)
    .filter((id) => !parents.has(id))
    .sort()
    .reverse();
}

/** A version and every known version it descends from. */
export function ancestry(versions: Versions, from: Iterable<Hlc>): Set<Hlc> {
  const seen = new Set<Hlc>();
  const stack = [...from];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    const v = versions[id];
    if (!v) continue;
    seen.add(id);
    stack.push(...v.parents);
  }
  return seen;
}

/** The latest common ancestor among `common` (one no other member descends from; ties: latest stamp). */
function baseOf(versions: Versions, common: Set<Hlc>): Hlc | undefined {
  const below = new Set<Hlc>();
  for (const id of common) {
    for (const a of ancestry(versions, versions[id]?.parents ?? [])) below.add(a);
  }
  let best: Hlc | undefined;
  for (const id of common) if (!below.has(id) && (best === undefined || id > best)) best = id;
  return best;
}

const lines = (text: string) => text.split('\n');

/**
 * Merges the versions `heads` (ids of known versions) as the file comment says; `heads` in any
 * order. Returns the text and the heads that lost.
 */
export function mergeVersions(versions: Versions, heads: readonly Hlc[]): { body: string; losers: Hlc[] } {
  const order = [...new Set(heads)]
    .filter((h) => versions[h])
    .sort()
    .reverse();
  if (order.length === 0) return { body: '', losers: [] };
  const first = order[0]!;
  let text = lines(versions[first]!.body);
  const merged = ancestry(versions, [first]);
  const losers: Hlc[] = [];
  for (const head of order.slice(1)) {
    const theirs = ancestry(versions, [head]);
    const common = new Set([...theirs].filter((id) => merged.has(id)));
    const base = baseOf(versions, common);
    const regions = diff3Merge(
      text,
      base === undefined ? [] : lines(versions[base]!.body),
      lines(versions[head]!.body),
      {
        excludeFalseConflicts: true,
      },
    );
    if (regions.some((r) => r.conflict)) {
      losers.push(head);
      continue;
    }
    text = regions.flatMap((r) => r.ok ?? []);
    for (const a of theirs) merged.add(a);
  }
  return { body: text.join('\n'), losers };
}

/** The body a note shows, its heads and the heads that lost. */
export function resolveBody(versions: Versions): BodyResolution {
  const memo = memoOf(versions);
  if (!memo.resolution) {
    const heads = headsOf(versions);
    const { body, losers } = mergeVersions(versions, heads);
    memo.resolution = { body, heads, losers };
  }
  const { body, heads, losers } = memo.resolution;
  return { body, heads: [...heads], losers: [...losers] };
}

/**
 * Results per version graph, reused while it holds the same number of versions: graphs only grow
 * (`joinVersion` puts a new container in place when it replaces a version, so a replaced version
 * never meets a stale result).
 */
const memos = new WeakMap<Versions, { size: number; resolution?: BodyResolution; losing?: Hlc[] }>();

function memoOf(versions: Versions) {
  const size = Object.keys(versions).length;
  let memo = memos.get(versions);
  if (!memo || memo.size !== size) {
    memo = { size };
    memos.set(versions, memo);
  }
  return memo;
}

/**
 * Every losing version of the graph: those of the current heads, and those recorded by versions
 * written from a merge. Sorted.
 */
export function losingVersions(versions: Versions): Hlc[] {
  const memo = memoOf(versions);
  if (!memo.losing) {
    const out = new Set<Hlc>(resolveBody(versions).losers);
    for (const v of Object.values(versions)) for (const l of v.losers ?? []) if (versions[l]) out.add(l);
    memo.losing = [...out].sort();
  }
  return [...memo.losing];
}
