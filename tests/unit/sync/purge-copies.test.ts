/**
 * A conflict copy made before its note was deleted for good keeps the note's fields as they were,
 * on every device: on one that has collected the note's tombstone (merge/tombstones.ts
 * `dropRecords`) and on one that still holds it, even when the note is then created again under the
 * same id with another url and other tags (a backup restored). Before the purge wrote the copies'
 * derived fields for real, a device still holding the tombstone derived the copy from the new note
 * and showed its url and tags, while one that had collected it kept the old ones: two devices with
 * the same operations and different notes. Expectations are written by hand.
 */
import { describe, expect, it } from 'vitest';
import { allRecords, applyOps, conflictCopyId } from '../../../sync/merge';
import { emptyState } from '../../../sync/merge/state';
import { dropRecords } from '../../../sync/merge/tombstones';
import type { Op } from '../../../sync/ops';
import { device, NOTE } from './devices';

/** Every order of some batches. */
function orders<X>(items: readonly X[]): X[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

const N1 = { table: 'notes', key: 'N1' };

describe('a conflict copy of a note deleted for good, the note then created again', () => {
  it('keeps the old url and tags on a device that collected the tombstone and on one that did not', () => {
    const a = device('a');
    const b = device('b', {}, 1767225600010);
    const created = a.create('notes', 'N1', NOTE);
    b.receive(created);
    const fromA = a.update('notes', 'N1', { body: 'one\nA\nthree' });
    const fromB = b.update('notes', 'N1', { body: 'one\nB\nthree' });
    a.receive(fromB);
    b.receive(fromA);
    // B's version is the newer head: A's loses and is kept in a copy, with the note's url and tags.
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
    expect(a.get('notes', copyId)).toEqual(copy);
    expect(b.get('notes', copyId)).toEqual(copy);

    // A deletes the note for good; B takes it in and collects the tombstone (every device has it).
    const purge = a.remove('notes', 'N1');
    b.receive(purge);
    dropRecords(b.state, [N1]);
    expect(b.get('notes', 'N1')).toBeUndefined();
    expect(b.get('notes', copyId)).toEqual(copy);

    // A restores a backup holding N1 with another url and other tags; B takes it in.
    const again = a.create('notes', 'N1', {
      ...NOTE,
      url: 'https://other.example/restored',
      tags: ['restored'],
      body: 'again',
    });
    b.receive(again);
    const note = {
      id: 'N1',
      ...NOTE,
      url: 'https://other.example/restored',
      tags: ['restored'],
      body: 'again',
    };
    for (const d of [a, b]) {
      expect(d.get('notes', 'N1')).toEqual(note);
      expect(d.get('notes', copyId)).toEqual(copy);
    }

    // A device that joins later gets the same two notes whatever order the batches come in.
    const want = [
      { table: 'notes', key: copyId, record: copy },
      { table: 'notes', key: 'N1', record: note },
    ];
    for (const order of orders<Op[]>([created, fromA, fromB, purge, again])) {
      const state = emptyState();
      for (const batch of order) applyOps(state, batch);
      expect(allRecords(state)).toEqual(want);
    }
  });
});
