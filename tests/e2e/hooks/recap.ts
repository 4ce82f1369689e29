/**
 * Benchmark hooks, in `TALKMARKS_E2E=1` builds only (dead code in release builds): time a "Day
 * post" recap (the default template) of a synthetic day in this page's V8, from Playwright, through
 * `window.__talkmarksRecap`.
 */

import { h, render } from 'preact';
import { clearPreviewCache, RecapPreview } from '../../../components/recap/RecapPreview';
import { clearRecapCaches, composeRecap } from '../../../recap/compose';
import type { RecapInput } from '../../../recap/model';
import { corpusDay } from '../../corpus-day';

/** A day of `notes` corpus notes over 10 talks, every note in the recap (no to-dos: they are private). */
function day(notes: number): RecapInput {
  return corpusDay({ notes, talks: 10, seed: 27 });
}

/** The plainest post of a day: the title, a heading and a byline per talk, one line per note. */
function joinDay(d: RecapInput): string {
  return `# ${d.event?.name ?? ''}\n\n${d.talks
    .map(
      ({ talk, notes }) =>
        `## ${talk.title}\n\n_${talk.speakers.map((s) => s.name).join(', ')}_\n\n${notes
          .map((n) => `- ${n.body.replace(/\n+/g, ' ')}`)
          .join('\n')}`,
    )
    .join('\n\n')}\n`;
}

/** Resolves after the next frame is painted (a task after the frame's callbacks). */
const painted = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** The input with one more sentence typed at the end of note `k` (counted across talks). */
function edited(input: RecapInput, k: number, run: number): RecapInput {
  let left = k;
  return {
    ...input,
    talks: input.talks.map((t) => {
      const at = left;
      left -= t.notes.length;
      if (at < 0 || at >= t.notes.length) return t;
      const notes = [...t.notes];
      const n = notes[at]!;
      notes[at] = { ...n, body: `${n.body} Edited in run ${run}.`, updatedAt: n.updatedAt + run };
      return { ...t, notes };
    }),
  };
}

function timed(input: RecapInput): number {
  const started = performance.now();
  const result = composeRecap(input);
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(result.error.message);
  return ms;
}

const hooks = {
  /**
   * The user's loop: the first compose with every cache empty (the cold run), then `runs - 1`
   * re-composes, each after an edit to a different note's text. Each input is a structured clone,
   * as the composer's render worker receives it (cloned before the clock starts). Durations in ms.
   */
  timeCompose(notes: number, runs: number): number[] {
    let input = day(notes);
    clearRecapCaches();
    const times = [timed(structuredClone(input))];
    for (let run = 1; run < runs; run++) {
      input = edited(input, (run * 97) % notes, run);
      times.push(timed(structuredClone(input)));
    }
    return times;
  },

  /**
   * The compose floor: the same day's notes joined by one template string (`joinDay`). With `fresh`,
   * each run joins a fresh structured clone of the day, cloned before the clock starts, as
   * `timeCompose` receives its input: the same work on the same data, young objects included (their
   * garbage collection lands in either loop alike). Without, the same objects every run (the floor
   * before 2026-12-03, reported beside it). Durations in ms.
   */
  timeFloor(notes: number, runs: number, fresh = true): number[] {
    const input = day(notes);
    const times: number[] = [];
    let keep = 0;
    for (let run = 0; run < runs; run++) {
      const d = fresh ? structuredClone(input) : input;
      const started = performance.now();
      const md = joinDay(d);
      times.push(performance.now() - started);
      keep += md.length;
    }
    return keep > 0 ? times : [];
  },

  /** Composes with every cache emptied before each run: what opening the composer on the day costs. */
  timeColdCompose(notes: number, runs: number): number[] {
    const input = day(notes);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      clearRecapCaches();
      times.push(timed(structuredClone(input)));
    }
    return times;
  },

  /**
   * A recap just chosen in the composer: the preview of the composed post mounted with nothing
   * rendered before, timed from the mount to the first frame painted (the talks in view) and to
   * the frame with the whole post. Durations in ms, one pair per run.
   */
  async timePreview(notes: number, runs: number): Promise<{ first: number[]; all: number[] }> {
    const result = composeRecap(day(notes));
    if (!result.ok) throw new Error(result.error.message);
    const first: number[] = [];
    const all: number[] = [];
    for (let run = 0; run < runs; run++) {
      clearPreviewCache();
      const box = document.createElement('div');
      document.body.append(box);
      const started = performance.now();
      render(h(RecapPreview, { markdown: result.markdown }), box);
      await painted();
      first.push(performance.now() - started);
      const article = box.querySelector<HTMLElement>('[data-parts-painted]')!;
      while (!/^(\d+)\/\1$/.test(article.dataset.partsPainted ?? '')) await painted();
      all.push(performance.now() - started);
      render(null, box);
      box.remove();
    }
    return { first, all };
  },
};

(window as unknown as { __talkmarksRecap: typeof hooks }).__talkmarksRecap = hooks;
