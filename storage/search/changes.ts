/**
 * Which notes and talks a Dexie transaction changed, read from the `storagemutated` event that Dexie
 * fires in every context (tab, side panel, service worker, worker) of the origin after each commit.
 */
import type { IntervalTree, IntervalTreeNode, ObservabilitySet } from 'dexie';

export interface ChangedKeys {
  /** Changed primary keys, or `'all'` when the writer touched a range (bulk writes, clear). */
  notes: Set<string> | 'all';
  talks: Set<string> | 'all';
}

function isNode(tree: IntervalTree | null | undefined): tree is IntervalTreeNode {
  return Boolean(tree && 'from' in tree);
}

/** The single keys in an interval tree, or `'all'` when it holds a real range. */
export function keysOf(tree: IntervalTree | undefined): Set<string> | 'all' {
  const keys = new Set<string>();
  const stack: (IntervalTreeNode | null | undefined)[] = isNode(tree) ? [tree] : [];
  while (stack.length) {
    const node = stack.pop();
    if (!isNode(node)) continue;
    if (typeof node.from !== 'string' || node.from !== node.to) return 'all';
    keys.add(node.from);
    stack.push(node.l, node.r);
  }
  return keys;
}

/** The notes and talks of database `dbName` changed in one mutation event (empty sets when none). */
export function changedKeys(parts: ObservabilitySet, dbName: string): ChangedKeys {
  const at = (table: string) => parts[`idb://${dbName}/${table}/`];
  const all = 'all' in parts; // Dexie's "everything may have changed" (bfcache restore)
  return {
    notes: all ? 'all' : keysOf(at('notes')),
    talks: all ? 'all' : keysOf(at('talks')),
  };
}
