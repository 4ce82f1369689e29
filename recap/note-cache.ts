/**
 * The per-note part of the recap model, remembered between composes: escaping a note, keeping its
 * Markdown inline and writing its sentence is most of the model's time for a large day (~25 ms for
 * 1,000 notes), and an edit changes one note. An entry is used again only when every field the note's
 * model reads, and every value the talk passes in, is the same (compared, not hashed): the stored
 * record's `updatedAt` alone is not trusted, since a backup or another device may fill the rest.
 * Bounded: the notes remembered first are forgotten first.
 */
import { notePromises } from '../storage/promises';
import type { NoteRecord } from '../storage/types';
import type { NoteModel } from './model-types';

interface Entry {
  deps: readonly unknown[];
  model: NoteModel;
}

const models = new Map<string, Entry>();
/** The last model made or found for a record object, with the arguments it was for. */
let byRecord = new WeakMap<NoteRecord, { args: readonly unknown[]; model: NoteModel }>();
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
  // The same record (interned between composes, recap/intern.ts) with the same arguments: nothing
  // to compare field by field. Records are read-only to composing.
  const known = byRecord.get(note);
  if (known && same(known.args, args)) return known.model;
  const key = `${args.length}\u0000${note.id}\u0000${args[0]}`;
  const deps = depsOf(note, args);
  const hit = models.get(key);
  if (hit && same(hit.deps, deps)) {
    byRecord.set(note, { args, model: hit.model });
    return hit.model;
  }
  const model = make();
  byRecord.set(note, { args, model });
  // The oldest entry goes first (not reordered on use: that costs more than the rare re-make).
  if (!hit && models.size >= MAX_NOTES) models.delete(models.keys().next().value as string);
  models.set(key, { deps, model });
  return model;
}

/** Note id → the text and promise words last matched, and the answer. */
const promising = new Map<string, { body: string; words: readonly string[]; value: boolean }>();

/**
 * `notePromises` for the promise words in force, remembered by note: the text is compared (a
 * render worker's copy is equal, not the same string; comparing is cheaper than hashing it anew).
 */
export function rememberedNotePromises(id: string, body: string, words: readonly string[]): boolean {
  const hit = promising.get(id);
  if (hit && hit.body === body && same(hit.words, words)) return hit.value;
  const value = notePromises(body, words);
  if (!hit && promising.size >= MAX_NOTES) promising.delete(promising.keys().next().value as string);
  promising.set(id, { body, words, value });
  return value;
}

/** Forgets every remembered note (for a cold measure, and tests). */
export function clearNoteModelCache(): void {
  models.clear();
  byRecord = new WeakMap();
  promising.clear();
}
