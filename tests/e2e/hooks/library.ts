/**
 * End-to-end and benchmark hooks, in `TALKMARKS_E2E=1` builds only (the import is dead code in
 * release builds): seed a synthetic library and time searches, from
 * Playwright, through `window.__talkmarksLibrary`. Writes go through the repositories.
 */

import { addLibrary } from '../../../storage/bulk';
import { createNote, type NewNote } from '../../../storage/notes';
import { searchClient } from '../../../storage/search/client';
import type { LibraryFilter } from '../../../storage/search/filter';
import { makeCorpus } from '../../corpus';

const hooks = {
  /** Writes a corpus (events, talks, notes) in batches; returns what a test needs to query it. */
  async seed(options: { notes: number; events?: number; talksPerEvent?: number; seed?: number }) {
    const corpus = makeCorpus(options);
    const started = performance.now();
    await addLibrary(corpus);
    const tagCounts = new Map<string, number>();
    for (const n of corpus.notes) for (const t of n.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    return {
      ms: performance.now() - started,
      events: corpus.events.map((e) => ({ id: e.id, name: e.name })),
      vocabulary: corpus.vocabulary.slice(0, 3000),
      tags: [...tagCounts].sort((a, b) => b[1] - a[1]).map(([tag, count]) => ({ tag, count })),
      sample: corpus.notes.filter((_, i) => i % Math.max(1, Math.floor(corpus.notes.length / 200)) === 0),
    };
  },
  /** Saves a note the way the repository does (for "save → visible" timings). */
  createNote: (input: NewNote) => createNote(input),
  /** One search through the worker, timed end to end. */
  async search(query: string, filter: LibraryFilter = {}) {
    const started = performance.now();
    const reply = await searchClient().search(query, filter);
    return {
      roundTripMs: performance.now() - started,
      workerMs: reply.ms,
      total: reply.answer.total,
      status: reply.status,
    };
  },
  /** The index's state (for waiting until it is built). */
  status: () => searchClient().status,
  warm: () => searchClient().warm(),
  /** Saves the index snapshot and stops the worker. */
  release: () => searchClient().release(),
};

declare global {
  interface Window {
    __talkmarksLibrary?: typeof hooks;
  }
}

window.__talkmarksLibrary = hooks;
