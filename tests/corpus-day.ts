/**
 * A recap day from the corpus (tests/corpus.ts): one event, `talks` talks, `notes` notes dealt over
 * the talks in turn. No to-dos, since those are private and a recap leaves them out, so every note is
 * in the post. Shared by the recap tests, the composer's e2e hooks and bench/recap.bench.mjs.
 */
import type { RecapInput } from '../recap/input';
import { makeCorpus } from './corpus';

export function corpusDay(options: { notes: number; talks: number; seed: number }): RecapInput {
  const corpus = makeCorpus({
    notes: options.notes,
    events: 1,
    talksPerEvent: options.talks,
    seed: options.seed,
  });
  const notes = corpus.notes.map((n, i) => ({
    ...n,
    kind: n.kind === 'todo' ? ('note' as const) : n.kind,
    talkId: corpus.talks[i % corpus.talks.length]!.id,
  }));
  return {
    event: corpus.events[0],
    talks: corpus.talks.map((talk) => ({ talk, notes: notes.filter((n) => n.talkId === talk.id) })),
  };
}
