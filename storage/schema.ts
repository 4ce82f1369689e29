/**
 * Every schema version the `talkmarks` database has had, oldest first. A new version is appended
 * here (never edited in place) with its upgrade function; `tests/unit/storage/migrations.test.ts`
 * opens a database of every earlier version and upgrades it.
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      events: 'id, url, name, startDate, updatedAt',
      talks: 'id, eventId, url, startsAt, *tags, starredAt, updatedAt',
      decks: 'id, url, talkId, updatedAt',
      notes: 'id, url, talkId, deckId, *tags, kind, updatedAt, createdAt, deletedAt',
      blobs: 'id',
      recaps: 'id, eventId, updatedAt',
      templates: 'id, name',
    },
  },
  {
    // The library's "has thumbnail" filter reads an index instead of every note.
    version: 2,
    stores: {
      notes: 'id, url, talkId, deckId, *tags, kind, updatedAt, createdAt, deletedAt, thumbnailId',
    },
  },
];

export const DB_NAME = 'talkmarks';
