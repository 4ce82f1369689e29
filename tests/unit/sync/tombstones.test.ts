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

  it('takes the stamp of the purge that covers everything, not of a later purge that missed an edit', () => {
    const a = device('a');
    // b's clock is 10 s ahead: its purge, made before it had a's edit, is stamped after a's.
    const b = device('b', {}, T + 10_000);
    const create = a.create('notes', 'N1', NOTE); // 019b76daa801-0000-a
    b.receive(create);
    const purgeB = b.remove('notes', 'N1'); // had only the first body
    expect(purgeB).toMatchObject([{ op: 'purge', hlc: '019b76dacf11-0000-b' }]);
    a.update('notes', 'N1', { body: 'one\ntwo\nthree\nfour' }); // 019b76daa802-0000-a
    const purgeA = a.remove('notes', 'N1'); // 019b76daa803-0000-a, had the edit
    expect(purgeA).toMatchObject([{ op: 'purge', hlc: '019b76daa803-0000-a' }]);
    a.receive(purgeB);
    const tomb = { table: 'notes', key: 'N1', hlc: '019b76daa803-0000-a' };
    expect(tombstones(a.state)).toEqual([tomb]);
    // c has applied b's purge but not a's (it may still send an edit of the note that a's purge has
    // not seen, which would bring it back): not collectable, however far the acks reach for b.
    const acks = {
      a: { a: '019b76daa803-0000-a', b: '019b76dacf11-0000-b' },
      b: { a: '019b76daa803-0000-a', b: '019b76dacf11-0000-b' },
      c: { a: '019b76daa802-0000-a', b: '019b76dacf11-0000-b' },
    };
    const input = { active: ['a', 'b', 'c'], self: 'a', acks, now: T + 20_000 };
    expect(collectable(tombstones(a.state), input)).toEqual([]);
    // Once c has applied a's purge, it may go.
    const acked = { ...acks, c: { ...acks.c, a: '019b76daa803-0000-a' } };
    expect(collectable(tombstones(a.state), { ...input, acks: acked })).toEqual([tomb]);
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
