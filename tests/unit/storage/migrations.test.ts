/**
 * The migration harness: for every earlier schema version, build a database of exactly that version
 * with data in every table, then open it with the current code. Nothing may be lost, and every index of
 * the current schema must answer. A new version plugs in by appending to SCHEMA_VERSIONS (and, when
 * its upgrade transforms data, an entry in UPGRADE_CHECKS).
 */
import { describe, expect, it } from 'vitest';
import { type ChangeRecord, onChange } from '../../../storage/changes';
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
  3: async (db) => {
    // SAMPLE's notes have no prefix: version 3 leaves them exactly as they were.
    expect(await db.notes.orderBy(':id').toArray()).toEqual(SAMPLE.notes);
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

describe('version 3: kinds as structure', () => {
  const note = (n: number, body: string, kind: string, more: object = {}) => ({
    id: `01KIND${String(n).padStart(20, '0')}`,
    createdAt: T + n,
    updatedAt: T + 100 + n,
    url: 'https://example.org/kube',
    talkId: '01TALK00000000000000000000',
    body,
    tags: [] as string[],
    kind,
    ...more,
  });
  /** Notes as versions 1 and 2 stored them: the prefix in the body, the kind set from it on save. */
  const STORED = [
    note(0, '? How does the scheduler pick a node? #kubernetes', 'question', { tags: ['kubernetes'] }),
    note(1, '> Most of your pods are idle', 'quote', { anchor: { slide: { index: 3, label: '4' } } }),
    note(2, '! Profile scheduling latency before tuning', 'takeaway'),
    note(3, '[ ] check the quorum settings', 'todo'),
    note(4, '- [ ] read the paper', 'todo'),
    note(5, 'TODO: file a bug', 'todo'),
    note(6, '! ! Quorum', 'takeaway'),
    note(7, '> line one\n>\n> line two', 'quote'),
    // A kind picked by hand over the prefix (the toggle) stays; the prefix goes.
    note(8, '? asked, but kept as a takeaway', 'takeaway'),
    // A plain note whose body has a prefix (stored before kinds were read from prefixes).
    note(9, '? Is etcd the bottleneck?', 'note'),
    // Trashed notes are migrated too: they can be restored.
    note(10, '! gone for now', 'takeaway', { deletedAt: T + 500 }),
    // Not prefixes: left exactly as they were.
    note(11, 'Why? Because the API server is busy.', 'note'),
    note(12, 'todo:', 'note'),
    note(13, 'plain text, picked as a question', 'question'),
  ];
  /** The same notes as version 3 must hold them, written out by hand: only body and kind change. */
  const EXPECTED = [
    note(0, 'How does the scheduler pick a node? #kubernetes', 'question', { tags: ['kubernetes'] }),
    note(1, 'Most of your pods are idle', 'quote', { anchor: { slide: { index: 3, label: '4' } } }),
    note(2, 'Profile scheduling latency before tuning', 'takeaway'),
    note(3, 'check the quorum settings', 'todo'),
    note(4, 'read the paper', 'todo'),
    note(5, 'file a bug', 'todo'),
    note(6, 'Quorum', 'takeaway'),
    note(7, 'line one\n\nline two', 'quote'),
    note(8, 'asked, but kept as a takeaway', 'takeaway'),
    note(9, 'Is etcd the bottleneck?', 'question'),
    note(10, 'gone for now', 'takeaway', { deletedAt: T + 500 }),
    note(11, 'Why? Because the API server is busy.', 'note'),
    note(12, 'todo:', 'note'),
    note(13, 'plain text, picked as a question', 'question'),
  ];

  it('takes the prefix off every note body and sets the kind, changing nothing else', async () => {
    const name = 'migrate-kinds';
    const before = openDatabase(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version < 3),
    );
    await before.open();
    await before.table('notes').bulkAdd(STORED);
    before.close();

    const seen: ChangeRecord[] = [];
    const stop = onChange((changes) => seen.push(...changes));
    const after = openDatabase(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version <= 3),
    );
    try {
      await after.open();
      expect(after.verno).toBe(3);
      expect(await after.notes.orderBy(':id').toArray()).toEqual(EXPECTED);
      // The indexes follow: the kind index answers with the new kinds.
      expect((await after.notes.where('kind').equals('question').primaryKeys()).sort()).toEqual([
        '01KIND00000000000000000000',
        '01KIND00000000000000000009',
        '01KIND00000000000000000013',
      ]);
    } finally {
      stop();
      after.close();
      await after.delete();
    }
    // The upgrade's writes pass the change hook like any write: one update per migrated note,
    // naming the fields that changed, and none for the notes left alone.
    expect(seen.map((c) => [c.key, c.op, c.op === 'update' ? c.fields : []])).toEqual([
      ['01KIND00000000000000000000', 'update', ['body']],
      ['01KIND00000000000000000001', 'update', ['body']],
      ['01KIND00000000000000000002', 'update', ['body']],
      ['01KIND00000000000000000003', 'update', ['body']],
      ['01KIND00000000000000000004', 'update', ['body']],
      ['01KIND00000000000000000005', 'update', ['body']],
      ['01KIND00000000000000000006', 'update', ['body']],
      ['01KIND00000000000000000007', 'update', ['body']],
      ['01KIND00000000000000000008', 'update', ['body']],
      ['01KIND00000000000000000009', 'update', ['body', 'kind']],
      ['01KIND00000000000000000010', 'update', ['body']],
    ]);
  });
});

describe('version 4: notes filed under an event', () => {
  it('indexes eventId and changes no record', async () => {
    const name = 'migrate-note-event';
    const before = openDatabase(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version < 4),
    );
    await before.open();
    const hallway = {
      id: '01EVNT00000000000000000001',
      createdAt: 1,
      updatedAt: 2,
      url: 'https://example.org/',
      body: 'Hallway: the GlusterFS folks',
      tags: [],
      kind: 'note',
      eventId: '01EVENT0000000000000000001',
    };
    const plain = { ...hallway, id: '01EVNT00000000000000000002', eventId: undefined };
    await before.table('notes').bulkAdd([hallway, plain]);
    before.close();

    const seen: ChangeRecord[] = [];
    const stop = onChange((changes) => seen.push(...changes));
    const after = openDatabase(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version <= 4),
    );
    try {
      await after.open();
      expect(after.verno).toBe(4);
      expect(await after.notes.where('eventId').equals('01EVENT0000000000000000001').primaryKeys()).toEqual([
        '01EVNT00000000000000000001',
      ]);
      expect(await after.notes.get('01EVNT00000000000000000001')).toEqual(hallway);
    } finally {
      stop();
      after.close();
      await after.delete();
    }
    expect(seen).toEqual([]);
  });
});

describe('version 6: the sync replica one row per record', () => {
  it('splits the kept device state into replica rows and waiting operations, and indexes edited conflict copies', async () => {
    const name = 'migrate-sync-replica';
    const before = openDatabase(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version < 6),
    );
    await before.open();
    const note = { fields: { url: { hlc: '01a3185c57d0-0001-A', value: 'https://x.example/' } } };
    const copy = {
      fields: {
        conflictOf: { hlc: '01a3185c57d0-0002-A', value: 'N1' },
        conflictVersion: { hlc: '01a3185c57d0-0002-A', value: '01a3185c57d0-0002-A' },
      },
    };
    const talk = { fields: { title: { hlc: '01a3185c57d0-0003-A', value: 'Sheepdog' } } };
    const pending = [
      { op: 'set', table: 'talks', key: 'T1', hlc: '01a3185c57d0-0003-A', field: 'title', value: 'Sheepdog' },
    ];
    const device = {
      deviceId: 'A',
      label: 'laptop',
      replica: {
        format: 'talkmarks-replica',
        version: 1,
        tables: { notes: { N1: note, C1: copy }, talks: { T1: talk } },
        clock: { A: '01a3185c57d0-0003-A' },
        unknown: {},
        copies: {},
      },
      pending,
      remote: { deviceId: 'A', lastOwnSeq: 4, cursor: { B: 2 } },
    };
    await before.table('syncMeta').put({ id: 'device', value: device });
    before.close();

    const after = openDatabase(name);
    try {
      await after.open();
      const rows = await after.table('syncReplica').toArray();
      expect(rows.sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => [r.id, JSON.parse(r.json)])).toEqual([
        ['notes\u0000C1', copy],
        ['notes\u0000N1', note],
        ['talks\u0000T1', talk],
      ]);
      const waiting = await after.table('syncPending').toArray();
      expect(waiting.map((w) => [w.count, JSON.parse(w.json)])).toEqual([[1, pending]]);
      expect(await after.table('syncMeta').get('device')).toBeUndefined();
      expect((await after.table('syncDevice').get('device')).value).toEqual({
        deviceId: 'A',
        label: 'laptop',
        replica: {
          format: 'talkmarks-replica',
          version: 1,
          clock: { A: '01a3185c57d0-0003-A' },
          unknown: {},
          copies: { C1: ['N1', '01a3185c57d0-0002-A'] },
        },
        pendingCount: 1,
        remote: { deviceId: 'A', lastOwnSeq: 4, cursor: { B: 2 } },
      });
    } finally {
      after.close();
      await after.delete();
    }
  });

  it('leaves a database that never synced as it is', async () => {
    const name = 'migrate-sync-none';
    const before = openDatabase(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version < 6),
    );
    await before.open();
    before.close();
    const after = openDatabase(name);
    try {
      await after.open();
      expect(await after.table('syncMeta').count()).toBe(0);
      expect(await after.table('syncReplica').count()).toBe(0);
    } finally {
      after.close();
      await after.delete();
    }
  });
});
