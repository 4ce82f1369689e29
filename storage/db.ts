/** The Dexie database. Only repositories in `storage/` write to it; every write passes the change hook. */
import Dexie, { type EntityTable } from 'dexie';
import { changesMiddleware } from './changes';
import { staleFirstPageOnWrite } from './first-page-stale';
import { notice } from './notices';
import { DB_NAME, SCHEMA_VERSIONS, type SchemaVersion } from './schema';
import type {
  BlobRecord,
  DeckRecord,
  EventRecord,
  NoteRecord,
  RecapRecord,
  TalkRecord,
  TemplateRecord,
} from './types';

export type TalkmarksDB = Dexie & {
  events: EntityTable<EventRecord, 'id'>;
  talks: EntityTable<TalkRecord, 'id'>;
  decks: EntityTable<DeckRecord, 'id'>;
  notes: EntityTable<NoteRecord, 'id'>;
  blobs: EntityTable<BlobRecord, 'id'>;
  recaps: EntityTable<RecapRecord, 'id'>;
  templates: EntityTable<TemplateRecord, 'id'>;
};

/** Opens (lazily) a database with the given schema versions; tests pass fewer to build old databases. */
export function openDatabase(name = DB_NAME, versions: SchemaVersion[] = SCHEMA_VERSIONS): TalkmarksDB {
  const db = new Dexie(name) as TalkmarksDB;
  for (const v of versions) {
    const stage = db.version(v.version).stores(v.stores);
    if (v.upgrade) stage.upgrade(v.upgrade);
  }
  db.use(changesMiddleware);
  return db;
}

let shared: TalkmarksDB | undefined;

export { type DatabaseNotice, onDatabaseNotice } from './notices';

/**
 * Another context opens the database with a newer schema (the extension was updated) or deletes
 * it: this connection closes at once so that one is not blocked, and the next query reopens it
 * (Dexie's auto-open); a page of the old version then fails to open and says to reload. An upgrade
 * here blocked by an older page's connection is said too.
 */
export function watchDatabase(db: TalkmarksDB): TalkmarksDB {
  db.on('versionchange', (ev) => {
    db.close({ disableAutoOpen: false });
    notice({
      kind: 'versionchange',
      message:
        ev.newVersion && ev.newVersion > 0
          ? 'Talkmarks was updated in another tab: this page reconnected to the newer database. Reload it if something looks wrong.'
          : 'The Talkmarks database was removed in another tab.',
    });
    return false; // handled: Dexie's default handler would only log
  });
  db.on('blocked', () => {
    notice({
      kind: 'blocked',
      message:
        'An older Talkmarks page is still open and holds the database: close or reload it to finish the update.',
    });
  });
  return db;
}

/** The database of this extension context. */
export function getDb(): TalkmarksDB {
  shared ??= watchDatabase(openDatabase());
  // Every write to notes or talks seen here makes the side panel's persisted first page stale.
  staleFirstPageOnWrite();
  // An open that failed (a full disk, a close forced by the browser while reopening) is not final:
  // Dexie keeps that error for every later query, so it is cleared and the next query opens again.
  if (shared.hasFailed() && !shared.hasBeenClosed()) {
    shared.close({ disableAutoOpen: false });
    notice({ kind: 'reopened', message: 'The database could not be opened; trying again.' });
  }
  return shared;
}

/** Starts opening the database now (a large one takes a while), not at the first query. */
export function openEarly(): void {
  void getDb()
    .open()
    .catch(() => undefined);
}

/** Swaps the shared database (tests and benchmarks use a fresh one each). */
export function setDb(db: TalkmarksDB): void {
  shared = db;
}
