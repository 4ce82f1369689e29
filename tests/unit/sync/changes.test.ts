import { describe, expect, it } from 'vitest';
import { changeToOps, keepRestored, receiveOps, SyncInputError } from '../../../sync/changes';
import { HybridClock } from '../../../sync/hlc';
import { allRecords } from '../../../sync/merge';
import { emptyState } from '../../../sync/merge/state';
import { batchText, decodeBatch, encodeBatch, groupOps, SyncFormatError } from '../../../sync/ops';
import { device, NOTE } from './devices';

// Stamps of device `a`: its first change is at T + 1 ms (time 019b76daa801), the next at T + 2…
const A1 = '019b76daa801-0000-a';
const A2 = '019b76daa802-0000-a';
const A3 = '019b76daa803-0000-a';

describe('local changes → operations', () => {
  it('a created note: a set per field, its body as a first version, a tag op per tag, all with one stamp', () => {
    const a = device('a');
    expect(a.create('notes', 'N1', NOTE)).toEqual([
      { op: 'set', table: 'notes', key: 'N1', hlc: A1, field: 'createdAt', value: 100 },
      { op: 'set', table: 'notes', key: 'N1', hlc: A1, field: 'updatedAt', value: 100 },
      { op: 'set', table: 'notes', key: 'N1', hlc: A1, field: 'url', value: 'https://conf.example/talk' },
      {
        op: 'body',
        table: 'notes',
        key: 'N1',
        hlc: A1,
        field: 'body',
        parents: [],
        value: 'one\ntwo\nthree',
      },
      { op: 'tag', table: 'notes', key: 'N1', hlc: A1, field: 'tags', value: 'ai' },
      { op: 'set', table: 'notes', key: 'N1', hlc: A1, field: 'kind', value: 'note' },
    ]);
    expect(a.get('notes', 'N1')).toEqual({ id: 'N1', ...NOTE });
  });

  it('an update gives operations only for the fields it names, a removed field a set without value', () => {
    const a = device('a');
    a.create('notes', 'N1', { ...NOTE, pageTitle: 'Talk' });
    const ops = a.change({
      table: 'notes',
      op: 'update',
      key: 'N1',
      // The url differs from the replica, but the update does not name it: storage did not change it.
      value: { id: 'N1', ...NOTE, url: 'https://stale.example', kind: 'quote', updatedAt: 200 },
      fields: ['kind', 'updatedAt', 'pageTitle'],
    });
    expect(ops).toEqual([
      { op: 'set', table: 'notes', key: 'N1', hlc: A2, field: 'kind', value: 'quote' },
      { op: 'set', table: 'notes', key: 'N1', hlc: A2, field: 'updatedAt', value: 200 },
      { op: 'set', table: 'notes', key: 'N1', hlc: A2, field: 'pageTitle' },
    ]);
    expect(a.get('notes', 'N1')).toEqual({ id: 'N1', ...NOTE, kind: 'quote', updatedAt: 200 });
  });

  it('a body edit is a version whose parent is the version it was written from', () => {
    const a = device('a');
    a.create('notes', 'N1', NOTE);
    expect(a.update('notes', 'N1', { body: 'one\ntwo\nthree\nfour' })).toEqual([
      {
        op: 'body',
        table: 'notes',
        key: 'N1',
        hlc: A2,
        field: 'body',
        parents: [A1],
        value: 'one\ntwo\nthree\nfour',
      },
    ]);
    expect(a.update('notes', 'N1', { body: 'one' })).toEqual([
      { op: 'body', table: 'notes', key: 'N1', hlc: A3, field: 'body', parents: [A2], value: 'one' },
    ]);
  });

  it('tags: an added tag is a tag op, a removed one an untag listing the dots this device has', () => {
    const a = device('a');
    a.create('notes', 'N1', NOTE);
    expect(a.update('notes', 'N1', { tags: ['rust'] })).toEqual([
      { op: 'tag', table: 'notes', key: 'N1', hlc: A2, field: 'tags', value: 'rust' },
      { op: 'untag', table: 'notes', key: 'N1', hlc: A2, field: 'tags', value: 'ai', dots: [A1] },
    ]);
    expect(a.get('notes', 'N1')?.tags).toEqual(['rust']);
  });

  it('a trash carries what the device had of the record; a restore is a set without value', () => {
    const a = device('a');
    a.create('notes', 'N1', NOTE);
    expect(a.update('notes', 'N1', { deletedAt: 500, updatedAt: 500 })).toEqual([
      { op: 'set', table: 'notes', key: 'N1', hlc: A2, field: 'updatedAt', value: 500 },
      {
        op: 'set',
        table: 'notes',
        key: 'N1',
        hlc: A2,
        field: 'deletedAt',
        value: 500,
        seen: { fields: { createdAt: A1, updatedAt: A2, url: A1, kind: A1 }, heads: [A1], tags: [A1] },
      },
    ]);
    expect(a.get('notes', 'N1')?.deletedAt).toBe(500);
    expect(a.update('notes', 'N1', { deletedAt: undefined })).toEqual([
      { op: 'set', table: 'notes', key: 'N1', hlc: A3, field: 'deletedAt' },
    ]);
    expect(a.get('notes', 'N1')?.deletedAt).toBeUndefined();
  });

  it('an edit of a record that stays in the trash states the trash again, covering the edit', () => {
    const a = device('a');
    a.create('notes', 'N1', NOTE);
    a.update('notes', 'N1', { deletedAt: 500 });
    // A tag rename rewrites trashed notes too.
    const ops = a.update('notes', 'N1', { tags: ['ml'] });
    expect(ops.map((o) => [o.op, 'field' in o ? o.field : '', 'value' in o ? o.value : ''])).toEqual([
      ['tag', 'tags', 'ml'],
      ['untag', 'tags', 'ai'],
      ['set', 'deletedAt', 500],
    ]);
    expect(ops[2]).toMatchObject({ seen: { tags: [A3] } });
    expect(a.get('notes', 'N1')).toMatchObject({ deletedAt: 500, tags: ['ml'] });
  });

  it('a delete for good is a purge with what the device had; deleting what it does not have gives nothing', () => {
    const a = device('a');
    a.create('talks', 'T1', { createdAt: 1, updatedAt: 1, title: 'Keynote', tags: [] });
    expect(a.remove('talks', 'T1')).toEqual([
      {
        op: 'purge',
        table: 'talks',
        key: 'T1',
        hlc: A2,
        seen: { fields: { createdAt: A1, updatedAt: A1, title: A1 } },
      },
    ]);
    expect(a.get('talks', 'T1')).toBeUndefined();
    expect(a.remove('talks', 'T1')).toEqual([]);
    expect(a.remove('talks', 'never-synced')).toEqual([]);
  });

  it('writing merged records back to storage gives no operation', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', NOTE));
    const fromA = a.update('notes', 'N1', { body: 'ONE\ntwo\nthree', deletedAt: 9 });
    const fromB = b.update('notes', 'N1', { body: 'one\ntwo\nTHREE', tags: ['ai', 'ml'] });
    a.receive(fromB);
    for (const { table, key, record } of allRecords(a.state)) {
      const value = record!;
      expect(a.change({ table, op: 'update', key, value, fields: Object.keys(value) })).toEqual([]);
      expect(a.change({ table, op: 'create', key, value })).toEqual([]);
    }
    // The merge restored the note (B's edit was not seen by A's trash): writing that back is no op either.
    expect(a.get('notes', 'N1')).toMatchObject({ body: 'ONE\ntwo\nTHREE', restoredBySync: true });
    expect(fromA.length).toBeGreaterThan(0);
  });

  it('an update of a record the replica does not know is taken whole', () => {
    const a = device('a');
    const ops = a.change({
      table: 'events',
      op: 'update',
      key: 'E1',
      value: { id: 'E1', createdAt: 5, updatedAt: 6, name: 'Conf' },
      fields: ['name'],
    });
    expect(ops.map((o) => ('field' in o ? o.field : o.op))).toEqual(['createdAt', 'updatedAt', 'name']);
  });

  it('a blob record must carry a content reference, not bytes', () => {
    const a = device('a');
    const value = { createdAt: 1, updatedAt: 1, mime: 'image/webp', width: 2, height: 1 };
    expect(() => a.create('blobs', 'B1', { ...value, data: new Uint8Array([1, 2]) })).toThrow(SyncInputError);
    const ref = { sha256: 'ab'.repeat(32), size: 2 };
    expect(a.create('blobs', 'B1', { ...value, data: ref })).toContainEqual(
      expect.objectContaining({ op: 'set', field: 'data', value: ref }),
    );
  });

  it('keepRestored clears the merge’s restored mark with a restore stamped now', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', NOTE));
    const trash = a.update('notes', 'N1', { deletedAt: 9 });
    const edit = b.update('notes', 'N1', { kind: 'todo' });
    a.receive(edit);
    b.receive(trash);
    expect(a.get('notes', 'N1')?.restoredBySync).toBe(true);
    const clock = new HybridClock('a', a.clock.last);
    const keep = keepRestored(a.state, 'notes', 'N1', clock, { now: a.now });
    expect(keep).toEqual([{ op: 'set', table: 'notes', key: 'N1', hlc: clock.last, field: 'deletedAt' }]);
    a.receive(keep);
    b.receive(keep);
    expect(a.get('notes', 'N1')).toEqual(b.get('notes', 'N1'));
    expect(a.get('notes', 'N1')).not.toHaveProperty('restoredBySync');
    expect(a.get('notes', 'N1')).not.toHaveProperty('deletedAt');
    expect(keepRestored(a.state, 'notes', 'N1', clock)).toEqual([]);
    expect(changeToOps(emptyState(), { table: 'notes', op: 'delete', key: 'x' }, clock)).toEqual([]);
  });
});

describe('the batch format', () => {
  const op = { op: 'set', table: 'talks', key: 'T1', hlc: A1, field: 'title', value: 'Keynote' } as const;

  it('round-trips through JSON, keeping unknown operation kinds as they are', () => {
    const future = { op: 'reorder', table: 'talks', keys: ['T1', 'T2'], hlc: A2 };
    const doc = JSON.parse(JSON.stringify(encodeBatch([op, future])));
    expect(doc).toEqual({
      format: 'talkmarks-ops',
      version: 2,
      ops: [{ r: ['talks', 'T1', A1], s: { title: 'Keynote' } }, future],
    });
    expect(decodeBatch(doc)).toEqual([op, future]);
  });

  it('writes one group per record and stamp (a create is one entry), and reads it back as the same operations', () => {
    const at = { table: 'notes', key: 'N1', hlc: A1 };
    const seen = { fields: { createdAt: A1 } };
    const ops = [
      { op: 'set', ...at, field: 'createdAt', value: 1 },
      { op: 'body', ...at, field: 'body', parents: [], value: 'Raft #raft' },
      { op: 'tag', ...at, field: 'tags', value: 'raft' },
      { op: 'set', ...at, field: 'url', value: 'https://x.example/' },
      { op: 'set', ...at, field: 'talkId' },
      { op: 'set', ...at, field: 'deletedAt', value: 5, seen },
      { op: 'set', table: 'notes', key: 'N2', hlc: A1, field: 'createdAt', value: 2 },
      { op: 'purge', table: 'notes', key: 'N3', hlc: A2, seen },
    ] as const;
    const doc = JSON.parse(JSON.stringify(encodeBatch(ops)));
    expect(doc.ops).toEqual([
      {
        r: ['notes', 'N1', A1],
        s: { createdAt: 1, url: 'https://x.example/' },
        u: ['talkId'],
        o: [
          { op: 'body', field: 'body', parents: [], value: 'Raft #raft' },
          { op: 'tag', field: 'tags', value: 'raft' },
          { op: 'set', field: 'deletedAt', value: 5, seen },
        ],
      },
      { r: ['notes', 'N2', A1], s: { createdAt: 2 } },
      { r: ['notes', 'N3', A2], o: [{ op: 'purge', seen }] },
    ]);
    // The document's text from its entries' JSON (what a device keeps for waiting operations).
    expect(batchText(JSON.stringify(groupOps(ops)))).toBe(JSON.stringify(encodeBatch(ops)));
    expect(batchText('[]')).toBe('{"format":"talkmarks-ops","version":2,"ops":[]}');
    // Within a group: the sets with a value, the removed fields, then the others.
    expect(decodeBatch(doc)).toEqual([ops[0], ops[3], ops[4], ops[1], ops[2], ops[5], ops[6], ops[7]]);
  });

  it('reads version 1 batches (a plain list of operations)', () => {
    const removed = { op: 'set', table: 'talks', key: 'T1', hlc: A1, field: 'room' };
    const doc = { format: 'talkmarks-ops', version: 1, ops: [op, removed] };
    expect(decodeBatch(doc)).toEqual([op, removed]);
  });

  it('refuses a newer format, a foreign document and malformed operations', () => {
    expect(() => decodeBatch({ format: 'talkmarks-ops', version: 3, ops: [] })).toThrow(/newer Talkmarks/);
    expect(() =>
      decodeBatch({ format: 'talkmarks-ops', version: 2, ops: [{ r: ['talks', 'T1', A1], s: 'title' }] }),
    ).toThrow(SyncFormatError);
    expect(() =>
      decodeBatch({
        format: 'talkmarks-ops',
        version: 2,
        ops: [{ r: ['talks', 'T1', 'now'], s: { title: 'x' } }],
      }),
    ).toThrow(/invalid hlc/);
    expect(() => decodeBatch({ format: 'other', version: 1, ops: [] })).toThrow(SyncFormatError);
    expect(() => decodeBatch({ format: 'talkmarks-ops', version: 1, ops: [{ ...op, hlc: 'now' }] })).toThrow(
      /invalid hlc/,
    );
    const body = { op: 'body', table: 'notes', key: 'N', hlc: A1, field: 'body', value: 'x' };
    expect(() => decodeBatch({ format: 'talkmarks-ops', version: 1, ops: [body] })).toThrow(
      /invalid parents/,
    );
    const badLosers = { ...body, parents: [], losers: ['x'] };
    expect(() => decodeBatch({ format: 'talkmarks-ops', version: 1, ops: [badLosers] })).toThrow(
      /invalid losers/,
    );
    expect(() =>
      decodeBatch({
        format: 'talkmarks-ops',
        version: 1,
        ops: [{ op: 'purge', table: 'n', key: 'k', hlc: A1 }],
      }),
    ).toThrow(/invalid seen/);
    expect(() => decodeBatch({ format: 'talkmarks-ops', version: 1, ops: [42] })).toThrow(/not an operation/);
  });
});

describe('a create of a record the replica already has (the same backup imported on two devices)', () => {
  it('gives nothing when it is the same or older, and never removes tags', () => {
    const a = device('a');
    const b = device('b');
    const create = a.create('notes', 'N1', NOTE);
    b.receive(create, a.update('notes', 'N1', { kind: 'quote', tags: ['ai', 'ml'], updatedAt: 200 }));
    expect(b.create('notes', 'N1', NOTE)).toEqual([]);
    expect(b.get('notes', 'N1')).toMatchObject({ kind: 'quote', tags: ['ai', 'ml'], updatedAt: 200 });
  });

  it('takes its fields when newer, and its different text as an independent version (kept, not overwritten)', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', NOTE));
    const ops = b.create('notes', 'N1', {
      ...NOTE,
      body: 'other text',
      kind: 'todo',
      tags: ['x'],
      updatedAt: 300,
    });
    // B's clock took in A's six stamps (019b76daa801, counters 1…6) at T, then ticks at T + 1 ms.
    const B2 = '019b76daa801-0007-b';
    expect(ops).toEqual([
      { op: 'set', table: 'notes', key: 'N1', hlc: B2, field: 'updatedAt', value: 300 },
      { op: 'body', table: 'notes', key: 'N1', hlc: B2, field: 'body', parents: [], value: 'other text' },
      { op: 'tag', table: 'notes', key: 'N1', hlc: B2, field: 'tags', value: 'x' },
      { op: 'set', table: 'notes', key: 'N1', hlc: B2, field: 'kind', value: 'todo' },
    ]);
    // No common version: the texts conflict, the newer stays, the other is a copy.
    const bodies = allRecords(b.state).map((r) => r.record?.body);
    expect(bodies.sort()).toEqual(['one\ntwo\nthree', 'other text']);
    expect(b.get('notes', 'N1')).toMatchObject({ body: 'other text', kind: 'todo', tags: ['ai', 'x'] });
  });
});

describe('receiveOps', () => {
  it('takes the latest stamp of each device into the clock and reports a device too far ahead', () => {
    const clock = new HybridClock('me');
    const now = 1767225600000; // 019b76daa800
    const ops = [
      { op: 'set', table: 't', key: 'k', field: 'f', hlc: '019b76daa900-0000-b' },
      { op: 'set', table: 't', key: 'k', field: 'f', hlc: '019b76daa901-0003-b' },
      { op: 'set', table: 't', key: 'k', field: 'f', hlc: '019b775aa800-0000-c' }, // 0x800000 ms ≈ 2.3 h ahead
    ] as const;
    expect(receiveOps(clock, ops, now)).toEqual([{ device: 'c', aheadMs: 0x800000 }]);
    expect(clock.last).toBe('019b775aa800-0001-me');
  });
});
