/**
 * A note deleted for good (purged) and created again under the same id, then edited: the conflict
 * copies every device ends with must not depend on the order the operations arrived in. The body
 * as read for itself leaves out the purged past (merge/view.ts `withoutPurgedPast`); a device that
 * got an edit of the new body before the purge and the new creation (its parent) saw the old and
 * the new body as two heads for a while, derived a copy of the old one, and kept it: the three-device
 * property test (engine-rounds.property.test.ts) found it with seed 1958355227. And a conflict copy
 * made before the purge keeps the note's fields as they were on every device, whether or not it
 * collected the tombstone. Expectations are written by hand.
 */
import { describe, expect, it } from 'vitest';
import { syncRound } from '../../../sync/engine';
import { allRecords, applyOps, conflictCopyId } from '../../../sync/merge';
import { emptyState } from '../../../sync/merge/state';
import { dropRecords } from '../../../sync/merge/tombstones';
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

/**
 * N1 edited on two devices at once: B's version is the newer head, so A's loses and is kept in a
 * copy with the note's url and tags. A has both versions; B has only its own.
 */
function conflictOnTwoDevices() {
  const a = device('a');
  const b = device('b', {}, 1767225600010);
  const created = a.create('notes', 'N1', NOTE);
  b.receive(created);
  const fromA = a.update('notes', 'N1', { body: 'one\nA\nthree' });
  const fromB = b.update('notes', 'N1', { body: 'one\nB\nthree' });
  a.receive(fromB);
  const copyId = conflictCopyId('N1', fromA[0]!.hlc);
  const copy = {
    id: copyId,
    ...NOTE,
    body: 'one\nA\nthree',
    createdAt: 1767225600002,
    updatedAt: 1767225600002,
    conflictOf: 'N1',
    conflictVersion: fromA[0]!.hlc,
  };
  return { a, b, created, fromA, fromB, copyId, copy };
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
    const { a, created, fromA, fromB, copyId, copy } = conflictOnTwoDevices();
    const copyRow = { table: 'notes', key: copyId, record: copy };
    // By key: the copy's id (a time in 2026) sorts before N1.
    expect(allRecords(a.state)).toEqual([
      copyRow,
      { table: 'notes', key: 'N1', record: { id: 'N1', ...NOTE, body: 'one\nB\nthree' } },
    ]);
    const again = [...a.remove('notes', 'N1'), ...a.create('notes', 'N1', { ...NOTE, body: 'again' })];
    const want = [copyRow, { table: 'notes', key: 'N1', record: { id: 'N1', ...NOTE, body: 'again' } }];
    expect(allRecords(a.state)).toEqual(want);
    for (const order of orders([created, fromA, fromB, again])) expect(replay(order)).toEqual(want);
  });

  // Before the purge wrote the copies' derived fields for real, a device still holding the tombstone
  // derived the copy from the note created again and showed its url and tags, while one that had
  // collected the tombstone (merge/tombstones.ts `dropRecords`) kept the old ones.
  it("the copy keeps the note's old url and tags on a device that collected the tombstone and on one that did not, when the note comes back with others", () => {
    const { a, b, created, fromA, fromB, copyId, copy } = conflictOnTwoDevices();
    b.receive(fromA);
    expect(b.get('notes', copyId)).toEqual(copy);
    // A deletes the note for good; B takes it in and collects the tombstone (every device has it).
    const purge = a.remove('notes', 'N1');
    b.receive(purge);
    dropRecords(b.state, [{ table: 'notes', key: 'N1' }]);
    expect(b.get('notes', 'N1')).toBeUndefined();
    expect(b.get('notes', copyId)).toEqual(copy);
    // A restores a backup holding N1 with another url and other tags; B takes it in.
    const restored = { ...NOTE, url: 'https://other.example/restored', tags: ['restored'], body: 'again' };
    const again = a.create('notes', 'N1', restored);
    b.receive(again);
    for (const d of [a, b]) {
      expect(d.get('notes', 'N1')).toEqual({ id: 'N1', ...restored });
      expect(d.get('notes', copyId)).toEqual(copy);
    }
    // A device that joins later gets the same two notes whatever order the batches come in.
    const want = [
      { table: 'notes', key: copyId, record: copy },
      { table: 'notes', key: 'N1', record: { id: 'N1', ...restored } },
    ];
    for (const order of orders([created, fromA, fromB, purge, again])) expect(replay(order)).toEqual(want);
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
