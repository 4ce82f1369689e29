/**
 * The per-note part of the recap model, remembered between composes: escaping a note, keeping its
 * Markdown inline and writing its sentence is most of the model's time for a large day (~25 ms for
 * 1,000 notes), and an edit changes one note. An entry is used again only when every field the note's
 * model reads, and every value the talk passes in, is the same (compared, not hashed): the stored
 * record's `updatedAt` alone is not trusted, since a backup or another device may fill the rest.
 * Bounded: the least recently used notes are forgotten first.
 */
import { notePromises } from '../storage/promises';
import type { NoteRecord } from '../storage/types';
import type { NoteModel } from './model-types';

interface Entry {
  deps: readonly unknown[];
  model: NoteModel;
}

const models = new Map<string, Entry>();
const MAX_NOTES = 20_000;

/** Everything `noteModel` (recap/talk-model.ts) reads, in one list to compare. */
function depsOf(note: NoteRecord, args: readonly unknown[]): unknown[] {
  return [
    note.body,
    note.kind,
    note.createdAt,
    note.pageTitle,
    note.url,
    note.talkOffsetSec,
    note.tags.join('\u0000'),
    note.anchor === undefined ? undefined : JSON.stringify(note.anchor),
    ...args,
  ];
}

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * The note's model from `make` (recap/talk-model.ts's `noteModel`), or the one made before for the
 * same note, fields and arguments (`args`: every other value `make` reads, the talk's recording as
 * its JSON). The model is read-only to everything after it (templates, prose).
 */
export function rememberedNoteModel(
  note: NoteRecord,
  args: readonly unknown[],
  make: () => NoteModel,
): NoteModel {
  const key = `${args.length}\u0000${note.id}\u0000${args[0]}`;
  const deps = depsOf(note, args);
  const hit = models.get(key);
  if (hit && same(hit.deps, deps)) {
    models.delete(key);
    models.set(key, hit);
    return hit.model;
  }
  const model = make();
  models.delete(key);
  models.set(key, { deps, model });
  if (models.size > MAX_NOTES) models.delete(models.keys().next().value as string);
  return model;
}

/** Promise words (joined) → note text → whether it promises: a text's hash is kept by the engine, a joined key's is not. */
const promising = new Map<string, Map<string, boolean>>();
let promisingSize = 0;

/** `notePromises` for the promise words in force, remembered by the text (bounded like the models). */
export function rememberedNotePromises(body: string, words: readonly string[]): boolean {
  const wordsKey = words.join('\u0000');
  let byBody = promising.get(wordsKey);
  if (!byBody) {
    byBody = new Map();
    promising.set(wordsKey, byBody);
  }
  let value = byBody.get(body);
  if (value === undefined) {
    value = notePromises(body, words);
    if (promisingSize >= MAX_NOTES) {
      promising.clear();
      byBody = new Map();
      promising.set(wordsKey, byBody);
      promisingSize = 0;
    }
    byBody.set(body, value);
    promisingSize++;
  }
  return value;
}

/** Forgets every remembered note (for a cold measure, and tests). */
export function clearNoteModelCache(): void {
  models.clear();
  promising.clear();
  promisingSize = 0;
}
