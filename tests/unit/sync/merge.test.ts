import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allRecords, applyOps, conflictCopyId, recordOf } from '../../../sync/merge';
import { emptyState } from '../../../sync/merge/state';
import type { Op } from '../../../sync/ops';
import { device, NOTE, type Row, T } from './devices';

/** Every order of some batches. */
function orders<X>(items: readonly X[]): X[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

/** The records a fresh device ends with after receiving `batches` in this order. */
function replay(batches: readonly Op[][]): string {
  const state = emptyState();
  for (const b of batches) applyOps(state, b);
  return JSON.stringify(allRecords(state));
}

const TALK = { createdAt: 1, updatedAt: 1, title: 'Keynote', speakers: ['Ada'], tags: [] };

describe('metadata: per-field last-writer-wins by HLC', () => {
  it('edits of different fields on two devices are both kept', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('talks', 'T1', TALK));
    const title = a.update('talks', 'T1', { title: 'Opening keynote' });
    const speaker = b.update('talks', 'T1', { speakers: ['Ada Lovelace'] });
    a.receive(speaker);
    b.receive(title);
    const want = { id: 'T1', ...TALK, title: 'Opening keynote', speakers: ['Ada Lovelace'] };
    expect(a.get('talks', 'T1')).toEqual(want);
    expect(b.get('talks', 'T1')).toEqual(want);
  });

  it('the same field edited on two devices: the later stamp wins everywhere, in any order and repeated', () => {
    const a = device('a');
    const b = device('b', {}, T + 60_000); // B's clock a minute later: its edit has the later stamp
    const create = a.create('talks', 'T1', TALK);
    b.receive(create);
    const fromA = a.update('talks', 'T1', { title: 'From A' });
    const fromB = b.update('talks', 'T1', { title: 'From B' });
    for (const order of orders([create, fromA, fromB, fromA])) {
      expect(JSON.parse(replay(order))[0].record.title).toBe('From B');
    }
  });

  it('the same stamp twice (a cloned device id): the greater value wins, in both orders', () => {
    const hlc = '019b76daa801-0000-clone';
    const base: Op = { op: 'set', table: 'talks', key: 'T1', hlc, field: 'createdAt', value: 1 };
    const x: Op = { op: 'set', table: 'talks', key: 'T1', hlc, field: 'title', value: 'Apple' };
    const y: Op = { op: 'set', table: 'talks', key: 'T1', hlc, field: 'title', value: 'Banana' };
    expect(replay([[base], [x], [y]])).toBe(replay([[base], [y], [x]]));
    const state = emptyState();
    applyOps(state, [base, y, x]);
    expect(recordOf(state, 'talks', 'T1')?.title).toBe('Banana');
  });

  it('fields and operation kinds this version does not know are kept', () => {
    const state = emptyState();
    const future = { op: 'reorder', table: 'talks', keys: ['T1'], hlc: '019b76daa801-0000-new' };
    applyOps(state, [
      { op: 'set', table: 'talks', key: 'T1', hlc: '019b76daa801-0000-new', field: 'createdAt', value: 1 },
      { op: 'set', table: 'talks', key: 'T1', hlc: '019b76daa801-0000-new', field: 'venueRoom', value: 'B2' },
      future,
    ]);
    expect(recordOf(state, 'talks', 'T1')).toMatchObject({ venueRoom: 'B2' });
    expect(Object.values(state.unknown)).toEqual([future]);
  });

  it('a record is not shown before its creation has arrived', () => {
    const a = device('a');
    const create = a.create('talks', 'T1', TALK);
    const edit = a.update('talks', 'T1', { title: 'Later' });
    const state = emptyState();
    applyOps(state, edit);
    expect(recordOf(state, 'talks', 'T1')).toBeUndefined();
    applyOps(state, create);
    expect(recordOf(state, 'talks', 'T1')?.title).toBe('Later');
  });
});

describe('tags: add-wins sets keyed by the normalised name', () => {
  it('a tag added on one device while another removes it (having seen an older add) stays', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', { ...NOTE, tags: ['rust'] }));
    const removed = b.update('notes', 'N1', { tags: [] });
    // A removes and adds it again (e.g. retyped): a new dot B has not seen.
    const readded = [
      ...a.update('notes', 'N1', { tags: [] }),
      ...a.update('notes', 'N1', { tags: ['rust'] }),
    ];
    a.receive(removed);
    b.receive(readded);
    expect(a.get('notes', 'N1')?.tags).toEqual(['rust']);
    expect(b.get('notes', 'N1')?.tags).toEqual(['rust']);
  });

  it('the same tag created on two devices is one tag', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', { ...NOTE, tags: [] }));
    const fromA = a.update('notes', 'N1', { tags: ['wasm'] });
    const fromB = b.update('notes', 'N1', { tags: ['wasm'] });
    a.receive(fromB);
    b.receive(fromA);
    expect(a.get('notes', 'N1')?.tags).toEqual(['wasm']);
    expect(b.get('notes', 'N1')?.tags).toEqual(['wasm']);
    // Removing it on one device afterwards removes both adds (it has seen both).
    b.receive(a.update('notes', 'N1', { tags: [] }));
    expect(b.get('notes', 'N1')?.tags).toEqual([]);
  });

  it('tags keep the order they were first added in', () => {
    const a = device('a');
    a.create('notes', 'N1', { ...NOTE, tags: ['b-tag'] });
    a.update('notes', 'N1', { tags: ['b-tag', 'a-tag'] });
    expect(a.get('notes', 'N1')?.tags).toEqual(['b-tag', 'a-tag']);
  });

  const hashtags = (body: string) => [...body.matchAll(/#(\w+)/g)].map((m) => m[1]!.toLowerCase());

  it('a rename on one device and a new use of the old tag on another: the new use keeps the old tag', () => {
    const a = device('a', { bodyTags: hashtags });
    const b = device('b', { bodyTags: hashtags });
    b.receive(a.create('notes', 'N1', { ...NOTE, body: 'closures #js', tags: ['js'] }));
    // A renames js → javascript: storage rewrites the body's #js and the tag list of every note it has.
    const rename = a.update('notes', 'N1', { body: 'closures #javascript', tags: ['javascript'] });
    // B, offline, writes a new note with #js.
    const newUse = b.create('notes', 'N2', { ...NOTE, body: 'promises #js', tags: ['js'] });
    a.receive(newUse);
    b.receive(rename);
    for (const d of [a, b]) {
      expect(d.get('notes', 'N1')).toMatchObject({ body: 'closures #javascript', tags: ['javascript'] });
      expect(d.get('notes', 'N2')).toMatchObject({ body: 'promises #js', tags: ['js'] });
    }
  });

  it('a rename and a concurrent edit of the same note adding a line with the old tag: both tags, text merged', () => {
    const a = device('a', { bodyTags: hashtags });
    const b = device('b', { bodyTags: hashtags });
    b.receive(a.create('notes', 'N1', { ...NOTE, body: 'closures #js\nscope', tags: ['js'] }));
    const rename = a.update('notes', 'N1', { body: 'closures #javascript\nscope', tags: ['javascript'] });
    const edit = b.update('notes', 'N1', { body: 'closures #js\nscope\nhoisting #js' });
    a.receive(edit);
    b.receive(rename);
    const want = { body: 'closures #javascript\nscope\nhoisting #js', tags: ['javascript', 'js'] };
    expect(a.get('notes', 'N1')).toMatchObject(want);
    expect(b.get('notes', 'N1')).toMatchObject(want);
  });

  it('a merge of two tags on one device (js into javascript) and the same merge on another give one tag', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', { ...NOTE, tags: ['js', 'javascript'] }));
    const fromA = a.update('notes', 'N1', { tags: ['javascript'] });
    const fromB = b.update('notes', 'N1', { tags: ['javascript'] });
    a.receive(fromB);
    b.receive(fromA);
    expect(a.get('notes', 'N1')?.tags).toEqual(['javascript']);
    expect(b.get('notes', 'N1')?.tags).toEqual(['javascript']);
  });
});

/** The id a conflict copy must have, computed here from its definition (docs/sync.md), not by sync/. */
function expectedCopyId(noteKey: string, version: string): string {
  const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let ms = Number.parseInt(version.slice(0, 12), 16);
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = crockford[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  const digest = createHash('sha256').update(`talkmarks conflict copy\n${noteKey}\n${version}`).digest();
  let bits = '';
  for (const byte of digest.subarray(0, 10)) bits += byte.toString(2).padStart(8, '0');
  let rest = '';
  for (let i = 0; i < 80; i += 5) rest += crockford[Number.parseInt(bits.slice(i, i + 5), 2)];
  return time + rest;
}

describe('note bodies: never by clock', () => {
  it('an edit on top of what a device had is a fast-forward', () => {
    const a = device('a');
    const b = device('b', {}, T - 3_600_000); // B's clock an hour behind: irrelevant to bodies
    b.receive(a.create('notes', 'N1', NOTE));
    a.receive(b.update('notes', 'N1', { body: 'one\ntwo\nthree\nfour' }));
    expect(a.get('notes', 'N1')?.body).toBe('one\ntwo\nthree\nfour');
  });

  it('concurrent edits of different lines merge three-way from the common version, the same on both', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', { ...NOTE, body: 'intro\none\ntwo\nthree\noutro' }));
    const fromA = a.update('notes', 'N1', { body: 'INTRO\none\ntwo\nthree\noutro' });
    const fromB = b.update('notes', 'N1', { body: 'intro\none\ntwo\nthree\noutro\nPS' });
    a.receive(fromB);
    b.receive(fromA);
    expect(a.get('notes', 'N1')?.body).toBe('INTRO\none\ntwo\nthree\noutro\nPS');
    expect(b.get('notes', 'N1')?.body).toBe('INTRO\none\ntwo\nthree\noutro\nPS');
    expect(allRecords(a.state)).toHaveLength(1); // no conflict copy
  });

  it('the same change made on two devices is no conflict', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', NOTE));
    const fromA = a.update('notes', 'N1', { body: 'one\n2\nthree' });
    const fromB = b.update('notes', 'N1', { body: 'one\n2\nthree' });
    a.receive(fromB);
    b.receive(fromA);
    expect(a.get('notes', 'N1')?.body).toBe('one\n2\nthree');
    expect(allRecords(b.state)).toHaveLength(1);
  });

  it('overlapping edits: the newer version stays in the note, the other becomes a conflict copy, the same on both', () => {
    const a = device('a');
    const b = device('b', {}, T + 10); // B's edit is the newer one
    b.receive(a.create('notes', 'N1', { ...NOTE, talkId: 'T1', kind: 'takeaway' }));
    const fromA = a.update('notes', 'N1', { body: 'one\nTWO from A\nthree' }); // version 019b76daa802-0000-a
    const fromB = b.update('notes', 'N1', { body: 'one\nTWO from B\nthree' });
    a.receive(fromB);
    b.receive(fromA);
    const copyId = expectedCopyId('N1', '019b76daa802-0000-a');
    expect(conflictCopyId('N1', '019b76daa802-0000-a')).toBe(copyId);
    // Sorted by key: the copy's ULID-shaped id sorts before 'N1'.
    const want = [
      { table: 'notes', key: copyId, body: 'one\nTWO from A\nthree' },
      { table: 'notes', key: 'N1', body: 'one\nTWO from B\nthree' },
    ];
    for (const d of [a, b]) {
      expect(allRecords(d.state).map((r) => ({ table: r.table, key: r.key, body: r.record?.body }))).toEqual(
        want,
      );
      expect(d.get('notes', copyId)).toEqual({
        id: copyId,
        url: NOTE.url,
        kind: 'takeaway',
        talkId: 'T1',
        body: 'one\nTWO from A\nthree',
        tags: ['ai'],
        createdAt: T + 2,
        updatedAt: T + 2,
        conflictOf: 'N1',
        conflictVersion: '019b76daa802-0000-a',
      });
    }
    expect(copyId).toMatch(/^01KDVDNA02[0-9A-Z]{16}$/); // ULID-shaped, with the losing version's time
  });

  it('an edit of the merged note keeps the conflict copy for good; an edit of the copy makes it a note of its own', () => {
    const a = device('a');
    const b = device('b', {}, T + 10);
    const c = device('c', {}, T + 20);
    const create = a.create('notes', 'N1', NOTE);
    b.receive(create);
    const fromA = a.update('notes', 'N1', { body: 'one\nA\nthree' });
    const fromB = b.update('notes', 'N1', { body: 'one\nB\nthree' });
    a.receive(fromB);
    const copyId = conflictCopyId('N1', '019b76daa802-0000-a');
    // A writes on the note (from the merged text) and on the copy.
    const join = a.update('notes', 'N1', { body: 'one\nB\nthree\nresolved' });
    const copyEdit = a.update('notes', copyId, { body: 'one\nA\nthree\nkept', kind: 'question' });
    expect(join[0]).toMatchObject({ op: 'body', parents: ['019b76daa802-0000-a', '019b76daa80b-0000-b'] });
    // C receives everything in another order.
    for (const batch of [copyEdit, join, fromB, create, fromA]) c.receive(batch);
    b.receive(fromA, join, copyEdit);
    for (const d of [a, b, c]) {
      expect(d.get('notes', 'N1')?.body).toBe('one\nB\nthree\nresolved');
      expect(d.get('notes', copyId)).toMatchObject({
        body: 'one\nA\nthree\nkept',
        kind: 'question',
        conflictOf: 'N1',
      });
    }
    expect(JSON.stringify(allRecords(a.state))).toBe(JSON.stringify(allRecords(c.state)));
    expect(JSON.stringify(allRecords(b.state))).toBe(JSON.stringify(allRecords(c.state)));
  });

  it('three devices editing the same line: one note, two copies, identical everywhere', () => {
    const ds = [device('a'), device('b', {}, T + 10), device('c', {}, T + 20)];
    const create = ds[0]!.create('notes', 'N1', NOTE);
    ds[1]!.receive(create);
    ds[2]!.receive(create);
    const edits = ds.map((d) => d.update('notes', 'N1', { body: `one\nfrom ${d.id}\nthree` }));
    ds.forEach((d, i) => {
      d.receive(...edits.filter((_, j) => j !== i).reverse());
    });
    const bodies = (d: (typeof ds)[number]) => allRecords(d.state).map((r) => r.record?.body);
    // C's version is the newest: it stays in the note; A's and B's are copies (sorted by copy id).
    const copyA = conflictCopyId('N1', '019b76daa802-0000-a');
    const copyB = conflictCopyId('N1', '019b76daa80b-0000-b');
    const want = [
      [copyA, 'one\nfrom a\nthree'],
      [copyB, 'one\nfrom b\nthree'],
      ['N1', 'one\nfrom c\nthree'],
    ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
    expect(allRecords(ds[0]!.state).map((r) => [r.key, r.record?.body])).toEqual(want);
    expect(bodies(ds[0]!)).toHaveLength(3);
    expect(JSON.stringify(allRecords(ds[1]!.state))).toBe(JSON.stringify(allRecords(ds[0]!.state)));
    expect(JSON.stringify(allRecords(ds[2]!.state))).toBe(JSON.stringify(allRecords(ds[0]!.state)));
  });

  it('a conflict copy disappears when the fork it came from turns out to merge cleanly', () => {
    // A (newer clock) and B conflict on line 2 until B's next version (line 2 back, a line added) arrives.
    const a = device('a', {}, T + 10);
    const b = device('b');
    const create = b.create('notes', 'N1', NOTE);
    a.receive(create);
    const fromA = a.update('notes', 'N1', { body: 'one\nA\nthree' });
    const b1 = b.update('notes', 'N1', { body: 'one\nB\nthree' });
    const b2 = b.update('notes', 'N1', { body: 'one\ntwo\nthree\nfour' });
    const state = emptyState();
    for (const batch of [create, fromA, b1]) applyOps(state, batch);
    const copyB1 = conflictCopyId('N1', '019b76daa802-0000-b');
    expect(allRecords(state).map((r) => [r.key, r.record?.body])).toEqual(
      [
        ['N1', 'one\nA\nthree'],
        [copyB1, 'one\nB\nthree'],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    );
    const touched = applyOps(state, b2);
    expect(touched).toContainEqual({ table: 'notes', key: copyB1 });
    expect(recordOf(state, 'notes', copyB1)).toBeUndefined();
    expect(allRecords(state).map((r) => [r.key, r.record?.body])).toEqual([['N1', 'one\nA\nthree\nfour']]);
  });
});

describe('trash and delete', () => {
  it('edit vs trash: an edit the trashing device had not seen brings the note back, flagged', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', NOTE));
    const trash = a.update('notes', 'N1', { deletedAt: 5000 });
    const edit = b.update('notes', 'N1', { body: 'one\ntwo\nthree\nfour' });
    a.receive(edit);
    b.receive(trash);
    for (const d of [a, b]) {
      const n = d.get('notes', 'N1');
      expect(n).toMatchObject({ body: 'one\ntwo\nthree\nfour', restoredBySync: true });
      expect(n).not.toHaveProperty('deletedAt');
    }
  });

  it('a trash made after seeing the edit stays', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', NOTE));
    a.receive(b.update('notes', 'N1', { kind: 'todo' }));
    b.receive(a.update('notes', 'N1', { deletedAt: 5000 }));
    for (const d of [a, b]) {
      expect(d.get('notes', 'N1')).toMatchObject({ kind: 'todo', deletedAt: 5000 });
      expect(d.get('notes', 'N1')).not.toHaveProperty('restoredBySync');
    }
  });

  it('an unseen tag removal counts as an edit; an unseen edit that lost its field does not', () => {
    const a = device('a');
    const b = device('b');
    const c = device('c', {}, T + 100);
    const create = a.create('notes', 'N1', NOTE);
    b.receive(create);
    c.receive(create);
    const untag = b.update('notes', 'N1', { tags: [] });
    const trash = a.update('notes', 'N1', { deletedAt: 1 });
    const s = emptyState();
    applyOps(s, [...create, ...trash, ...untag]);
    expect(recordOf(s, 'notes', 'N1')).toMatchObject({ restoredBySync: true, tags: [] });
    // B's kind edit loses to C's later kind edit, which A had seen when it trashed: trashed.
    const a2 = device('a');
    const b2 = device('b');
    const c2 = device('c', {}, T + 100);
    const create2 = a2.create('notes', 'N2', NOTE);
    b2.receive(create2);
    c2.receive(create2);
    const lost = b2.update('notes', 'N2', { kind: 'todo' });
    const won = c2.update('notes', 'N2', { kind: 'quote' });
    a2.receive(won);
    const trash2 = a2.update('notes', 'N2', { deletedAt: 2 });
    const s2 = emptyState();
    applyOps(s2, [...create2, ...lost, ...won, ...trash2]);
    expect(recordOf(s2, 'notes', 'N2')).toMatchObject({ kind: 'quote', deletedAt: 2 });
  });

  it('a purge removes the record; an edit it had not seen brings it back whole', () => {
    const a = device('a');
    const b = device('b');
    b.receive(a.create('notes', 'N1', NOTE));
    const trash = a.update('notes', 'N1', { deletedAt: 7 });
    const purge = a.remove('notes', 'N1');
    expect(a.get('notes', 'N1')).toBeUndefined();
    const edit = b.update('notes', 'N1', { body: 'one\ntwo\nthree\nlate line' });
    a.receive(edit);
    b.receive(trash, purge);
    for (const d of [a, b]) {
      expect(d.get('notes', 'N1')).toEqual({
        id: 'N1',
        ...NOTE,
        body: 'one\ntwo\nthree\nlate line',
        restoredBySync: true,
      });
    }
  });

  it('a purge that saw everything wins over a late restore it had seen and over trash from elsewhere', () => {
    const a = device('a');
    const b = device('b');
    const create = a.create('notes', 'N1', NOTE);
    b.receive(create);
    const trashB = b.update('notes', 'N1', { deletedAt: 3 });
    a.receive(trashB);
    const restoreA = a.update('notes', 'N1', { deletedAt: undefined });
    const trashA = a.update('notes', 'N1', { deletedAt: 4 });
    const purge = a.remove('notes', 'N1');
    for (const order of orders([trashB, restoreA, trashA, purge])) {
      expect(JSON.parse(replay([create, ...order]))).toEqual([]);
    }
  });
});

describe('the merge is order-free and repeat-free', () => {
  it('every order of the same batches, with repeats, gives the same records', () => {
    const a = device('a');
    const b = device('b', {}, T + 5);
    const create = a.create('notes', 'N1', NOTE);
    b.receive(create);
    const batches: Op[][] = [
      create,
      a.update('notes', 'N1', { body: 'one\nA\nthree', tags: ['ai', 'x'] }),
      b.update('notes', 'N1', { body: 'one\nB\nthree', kind: 'quote' }),
      b.update('notes', 'N1', { deletedAt: 10 }),
    ];
    const first = replay(batches);
    for (const order of orders(batches)) expect(replay([...order, ...order.slice(1)])).toBe(first);
    const rows = JSON.parse(first) as { key: string; record: Row }[];
    // B's version is newer (its clock is 5 ms ahead): it stays; A's is the copy. The trash saw neither A's edit.
    expect(rows.map((r) => [r.key, r.record.body, r.record.restoredBySync])).toEqual([
      [conflictCopyId('N1', '019b76daa802-0000-a'), 'one\nA\nthree', undefined],
      ['N1', 'one\nB\nthree', true],
    ]);
  });
});
