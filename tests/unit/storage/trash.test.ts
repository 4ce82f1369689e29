import { describe, expect, it } from 'vitest';
import { putImage } from '../../../storage/blobs';
import { getDb } from '../../../storage/db';
import { createNote, trashNote } from '../../../storage/notes';
import {
  deleteForever,
  emptyTrash,
  restoreNotes,
  trashCount,
  trashedNotes,
  trashNotes,
} from '../../../storage/trash';

const url = 'https://example.org/talk';

describe('trash', () => {
  it('lists trashed notes, most recently deleted first, one window at a time', async () => {
    const a = await createNote({ body: 'a', url });
    const b = await createNote({ body: 'b', url });
    const c = await createNote({ body: 'c', url });
    await trashNote(b.id);
    await new Promise((r) => setTimeout(r, 2));
    await trashNotes([a.id, c.id]);
    expect(await trashCount()).toBe(3);
    const first = await trashedNotes(0, 2);
    expect(first).toHaveLength(2);
    expect(first.map((n) => n.id)).not.toContain(b.id);
    expect((await trashedNotes(2, 2)).map((n) => n.id)).toEqual([b.id]);
  });

  it('restores notes without their deletion mark and with a newer updatedAt', async () => {
    const a = await createNote({ body: 'a', url });
    await trashNote(a.id);
    expect(await restoreNotes([a.id, 'missing'])).toBe(1);
    const back = await getDb().notes.get(a.id);
    expect(back).not.toHaveProperty('deletedAt');
    expect(back!.updatedAt).toBeGreaterThan(a.updatedAt);
    expect(await trashCount()).toBe(0);
  });

  it('empties for good, with thumbnails no live note uses', async () => {
    const shared = await putImage(new Blob(['x'], { type: 'image/jpeg' }), 1, 1);
    const own = await putImage(new Blob(['y'], { type: 'image/jpeg' }), 1, 1);
    const keep = await createNote({ body: 'keep', url, thumbnailId: shared });
    const a = await createNote({ body: 'a', url, thumbnailId: shared });
    const b = await createNote({ body: 'b', url, thumbnailId: own });
    await trashNotes([a.id, b.id]);
    expect(await emptyTrash()).toBe(2);
    expect(await getDb().notes.count()).toBe(1);
    expect(await getDb().notes.get(keep.id)).toMatchObject({ body: 'keep', thumbnailId: shared });
    expect(await getDb().blobs.get(shared)).toMatchObject({
      id: shared,
      mime: 'image/jpeg',
      width: 1,
      height: 1,
    });
    expect(await getDb().blobs.get(own)).toBeUndefined();
  });

  it('empties only what was trashed before a time, and deletes single notes for good', async () => {
    const old = await createNote({ body: 'old', url });
    const recent = await createNote({ body: 'recent', url });
    const live = await createNote({ body: 'live', url });
    await getDb().notes.update(old.id, { deletedAt: 1000 });
    await trashNote(recent.id);
    expect(await emptyTrash(2000)).toBe(1);
    expect(await deleteForever([recent.id, live.id])).toBe(1); // the live note is left alone
    expect((await getDb().notes.toArray()).map((n) => n.id)).toEqual([live.id]);
  });
});
