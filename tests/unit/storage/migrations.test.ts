/**
 * The migration harness: for every earlier schema version, build a database of exactly that version
 * with data in every table, then open it with the current code. Nothing may be lost, and every index of
 * the current schema must answer. A new version plugs in by appending to SCHEMA_VERSIONS (and, when
 * its upgrade transforms data, an entry in UPGRADE_CHECKS).
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, type TalkmarksDB } from '../../../storage/db';
import { SCHEMA_VERSIONS } from '../../../storage/schema';

const T = 1_700_000_000_000;
const base = (id: string) => ({ id, createdAt: T, updatedAt: T });

/** One record per table, shaped as version 1 wrote them. */
const SAMPLE: Record<string, object[]> = {
  events: [
    { ...base('01EVENT0000000000000000000'), name: 'Red Hat Summit 2012', url: 'https://example.org/summit' },
  ],
  talks: [
    {
      ...base('01TALK00000000000000000000'),
      eventId: '01EVENT0000000000000000000',
      title: 'GlusterFS roadmap',
      speakers: [{ name: 'John Mark Walker' }],
      tags: ['glusterfs'],
      source: { platform: 'page', url: 'https://example.org/t', capturedAt: T },
    },
  ],
  decks: [
    {
      ...base('01DECK00000000000000000000'),
      url: 'https://example.org/deck',
      title: 'Deck',
      platform: 'reveal',
    },
  ],
  notes: [
    {
      ...base('01NOTE00000000000000000000'),
      url: 'https://example.org/t',
      body: 'Replicate translator needs tuning #glusterfs',
      tags: ['glusterfs'],
      kind: 'note',
      talkId: '01TALK00000000000000000000',
      thumbnailId: '01BLOB00000000000000000000',
    },
    {
      ...base('01NOTE00000000000000000001'),
      url: 'https://example.org/u',
      body: 'gone',
      tags: [],
      kind: 'note',
      deletedAt: T,
    },
  ],
  blobs: [
    { ...base('01BLOB00000000000000000000'), mime: 'image/jpeg', data: new Blob(['x']), width: 1, height: 1 },
  ],
  recaps: [
    {
      ...base('01RECAP0000000000000000000'),
      title: 'Wednesday',
      talkIds: ['01TALK00000000000000000000'],
      templateId: 'day',
    },
  ],
  templates: [{ ...base('01TEMPL0000000000000000000'), name: 'Mine', source: '{{ title }}', builtin: false }],
};

/** Version-specific checks after upgrading from an older version (for upgrades that transform data). */
const UPGRADE_CHECKS: Record<number, (db: TalkmarksDB) => Promise<void>> = {
  2: async (db) => {
    expect(await db.notes.where('thumbnailId').equals('01BLOB00000000000000000000').count()).toBe(1);
  },
};

function indexesOf(stores: Record<string, string | null>, table: string): string[] {
  const spec = stores[table] ?? '';
  return spec
    .split(',')
    .slice(1)
    .map((s) => s.trim().replace(/^[*&+]/, ''))
    .filter(Boolean);
}

const latest = SCHEMA_VERSIONS.at(-1)!;
const currentStores = Object.assign({}, ...SCHEMA_VERSIONS.map((v) => v.stores)) as Record<
  string,
  string | null
>;

describe('schema migrations', () => {
  it('has strictly increasing versions', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  for (const old of SCHEMA_VERSIONS.slice(0, -1)) {
    it(`upgrades a version ${old.version} database to version ${latest.version} without loss`, async () => {
      const name = `migrate-from-${old.version}`;
      const before = openDatabase(
        name,
        SCHEMA_VERSIONS.filter((v) => v.version <= old.version),
      );
      await before.open();
      for (const [table, rows] of Object.entries(SAMPLE)) await before.table(table).bulkAdd(rows);
      before.close();

      const after = openDatabase(name);
      await after.open();
      expect(after.verno).toBe(latest.version);
      for (const [table, rows] of Object.entries(SAMPLE)) {
        expect(await after.table(table).count(), table).toBe(rows.length);
        for (const index of indexesOf(currentStores, table)) {
          await expect(after.table(table).orderBy(index).keys(), `${table}.${index}`).resolves.toBeInstanceOf(
            Array,
          );
        }
      }
      for (const v of SCHEMA_VERSIONS.filter((s) => s.version > old.version))
        await UPGRADE_CHECKS[v.version]?.(after);
      after.close();
      await after.delete();
    });
  }

  it('opens a new database at the latest version with every table', async () => {
    const db = openDatabase('fresh');
    await db.open();
    expect(db.verno).toBe(latest.version);
    expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(currentStores).sort());
    db.close();
  });
});
