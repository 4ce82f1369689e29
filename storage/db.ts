/** The Dexie database. Only repositories in `storage/` write to it; every write passes the change hook. */
import Dexie, { type EntityTable } from 'dexie';
import { changesMiddleware } from './changes';
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

/** The database of this extension context. */
export function getDb(): TalkmarksDB {
  shared ??= openDatabase();
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
