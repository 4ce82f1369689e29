/**
 * Whole sync rounds between three devices, as property: random writes (create, append a line,
 * rewrite the first line, change a field, tag, trash, restore) and rounds in random order, then
 * rounds until all is exchanged. Each device keeps its sync state as the extension does — the
 * replica one record per row, read only for the records a step names — so this checks that reading
 * part of the replica decides the same as the whole would:
 *  - the devices end with the same notes;
 *  - each device's stored notes are what its whole replica says (the merge layer's `allRecords`
 *    over every replica row, not the engine's partial reads);
 *  - no appended line is lost: each is in the note or in one of its conflict copies.
 * The server may also lose a device's newest log (a restore from an older backup): the device
 * notices and writes a snapshot, the others start again from it; logs are collected once a snapshot
 * covers them and every device has seen them, and purged notes' tombstones once every device has
 * acknowledged the purge. The vault is in memory (tests/support/memory-store.ts): the transports are tested against real
 * servers elsewhere; here a case runs dozens of rounds. Not seeded: fast-check prints the seed and
 * the shrunk case of a failure.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { syncRound } from '../../../sync/engine';
import { canonical } from '../../../sync/hash';
import { allRecords } from '../../../sync/merge';
import type { RecordState, ReplicaState } from '../../../sync/merge/state';
import { createOrJoinVault, resumeVault } from '../../../sync/remote/vault';
import { memoryStore } from '../../support/memory-store';
import { bodyTags, MemoryDevice } from './memory-device';

// A snapshot every 2 own logs: the cases reach snapshots, holes healed from them and collection.
// The devices' clocks (memory-device.ts) start in 2027: the rounds' "now" is after them.
const options = { bodyTags, snapshotEvery: 2, now: () => 1_900_000_000_000 };
/** N1 and N2 start on every device; N3 is created by the cases (on several devices at once, too). */
const NOTES = ['N1', 'N2', 'N3'];
const IDS = ['0000000000000000000000000A', '0000000000000000000000000B', '0000000000000000000000000C'];

type Command =
  | { kind: 'create' | 'append' | 'first'; dev: number; note: number }
  | { kind: 'talk'; dev: number; note: number; talk: string }
  | { kind: 'tag'; dev: number; note: number; tag: string }
  | { kind: 'trash' | 'restore' | 'purge'; dev: number; note: number }
  | { kind: 'copy'; dev: number }
  /** The server loses this device's newest log (restored from an older backup). */
  | { kind: 'rollback'; dev: number }
  | { kind: 'sync'; dev: number };

const dev = fc.integer({ min: 0, max: 2 });
const note = fc.integer({ min: 0, max: NOTES.length - 1 });
// Weighted towards concurrent rewrites of the same line (conflict copies) and edits of those copies.
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('create' as const), dev, note }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('append' as const), dev, note }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('first' as const), dev, note }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('talk' as const),
      dev,
      note,
      talk: fc.constantFrom('T1', 'T2'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('tag' as const),
      dev,
      note,
      tag: fc.constantFrom('perf', 'arm', 'xen'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constantFrom('trash', 'restore'), dev, note }) as fc.Arbitrary<Command>,
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('sync' as const), dev }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('copy' as const), dev }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('rollback' as const), dev }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('purge' as const), dev, note }), weight: 1 },
);

/** The notes a device's whole replica says it should hold (every replica row, as the merge reads it). */
function wholeReplicaNotes(d: MemoryDevice): Map<string, string> {
  const state: ReplicaState = { ...structuredClone(d.device.replica), tables: {} };
  for (const [id, rec] of d.replica) {
    const [table, key] = id.split('\u0000') as [string, string];
    state.tables[table] ??= {};
    state.tables[table][key] = structuredClone(rec) as RecordState;
  }
  return new Map(
    allRecords(state, options)
      .filter((r) => r.table === 'notes')
      .map((r) => [
        r.key,
        canonical({ ...r.record, tags: [...((r.record?.tags as string[]) ?? [])].sort() }),
      ]),
  );
}

/** A device's stored notes; tag order is not state (storage keeps the body's, the merge its own). */
function storedNotes(d: MemoryDevice): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, rec] of d.records) {
    const [table, key] = id.split('\u0000') as [string, string];
    const tags = Array.isArray(rec.tags) ? [...rec.tags].sort() : rec.tags;
    if (table === 'notes') out.set(key, canonical({ ...rec, tags }));
  }
  return out;
}

const sorted = (m: Map<string, string>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

describe('sync rounds between three devices (property)', () => {
  let template: {
    files: Map<string, Uint8Array>;
    raw: Uint8Array;
    keyring: Parameters<typeof resumeVault>[2];
  };
  beforeAll(async () => {
    const store = memoryStore();
    const { vault } = await createOrJoinVault(store, 'hallway track 2026', { iterations: 100_000 });
    template = { files: store.files, raw: vault.raw, keyring: vault.keyring };
  });

  it('converge, keep every appended line, and store what the whole replica says', async () => {
    let copiesEdited = 0;
    let copiesMade = 0;
    let joined = 0;
    let collected = 0;
    let rolledBack = 0;
    let dropped = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 50 }), async (commands) => {
        const store = memoryStore(new Map(template.files));
        const vault = resumeVault(store, template.raw, template.keyring);
        const devices = IDS.map((id) => new MemoryDevice(id));
        /** Appended line → its note; a copy's lines → the copy's original. */
        const appended = new Map<string, string>();
        const purgedNotes = new Set<string>();
        let line = 0;
        for (const id of NOTES.slice(0, 2))
          devices[0]!.write('notes', {
            id,
            createdAt: 1,
            updatedAt: 1,
            url: 'https://x.example/',
            body: `${id} starts`,
            tags: [],
          });
        for (const d of devices) await syncRound(d, vault, options);
        for (const c of commands) {
          const d = devices[c.dev]!;
          if (c.kind === 'sync') {
            const report = await syncRound(d, vault, options);
            joined += report.snapshots;
            collected += report.collected;
            continue;
          }
          if (c.kind === 'rollback') {
            const logs = [...store.files.keys()]
              .filter((p) => p.includes(`/${d.device.deviceId}/log/`))
              .sort();
            const newest = logs.at(-1);
            if (newest) {
              store.files.delete(newest);
              rolledBack += 1;
            }
            continue;
          }
          if (c.kind === 'copy') {
            // The user edits a conflict copy: it becomes a note of its own (its derived fields written for real).
            const copy = [...d.records.values()].find((r) => r.conflictOf !== undefined);
            if (!copy) continue;
            const text = `line ${++line} in a copy on device ${c.dev}`;
            appended.set(text, String(copy.conflictOf));
            copiesEdited += 1;
            d.write('notes', { ...copy, body: `${String(copy.body)}\n${text}` });
            continue;
          }
          const id = NOTES[c.note]!;
          const old = d.get('notes', id);
          if (c.kind === 'purge') {
            // Deleted for good: its lines may go (an edit it had not seen brings it back whole).
            if (old) purgedNotes.add(id);
            d.remove('notes', id);
            continue;
          }
          const text = `line ${++line} from device ${c.dev}`;
          if (c.kind === 'create') {
            // Each device's url: a note created again after a purge (a backup restored) differs from
            // the one its conflict copies were made from.
            if (!old)
              d.write('notes', {
                id,
                createdAt: 1,
                updatedAt: 1,
                url: `https://x.example/${c.dev}`,
                body: text,
                tags: [],
              });
            continue;
          }
          if (!old) continue;
          const body = String(old.body);
          if (c.kind === 'append') {
            appended.set(text, id);
            d.write('notes', { ...old, body: `${body}\n${text}`, tags: bodyTags(`${body}\n${text}`) });
          } else if (c.kind === 'first') {
            const [, ...rest] = body.split('\n');
            const next = [text, ...rest].join('\n');
            d.write('notes', { ...old, body: next, tags: bodyTags(next) });
          } else if (c.kind === 'talk') d.write('notes', { ...old, talkId: c.talk });
          else if (c.kind === 'tag') {
            const next = `${body}\n#${c.tag}`;
            d.write('notes', { ...old, body: next, tags: bodyTags(next) });
          } else if (c.kind === 'trash') {
            if (old.deletedAt === undefined) d.write('notes', { ...old, deletedAt: 5 });
          } else if (old.deletedAt !== undefined) {
            const { deletedAt: _gone, ...restored } = old;
            d.write('notes', restored);
          }
        }
        // Everything exchanged: each device uploads, then each takes in the others'.
        // (A hole left by a lost log heals from the snapshot its device writes when it notices.)
        for (let pass = 0; pass < 4; pass++) for (const d of devices) await syncRound(d, vault, options);

        copiesMade += [...devices[0]!.records.values()].filter((r) => r.conflictOf !== undefined).length;
        // Tombstones collected: a purged note gone from a device's replica as well as its records.
        for (const id of purgedNotes)
          for (const d of devices)
            if (!d.records.has(`notes\u0000${id}`) && !d.replica.has(`notes\u0000${id}`)) dropped += 1;
        const first = sorted(storedNotes(devices[0]!));
        for (const d of devices) {
          expect(sorted(storedNotes(d))).toEqual(first);
          expect(sorted(storedNotes(d))).toEqual(sorted(wholeReplicaNotes(d)));
          expect(d.queue).toEqual([]);
          expect(d.pending).toEqual([]);
        }
        const text = [...devices[0]!.records.values()].map((r) => String(r.body)).join('\n');
        for (const [l, note] of appended)
          if (!purgedNotes.has(note)) expect(text.split('\n'), l).toContain(l);
      }),
      {
        numRuns: 400,
        // One case always run: a purge that every device acknowledges, then enough own logs for the
        // purging device to write a snapshot, which drops the tombstone (random cases reach it rarely).
        examples: [
          [
            [
              { kind: 'purge', dev: 0, note: 0 },
              { kind: 'sync', dev: 0 },
              { kind: 'sync', dev: 1 },
              { kind: 'sync', dev: 2 },
              { kind: 'append', dev: 0, note: 1 },
              { kind: 'sync', dev: 0 },
              { kind: 'append', dev: 0, note: 1 },
              { kind: 'sync', dev: 0 },
            ],
          ],
        ],
      },
    );
    // The cases reach conflict copies and edits of them (where a step must read a copy's original).
    expect(copiesMade).toBeGreaterThan(20);
    expect(copiesEdited).toBeGreaterThan(20);
    expect(rolledBack).toBeGreaterThan(20);
    expect(joined).toBeGreaterThan(5);
    expect(collected).toBeGreaterThan(20);
    expect(dropped).toBeGreaterThan(0);
  }, 240_000);
});
