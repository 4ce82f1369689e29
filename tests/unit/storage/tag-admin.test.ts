import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../storage/db';
import { createNote, trashNote, updateNote } from '../../../storage/notes';
import {
  deleteTag,
  renameTag,
  rewriteHashtags,
  TagAdminError,
  tagCounts,
  undoTagChange,
} from '../../../storage/tag-admin';
import { parseTags } from '../../../storage/tags';
import type { TalkRecord } from '../../../storage/types';

const url = 'https://example.org/talk';

function talk(id: string, tags: string[]): TalkRecord {
  return {
    id,
    createdAt: 1,
    updatedAt: 1,
    title: `Talk ${id}`,
    speakers: [],
    tags,
    source: { platform: 'test', url, capturedAt: 1 },
  };
}

describe('rewriteHashtags', () => {
  it('renames hashtags whatever their case, and leaves code and URLs alone', () => {
    const body = 'Use #K8s and #k8s.\n`#k8s` in code, https://x.org/#k8s and\n```\n#k8s\n```\nend #k8s-tips';
    expect(rewriteHashtags(body, 'k8s', 'kubernetes')).toBe(
      'Use #kubernetes and #kubernetes.\n`#k8s` in code, https://x.org/#k8s and\n```\n#k8s\n```\nend #k8s-tips',
    );
  });
  it('turns a deleted tag into the plain word', () => {
    expect(rewriteHashtags('about #GlusterFS today', 'glusterfs', null)).toBe('about GlusterFS today');
  });
  it('agrees with tag parsing on any body (property)', () => {
    const piece = fc.constantFrom(
      '#k8s',
      '#K8S',
      '#kubernetes',
      '#other',
      ' ',
      '\n',
      '`',
      '```\n',
      '    ',
      'https://a.org/',
      '](',
      ')',
      '<http://b.org/',
      '>',
      'word',
      '.',
      '#',
      'C#',
      '~~~\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const body = parts.join('');
        const before = parseTags(body);
        const renamed = parseTags(rewriteHashtags(body, 'k8s', 'kubernetes'));
        const expected = [...new Set(before.map((t) => (t === 'k8s' ? 'kubernetes' : t)))];
        expect(new Set(renamed)).toEqual(new Set(expected));
        expect(parseTags(rewriteHashtags(body, 'k8s', null))).toEqual(before.filter((t) => t !== 'k8s'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('tag administration', () => {
  it('counts tags over live notes and talks', async () => {
    await createNote({ body: 'a #k8s #ops', url });
    await createNote({ body: 'b #k8s', url });
    const gone = await createNote({ body: 'c #k8s #gone', url });
    await trashNote(gone.id);
    await getDb().talks.add(talk('T1', ['k8s']));
    expect(await tagCounts()).toEqual([
      { tag: 'k8s', notes: 2, talks: 1 },
      { tag: 'ops', notes: 1, talks: 0 },
    ]);
  });

  it('merges #k8s into #kubernetes across notes and talks, and undoes it', async () => {
    const a = await createNote({ body: 'Operators #k8s', url });
    const b = await createNote({ body: 'Both #k8s #kubernetes', url });
    const c = await createNote({ body: 'Explicit only', url, tags: ['k8s'] });
    await getDb().talks.add(talk('T1', ['k8s', 'cloud']));

    const change = await renameTag('#K8s', 'kubernetes');
    expect(change.action).toBe('merge');
    const db = getDb();
    expect((await db.notes.get(a.id))?.body).toBe('Operators #kubernetes');
    expect((await db.notes.get(a.id))?.tags).toEqual(['kubernetes']);
    expect((await db.notes.get(b.id))?.tags).toEqual(['kubernetes']);
    expect((await db.notes.get(c.id))?.tags).toEqual(['kubernetes']);
    expect((await db.talks.get('T1'))?.tags).toEqual(['kubernetes', 'cloud']);
    expect((await db.talks.get('T1'))?.editedFields).toContain('tags');
    expect((await tagCounts()).map((t) => t.tag)).not.toContain('k8s');

    // An edit after the merge does not bring the old tag back.
    const edited = await updateNote(a.id, { body: 'Operators #kubernetes, revised' });
    expect(edited.tags).toEqual(['kubernetes']);

    const undone = await undoTagChange(change);
    expect(undone).toEqual({ restored: 3, skipped: 1 }); // note a was edited since: left alone
    expect((await db.notes.get(b.id))?.body).toBe('Both #k8s #kubernetes');
    expect((await db.notes.get(b.id))?.tags).toEqual(['k8s', 'kubernetes']);
    expect((await db.notes.get(c.id))?.tags).toEqual(['k8s']);
    expect((await db.talks.get('T1'))?.tags).toEqual(['k8s', 'cloud']);
    const after = await db.notes.get(c.id);
    expect(after?.updatedAt).toBeGreaterThan(c.updatedAt);
  });

  it('renames to a new tag (not a merge) and deletes with undo', async () => {
    const n = await createNote({ body: 'About #gluster', url });
    const change = await renameTag('gluster', 'GlusterFS');
    expect(change.action).toBe('rename');
    expect((await getDb().notes.get(n.id))?.body).toBe('About #glusterfs');

    const del = await deleteTag('glusterfs');
    expect((await getDb().notes.get(n.id))?.body).toBe('About glusterfs');
    expect((await getDb().notes.get(n.id))?.tags).toEqual([]);
    await undoTagChange(del);
    expect((await getDb().notes.get(n.id))?.tags).toEqual(['glusterfs']);
  });

  it('runs in one transaction: a failure changes nothing', async () => {
    const n = await createNote({ body: 'Keep #k8s', url });
    await getDb().talks.add(talk('T1', ['k8s']));
    const broken = getDb().talks.bulkPut.bind(getDb().talks);
    getDb().talks.bulkPut = (() => Promise.reject(new Error('disk full'))) as unknown as typeof broken;
    try {
      await expect(renameTag('k8s', 'kubernetes')).rejects.toThrow('disk full');
    } finally {
      getDb().talks.bulkPut = broken;
    }
    expect((await getDb().notes.get(n.id))?.tags).toEqual(['k8s']);
  });

  it('refuses tags with no letter and treats renaming to itself as nothing', async () => {
    await expect(renameTag('k8s', '123')).rejects.toThrow(TagAdminError);
    await expect(deleteTag('#')).rejects.toThrow(TagAdminError);
    const same = await renameTag('K8s', 'k8s');
    expect(same.before.notes).toEqual([]);
  });
});
