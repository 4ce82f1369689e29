/**
 * References between the records of a backup: a note's talk, deck, event and thumbnail, a talk's
 * event, a deck's talk, a recap's event, talks and template. Each must name a record of the file or
 * of the library (built-in templates aside); a reference to nothing is refused, so an import never
 * stores a note whose thumbnail or talk cannot be found. A recap's left-out moments and per-talk
 * options are lists of ids to skip or settings keyed by id: a missing one changes nothing, so they
 * are not references here.
 */
import type { BackupData, BackupTable } from './format';

export interface Reference {
  /** Where the reference is: `notes[3].talkId`. */
  at: string;
  /** The same, as parts: the record (table and index in the file), its field, the list item. */
  where: { table: BackupTable; index: number; field: string; item?: number };
  target: BackupTable;
  id: string;
}

const NAMES: Record<BackupTable, string> = {
  events: 'event',
  talks: 'talk',
  decks: 'deck',
  blobs: 'slide image',
  notes: 'note',
  recaps: 'recap',
  templates: 'template',
};

/** The words for a reference that names nothing. */
export function danglingMessage(ref: Reference): string {
  return `Record ${ref.at} names ${NAMES[ref.target]} ${ref.id}, which is neither in the file nor in this library.`;
}

const FIELDS: { table: BackupTable; field: string; target: BackupTable }[] = [
  { table: 'talks', field: 'eventId', target: 'events' },
  { table: 'decks', field: 'talkId', target: 'talks' },
  { table: 'notes', field: 'talkId', target: 'talks' },
  { table: 'notes', field: 'deckId', target: 'decks' },
  { table: 'notes', field: 'eventId', target: 'events' },
  { table: 'notes', field: 'thumbnailId', target: 'blobs' },
  { table: 'recaps', field: 'eventId', target: 'events' },
  { table: 'recaps', field: 'templateId', target: 'templates' },
];

/**
 * References of the file to records the file does not have (the library may): in file order,
 * built-in template ids (`isBuiltin`) left out.
 */
export function outsideReferences(data: BackupData, isBuiltin: (templateId: string) => boolean): Reference[] {
  const ids = Object.fromEntries(
    (Object.keys(data) as BackupTable[]).map((t) => [t, new Set(data[t].map((r) => r.id))]),
  ) as Record<BackupTable, Set<string>>;
  const out: Reference[] = [];
  const check = (where: Reference['where'], target: BackupTable, id: unknown) => {
    if (typeof id !== 'string') return;
    if (target === 'templates' && isBuiltin(id)) return;
    const at = `${where.table}[${where.index}].${where.field}${where.item === undefined ? '' : `.${where.item}`}`;
    if (!ids[target].has(id)) out.push({ at, where, target, id });
  };
  for (const { table, field, target } of FIELDS) {
    data[table].forEach((r, index) => {
      check({ table, index, field }, target, r[field]);
    });
  }
  data.recaps.forEach((r, index) => {
    (r.talkIds as string[]).forEach((id, item) => {
      check({ table: 'recaps', index, field: 'talkIds', item }, 'talks', id);
    });
  });
  return out;
}
