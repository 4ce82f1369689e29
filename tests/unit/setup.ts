/** Every unit test gets a fresh in-memory IndexedDB database, so tests never see each other's data. */
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { getDb, openDatabase, setDb } from '../../storage/db';

beforeEach(async () => {
  const old = getDb();
  await old.delete();
  setDb(openDatabase());
});
