/**
 * Where the search index is saved between sessions: its own small database, apart from the notes
 * (it is a cache: never synced, never backed up, rebuilt when missing or of another format).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Snapshot, SnapshotStore } from './service';

interface SnapshotRow extends Snapshot {
  id: string;
}

type CacheDB = Dexie & { snapshots: EntityTable<SnapshotRow, 'id'> };

/** A snapshot store in IndexedDB database `name`. */
export function indexedDbStore(name = 'talkmarks-search'): SnapshotStore {
  let db: CacheDB | undefined;
  const open = () => {
    if (!db) {
      db = new Dexie(name) as CacheDB;
      db.version(1).stores({ snapshots: 'id' });
    }
    return db;
  };
  return {
    async load() {
      const row = await open().snapshots.get('notes');
      if (!row) return undefined;
      const { id: _id, ...snapshot } = row;
      return snapshot;
    },
    async save(snapshot) {
      await open().snapshots.put({ id: 'notes', ...snapshot });
    },
  };
}
