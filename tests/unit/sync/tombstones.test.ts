import { describe, expect, it } from 'vitest';
import { allRecords, conflictCopyId } from '../../../sync/merge';
import { collectable, dropRecords, tombstones } from '../../../sync/merge/tombstones';
import { device, NOTE, T } from './devices';

const P = '019b76daa805-0000-a'; // a purge by device a
const tomb = { table: 'notes', key: 'N1', hlc: P };

describe('tombstones', () => {
  it('a purge that covers everything leaves a tombstone; one overridden by an unseen edit does not', () => {
    const a = device('a');
    const b = device('b');
    const create = a.create('notes', 'N1', NOTE);
    b.receive(create);
    a.create('notes', 'N2', NOTE);
    a.update('notes', 'N1', { deletedAt: 1 });
    const purge = a.remove('notes', 'N1'); // stamp 019b76daa804-0000-a
    expect(tombstones(a.state)).toEqual([{ table: 'notes', key: 'N1', hlc: '019b76daa804-0000-a' }]);
    a.receive(b.update('notes', 'N1', { kind: 'todo' }));
    expect(tombstones(a.state)).toEqual([]);
    expect(purge).toHaveLength(1);
  });

  it('may go once every active device acknowledged the purge and this one caught up with them', () => {
    const acks = {
      a: { a: P, b: '019b76daa900-0000-b', c: '019b76daa700-0000-c' },
      b: { a: P, b: '019b76daa900-0000-b' },
      c: { a: '019b76daa9ff-0000-a', c: '019b76daa700-0000-c' },
    };
    const input = { active: ['a', 'b', 'c'], self: 'a', acks, now: T + 10_000 };
    expect(collectable([tomb], input)).toEqual([tomb]);
    // c has not applied the purge yet.
    expect(collectable([tomb], { ...input, acks: { ...acks, c: { a: '019b76daa804-ffff-a' } } })).toEqual([]);
    // b wrote more before acknowledging than a has applied of b: something of b's may still revive it.
    expect(
      collectable([tomb], { ...input, acks: { ...acks, b: { a: P, b: '019b76daa901-0000-b' } } }),
    ).toEqual([]);
    // A device with no acknowledgement at all blocks collection…
    expect(collectable([tomb], { ...input, active: ['a', 'b', 'c', 'd'] })).toEqual([]);
    // …unless it is no longer active (it must rejoin from a snapshot).
    expect(collectable([tomb], { ...input, active: ['a', 'b'] })).toEqual([tomb]);
    // Too young for the retention period.
    expect(collectable([tomb], { ...input, minAgeMs: 10_000 })).toEqual([]);
    expect(collectable([tomb], { ...input, minAgeMs: 9_995 })).toEqual([tomb]);
  });

  it('dropping a note keeps its conflict copies as they were', () => {
    const a = device('a');
    const b = device('b', {}, T + 10);
    const create = a.create('notes', 'N1', NOTE);
    b.receive(create);
    const fromA = a.update('notes', 'N1', { body: 'one\nA\nthree' });
    a.receive(b.update('notes', 'N1', { body: 'one\nB\nthree' }));
    a.update('notes', 'N1', { deletedAt: 1 });
    a.remove('notes', 'N1');
    const copyId = conflictCopyId('N1', fromA[0]!.hlc);
    const before = allRecords(a.state);
    expect(before.map((r) => r.key)).toEqual([copyId]);
    dropRecords(a.state, tombstones(a.state));
    expect(a.state.tables.notes?.N1).toBeUndefined();
    expect(allRecords(a.state)).toEqual(before);
    expect(a.get('notes', copyId)).toMatchObject({ body: 'one\nA\nthree', conflictOf: 'N1' });
  });
});
