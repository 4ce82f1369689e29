/**
 * A newer schema opened elsewhere (issue 14, item 8): this connection closes at once instead of
 * blocking the upgrade, the page is told, and the next query reopens it.
 */
import { describe, expect, it } from 'vitest';
import { type DatabaseNotice, onDatabaseNotice, openDatabase, watchDatabase } from '../../../storage/db';

describe('the database connection', () => {
  it('closes for a newer version opened elsewhere, says so, and does not block it', async () => {
    const db = watchDatabase(openDatabase('talkmarks-vc-test'));
    await db.notes.count();
    const notices: DatabaseNotice[] = [];
    const off = onDatabaseNotice((n) => notices.push(n));
    try {
      const newer = await new Promise<IDBDatabase>((ok, ko) => {
        const req = indexedDB.open('talkmarks-vc-test', db.backendDB().version + 10);
        req.onsuccess = () => ok(req.result);
        req.onerror = () => ko(req.error);
      });
      expect(notices.map((n) => n.kind)).toEqual(['versionchange']);
      expect(notices[0]!.message).toMatch(/updated in another tab/);
      expect(db.isOpen()).toBe(false);
      newer.close();
      // The next query reopens the database (Dexie opens a newer one whose tables it knows).
      expect(await db.notes.count()).toBe(0);
      expect(db.backendDB().version).toBeGreaterThanOrEqual(newer.version);
    } finally {
      off();
      db.close();
      await new Promise((ok) => {
        const req = indexedDB.deleteDatabase('talkmarks-vc-test');
        req.onsuccess = ok;
        req.onerror = ok;
      });
    }
  });
});
