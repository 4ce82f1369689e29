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
  it('renames and deletes exactly the live #k8s tags of any body (property)', () => {
    // Pieces of Markdown, each with what renaming #k8s to #kubernetes and deleting #k8s must make of
    // it and the tags it carries, written from the rules in storage/tags.ts: a tag is `#` + letters
    // (digits, `-`, `_`) after a space or line start; never in code, in a URL, or a link target.
    type Piece = { md: string; renamed: string; deleted: string; tags: string[] };
    const same = (md: string, tags: string[] = []): Piece => ({ md, renamed: md, deleted: md, tags });
    const pieces: Piece[] = [
      { md: '#k8s', renamed: '#kubernetes', deleted: 'k8s', tags: ['k8s'] },
      { md: '#K8S', renamed: '#kubernetes', deleted: 'K8S', tags: ['k8s'] },
      { md: '#k8s.', renamed: '#kubernetes.', deleted: 'k8s.', tags: ['k8s'] },
      {
        md: '[#k8s](http://c.org/)',
        renamed: '[#kubernetes](http://c.org/)',
        deleted: '[k8s](http://c.org/)',
        tags: ['k8s'],
      },
      same('#kubernetes', ['kubernetes']),
      same('#other', ['other']),
      same('#k8s-tips', ['k8s-tips']),
      same('word'),
      same('.'),
      same('C#'),
      same('#'),
      same('#123'),
      same('`#k8s`'),
      same('https://a.org/#k8s'),
      same('<http://b.org/#k8s>'),
      same('[see](http://c.org/#k8s)'),
      same('\n```\n#k8s\n```\n'),
      same('\n~~~\n#K8S and #other\n~~~\n'),
      same('\n\n    #k8s indented code\n\n'),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const body = parts.map((p) => p.md).join(' ');
        const tags = [...new Set(parts.flatMap((p) => p.tags))];
        expect(parseTags(body)).toEqual(tags);
        expect(rewriteHashtags(body, 'k8s', 'kubernetes')).toBe(parts.map((p) => p.renamed).join(' '));
        expect(rewriteHashtags(body, 'k8s', null)).toBe(parts.map((p) => p.deleted).join(' '));
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
