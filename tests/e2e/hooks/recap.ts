/**
 * Benchmark hooks, in `TALKMARKS_E2E=1` builds only (dead code in release builds): time a "Day
 * recap" of a synthetic day in this page's V8, from Playwright, through `window.__talkmarksRecap`.
 */

import { composeRecap } from '../../../recap/compose';
import { makeCorpus } from '../../corpus';

const hooks = {
  /** Composes `runs` times a recap of `notes` notes over 10 talks; returns each duration (ms). */
  timeCompose(notes: number, runs: number) {
    const corpus = makeCorpus({ notes, events: 1, talksPerEvent: 10, seed: 27 });
    const all = corpus.notes.map((n, i) => ({
      ...n,
      kind: n.kind === 'todo' ? ('note' as const) : n.kind,
      talkId: corpus.talks[i % corpus.talks.length]!.id,
    }));
    const input = {
      event: corpus.events[0],
      talks: corpus.talks.map((talk) => ({ talk, notes: all.filter((n) => n.talkId === talk.id) })),
    };
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = composeRecap(input);
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(result.error.message);
    }
    return times;
  },
};

(window as unknown as { __talkmarksRecap: typeof hooks }).__talkmarksRecap = hooks;
