/**
 * A note deleted for good (purged) and created again under the same id, then edited: the conflict
 * copies every device ends with must not depend on the order the operations arrived in. The body
 * as read for itself leaves out the purged past (merge/view.ts `withoutPurgedPast`); a device that
 * got an edit of the new body before the purge and the new creation (its parent) saw the old and
 * the new body as two heads for a while, derived a copy of the old one, and kept it: the three-device
 * property test (engine-rounds.property.test.ts) found it with seed 1958355227. Expectations are
 * written by hand.
 */
import { describe, expect, it } from 'vitest';
import { syncRound } from '../../../sync/engine';
import { allRecords, applyOps, conflictCopyId } from '../../../sync/merge';
import { emptyState } from '../../../sync/merge/state';
import type { Op } from '../../../sync/ops';
import { device, NOTE } from './devices';
import { bodyTags, plainNote, threeDevices } from './memory-device';

/** Every order of some batches. */
function orders<X>(items: readonly X[]): X[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

/** The records a fresh device holds after receiving `batches` one by one in this order. */
function replay(batches: readonly Op[][]) {
  const state = emptyState();
  for (const b of batches) applyOps(state, b);
  return allRecords(state);
}

describe('a note purged and created again under the same id', () => {
  it('an edit of the new note makes no conflict copy of the old body, whatever order it arrives in', () => {
    const a = device('a');
    const b = device('b');
    const created = a.create('notes', 'N1', NOTE);
    b.receive(created);
    const again = [...b.remove('notes', 'N1'), ...b.create('notes', 'N1', { ...NOTE, body: 'again' })];
    a.receive(again);
    const edit = a.update('notes', 'N1', { body: 'again\nfrom a' });
    // The edit continues the new body only (not the purged one).
    expect(edit).toMatchObject([{ op: 'body', parents: [again[1]!.hlc] }]);
    const want = [{ table: 'notes', key: 'N1', record: { id: 'N1', ...NOTE, body: 'again\nfrom a' } }];
    expect(allRecords(a.state)).toEqual(want);
    // The edit before its parent (the new creation) is the order that made the old body a head.
    for (const order of orders([created, again, edit])) expect(replay(order)).toEqual(want);
  });

  it('a conflict copy made before the purge is kept, whatever order the conflict, purge and new note arrive in', () => {
    const a = device('a');
    const b = device('b', {}, 1767225600010);
    const created = a.create('notes', 'N1', NOTE);
    b.receive(created);
    const fromA = a.update('notes', 'N1', { body: 'one\nA\nthree' });
    const fromB = b.update('notes', 'N1', { body: 'one\nB\nthree' });
    a.receive(fromB);
    // B's version is the newer head: A's loses and is kept in a copy.
    const copyId = conflictCopyId('N1', fromA[0]!.hlc);
    const copy = {
      table: 'notes',
      key: copyId,
      record: {
        id: copyId,
        ...NOTE,
        body: 'one\nA\nthree',
        createdAt: 1767225600002,
        updatedAt: 1767225600002,
        conflictOf: 'N1',
        conflictVersion: fromA[0]!.hlc,
      },
    };
    // By key: the copy's id (a time in 2026) sorts before N1.
    expect(allRecords(a.state)).toEqual([
      copy,
      { table: 'notes', key: 'N1', record: { id: 'N1', ...NOTE, body: 'one\nB\nthree' } },
    ]);
    const again = [...a.remove('notes', 'N1'), ...a.create('notes', 'N1', { ...NOTE, body: 'again' })];
    const want = [copy, { table: 'notes', key: 'N1', record: { id: 'N1', ...NOTE, body: 'again' } }];
    expect(allRecords(a.state)).toEqual(want);
    for (const order of orders([created, fromA, fromB, again])) expect(replay(order)).toEqual(want);
  });
});

describe('sync rounds: a note purged and created again on one device, then edited on another', () => {
  it('every device ends with the edited note and no conflict copy (the case of seed 1958355227, shrunk)', async () => {
    const options = { bodyTags, now: () => 1_900_000_000_000 };
    const {
      vault,
      devices: [d0, d1, d2],
    } = await threeDevices();
    const note = plainNote;
    d0.write('notes', note('N1', 'N1 starts'));
    d0.write('notes', note('N2', 'N2 starts'));
    for (const d of [d0, d1, d2]) await syncRound(d, vault, options);
    // Device 1 deletes N2 for good and creates it again; device 0 takes that in and adds a line.
    d1.remove('notes', 'N2');
    d1.write('notes', note('N2', 'N2 again'));
    await syncRound(d1, vault, options);
    await syncRound(d0, vault, options);
    d0.write('notes', { ...d0.get('notes', 'N2')!, body: 'N2 again\nfrom device 0' });
    await syncRound(d0, vault, options);
    // Device 2 takes in device 0's logs (the edit) before device 1's (the purge and the new N2).
    await syncRound(d2, vault, options);
    for (const d of [d0, d1]) await syncRound(d, vault, options);
    const want = new Map([
      ['notes\u0000N1', note('N1', 'N1 starts')],
      ['notes\u0000N2', note('N2', 'N2 again\nfrom device 0')],
    ]);
    for (const d of [d0, d1, d2]) {
      expect(d.records).toEqual(want);
      expect(d.queue).toEqual([]);
    }
  });
});
