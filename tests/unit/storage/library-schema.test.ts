import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../storage/db';
import { SCHEMA_VERSIONS } from '../../../storage/schema';

describe('schema version 2 (notes.thumbnailId index)', () => {
  it('upgrades a version-1 database and indexes existing thumbnails', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = openDatabase(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version === 1),
    );
    const base = { createdAt: 1, updatedAt: 1, url: 'https://x.org', tags: [], kind: 'note' as const };
    await v1.notes.bulkAdd([
      { ...base, id: 'A', body: 'with', thumbnailId: 'blob1' },
      { ...base, id: 'B', body: 'without' },
    ]);
    v1.close();
    const v2 = openDatabase(name);
    expect(await v2.notes.where('thumbnailId').above('').primaryKeys()).toEqual(['A']);
    expect(await v2.notes.count()).toBe(2);
    v2.close();
    await v2.delete();
  });
});
