/**
 * Every schema version the `talkmarks` database has had, oldest first. A new version is appended
 * here (never edited in place) with its upgrade function; `tests/unit/storage/migrations.test.ts`
 * opens a database of every earlier version and upgrades it.
 */
import type { Transaction } from 'dexie';
import { withKindSplit } from './kinds';
import type { NoteRecord } from './types';

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
  {
    // Kinds as structure: a note's `? `, `! `, `> `, `[ ] ` or `TODO ` prefix leaves its body and
    // sets its kind (storage/kinds.ts, withKindSplit), as saving and editing now do. Indexes are
    // unchanged. Only `body` and `kind` change: `updatedAt` stays, since a migration is not an edit
    // by the user — moving it would make this device's copy of every note look newer than the same
    // note in an older backup or on another device, and the note would sort as just edited. Trashed
    // notes are migrated too (they can be restored). The write runs in Dexie's upgrade transaction,
    // through the same DBCore stack as every write, so the change hook reports one `update` per
    // migrated note with `fields: ['body', 'kind']` (or `['body']`) to any sink already registered;
    // tests/unit/storage/migrations.test.ts checks the records and the rows.
    version: 3,
    stores: {},
    upgrade: (tx) =>
      tx
        .table<NoteRecord, string>('notes')
        .toCollection()
        .modify((note) => {
          const split = withKindSplit(note);
          if (split === note) return;
          note.body = split.body;
          note.kind = split.kind;
        })
        .then(() => undefined),
  },
  {
    // A note without a talk can be filed under an event (its day's "moments" in a recap): an index
    // so an event's recap finds them without reading every note. No records change.
    version: 4,
    stores: {
      notes: 'id, url, talkId, deckId, eventId, *tags, kind, updatedAt, createdAt, deletedAt, thumbnailId',
    },
  },
  {
    // Sync: every change of a synced table is queued in `syncOutbox` by the write hook, in the
    // writing transaction (storage/changes.ts); `syncMeta` holds this device's sync state (its
    // replica of every record's merge registers, clock, cursors). No records change.
    version: 5,
    stores: { syncOutbox: '++seq', syncMeta: 'id' },
  },
  {
    // Sync keeps its replica one row per record (`syncReplica`) and the operations waiting for
    // upload as rows (`syncPending`), so a step reads and writes only what it names: as one value
    // the device state was 13 MB at 10,000 notes, read and written whole by every step. The rest
    // of the device state moves to `syncDevice`, out of `syncMeta`, whose status row the pages read
    // while a step runs. The kept state is split here; no records change.
    version: 6,
    stores: { syncReplica: 'id', syncPending: '++seq', syncDevice: 'id' },
    upgrade: async (tx) => {
      const row = await tx.table('syncMeta').get('device');
      const state = row?.value as
        | { replica?: { tables?: Record<string, Record<string, unknown>> }; pending?: unknown[] }
        | undefined;
      if (!state) return;
      if (!state.replica?.tables) {
        await tx.table('syncDevice').put({ id: 'device', value: state });
        await tx.table('syncMeta').delete('device');
        return;
      }
      const { tables, ...header } = state.replica;
      const rows: { id: string; json: string }[] = [];
      const copies = { ...(header as { copies?: Record<string, [string, string]> }).copies };
      for (const [table, records] of Object.entries(tables))
        for (const [key, rec] of Object.entries(records)) {
          rows.push({ id: `${table}\u0000${key}`, json: JSON.stringify(rec) });
          // A conflict copy with a state of its own joins the copy cache (sync/device.ts `noteCopy`):
          // steps read a note's copies through it, now that they read part of the replica.
          const fields = (rec as { fields?: Record<string, { value?: unknown }> }).fields;
          const of = fields?.conflictOf?.value;
          const version = fields?.conflictVersion?.value;
          if (table === 'notes' && typeof of === 'string' && typeof version === 'string')
            copies[key] ??= [of, version];
        }
      await tx.table('syncReplica').bulkPut(rows);
      const pending = state.pending ?? [];
      if (pending.length)
        await tx.table('syncPending').add({ count: pending.length, json: JSON.stringify(pending) });
      const { pending: _moved, ...rest } = state;
      await tx.table('syncDevice').put({
        id: 'device',
        value: { ...rest, replica: { ...header, copies }, pendingCount: pending.length },
      });
      await tx.table('syncMeta').delete('device');
    },
  },
];

export const DB_NAME = 'talkmarks';
