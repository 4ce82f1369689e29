/**
 * Talk models remembered between composes. After an edit to one note, nine talks of ten are as
 * they were: handing back the same model object (not an equal one) lets the template's loops reuse
 * what they wrote for it (recap/cached-for.ts) and spares re-selecting, re-sorting and re-grouping
 * a hundred notes per talk. An entry is used again only when everything `talkModel`
 * (recap/talk-model.ts) reads is equal by value (recap/same-value.ts): the talk input (talk record,
 * options, decks, its posted notes), the recap fields it reads, the zone, the note settings, and the
 * thumbnail links of its notes (the worker's `thumbnailUrl` is a new function each time, so its
 * answers are compared, not the function). Bounded: the talks remembered first are forgotten first.
 */
import { noteSettings } from '../storage/settings';
import type { RecapInput, RecapTalkInput } from './input';
import type { TalkModel } from './model-types';
import { sameValue } from './same-value';

interface Entry {
  deps: readonly unknown[];
  model: TalkModel;
}

const talks = new Map<string, Entry>();
const MAX_TALKS = 1_000;

/** Every value `talkModel` reads, apart from `make` itself. */
function depsOf(input: RecapTalkInput, recap: RecapInput, zone: string): unknown[] {
  const links: (string | undefined)[] = [];
  for (const n of input.notes) {
    if (!n.thumbnailId) continue;
    links.push(
      n.id,
      n.thumbnailId,
      recap.thumbnailUrl?.(n.thumbnailId),
      String(recap.pictures?.includes(n.id)),
    );
  }
  return [
    input.talk,
    input.options,
    input.decks,
    input.notes,
    recap.event,
    recap.linksMentioned,
    zone,
    noteSettings(),
    links,
  ];
}

/** The talk's model from `make`, or the very object made before when nothing it reads changed. */
export function rememberedTalkModel(
  input: RecapTalkInput,
  recap: RecapInput,
  zone: string,
  make: () => TalkModel,
): TalkModel {
  const key = input.talk.id;
  const deps = depsOf(input, recap, zone);
  const hit = talks.get(key);
  if (hit && sameDeps(hit.deps, deps)) return hit.model;
  const model = make();
  if (!hit && talks.size >= MAX_TALKS) talks.delete(talks.keys().next().value as string);
  talks.set(key, { deps, model });
  return model;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  // Cheap fields first: a changed talk usually differs in its notes, compared last.
  for (let i = a.length - 1; i >= 0; i--) if (i !== 3 && !sameValue(a[i], b[i])) return false;
  return sameValue(a[3], b[3]);
}

/** Forgets every remembered talk (for a cold measure, and tests). */
export function clearTalkModelCache(): void {
  talks.clear();
}
