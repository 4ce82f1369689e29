/** Every unit test gets a fresh in-memory IndexedDB database, so tests never see each other's data. */
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/preact';
import { beforeEach } from 'vitest';
import { getDb, openDatabase, setDb } from '../../storage/db';

// `findBy…` and `waitFor` wait on a condition; their 1 s default gave up on a busy 2-core machine
// (a render test failed once under load and passed alone). The wait is not what any test checks.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(async () => {
  const old = getDb();
  await old.delete();
  setDb(openDatabase());
});
