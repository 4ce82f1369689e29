/**
 * Tag administration: counts, and rename / merge / delete across every note and talk in one
 * transaction, with undo. `#tags` written in note bodies are rewritten too, so the next edit of a
 * note does not bring the old tag back.
 */
import { getDb } from './db';
import { nextStamp, putRecords } from './records';
import { mergeTags, normalizeTag } from './tags';
import type { NoteRecord, TalkRecord } from './types';

/** A tag change that cannot be made, with a message meant for the user. */
export class TagAdminError extends Error {
  override name = 'TagAdminError';
}

export interface TagCount {
  tag: string;
  notes: number;
  talks: number;
}

export interface TagChange {
  action: 'rename' | 'merge' | 'delete';
  from: string;
  /** The tag it became (absent for delete). */
  to?: string;
  /** Records as they were, for undo. */
  before: { notes: NoteRecord[]; talks: TalkRecord[] };
  /** Record id → the updatedAt this change wrote (undo leaves records edited since alone). */
  wrote: Record<string, number>;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HASHTAG = /(^|[^\p{L}\p{M}\p{N}_&/#?=.:-])#([\p{L}\p{M}\p{N}_-]+)/gu;
/** The parts of prose where `#` is never a tag (the same as `storage/tags.ts` skips, in order). */
const NOT_PROSE: readonly [RegExp, string][] = [
  [/(`+)[^`]*?\1/g, ''],
  [/<[a-z][a-z0-9+.-]*:[^\s>]*>/gi, ''],
  [/\]\([^)]*\)/g, ']'],
  [/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>()]+/gi, ''],
];

/** The body with code and URLs blanked out to spaces: same length, so positions still match the body. */
function maskNonProse(body: string): string {
  let fence: string | null = null;
  const lines = body.split('\n').map((line) => {
    const m = FENCE.exec(line);
    if (fence) {
      if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
      return ' '.repeat(line.length);
    }
    if (m?.[1]) {
      fence = m[1];
      return ' '.repeat(line.length);
    }
    return /^( {4}|\t)/.test(line) ? ' '.repeat(line.length) : line;
  });
  let masked = lines.join('\n');
  for (const [re, keep] of NOT_PROSE) {
    masked = masked.replace(re, (m) => keep + ' '.repeat(m.length - keep.length));
  }
  return masked;
}

/**
 * Rewrites the `#hashtags` of a Markdown body that normalise to `from`: to `#to`, or (when `to`
 * is null) to the bare word, so the text reads the same and the tag is gone. Code and URLs are
 * left untouched, exactly as tag parsing skips them.
 */
export function rewriteHashtags(body: string, from: string, to: string | null): string {
  const masked = maskNonProse(body);
  let out = '';
  let last = 0;
  for (const m of masked.matchAll(HASHTAG)) {
    const raw = m[2] ?? '';
    if (normalizeTag(raw) !== from) continue;
    const hash = (m.index ?? 0) + (m[1]?.length ?? 0);
    out += body.slice(last, hash) + (to === null ? raw : `#${to}`);
    last = hash + 1 + raw.length;
  }
  return out + body.slice(last);
}

/** Every tag with how many live notes and talks carry it, most used first. */
export async function tagCounts(): Promise<TagCount[]> {
  const db = getDb();
  const [noteKeys, talkKeys, trashedNotes, talks] = await Promise.all([
    db.notes.orderBy('tags').keys(),
    db.talks.orderBy('tags').keys(),
    db.notes.where('deletedAt').above(0).toArray(),
    db.talks.filter((t) => Boolean(t.deletedAt)).toArray(),
  ]);
  const counts = new Map<string, TagCount>();
  const bump = (tag: string, field: 'notes' | 'talks', by: number) => {
    const row = counts.get(tag) ?? { tag, notes: 0, talks: 0 };
    row[field] += by;
    counts.set(tag, row);
  };
  for (const k of noteKeys) bump(String(k), 'notes', 1);
  for (const k of talkKeys) bump(String(k), 'talks', 1);
  for (const n of trashedNotes) for (const t of n.tags) bump(t, 'notes', -1);
  for (const t of talks) for (const tag of t.tags) bump(tag, 'talks', -1);
  return [...counts.values()]
    .filter((c) => c.notes > 0 || c.talks > 0)
    .sort((a, b) => b.notes + b.talks - (a.notes + a.talks) || a.tag.localeCompare(b.tag));
}

/** Renames tag `from` to `to` everywhere; when `to` is already in use the two are merged. */
export async function renameTag(fromRaw: string, toRaw: string): Promise<TagChange> {
  const from = normalizeTag(fromRaw);
  const to = normalizeTag(toRaw);
  if (!from) throw new TagAdminError('Choose a tag to rename.');
  if (!to) throw new TagAdminError('A tag needs at least one letter.');
  if (from === to) return { action: 'rename', from, to, before: { notes: [], talks: [] }, wrote: {} };
  const db = getDb();
  return db.transaction('rw', db.notes, db.talks, async () => {
    const exists =
      (await db.notes.where('tags').equals(to).count()) + (await db.talks.where('tags').equals(to).count()) >
      0;
    const swap = (tags: string[]) => mergeTags(tags.map((t) => (t === from ? to : t)));
    const change = await rewrite(
      from,
      (n) => ({ body: rewriteHashtags(n.body, from, to), tags: swap(n.tags) }),
      swap,
    );
    return { ...change, action: exists ? 'merge' : 'rename', to };
  });
}

/** Removes a tag from every note and talk (`#tag` in bodies becomes the plain word). */
export async function deleteTag(tagRaw: string): Promise<TagChange> {
  const tag = normalizeTag(tagRaw);
  if (!tag) throw new TagAdminError('Choose a tag to delete.');
  const db = getDb();
  return db.transaction('rw', db.notes, db.talks, async () => {
    const drop = (tags: string[]) => tags.filter((t) => t !== tag);
    const change = await rewrite(
      tag,
      (n) => ({ body: rewriteHashtags(n.body, tag, null), tags: drop(n.tags) }),
      drop,
    );
    return { ...change, action: 'delete' };
  });
}

/** Applies a tag edit to every note and talk carrying `from` (inside the caller's transaction). */
async function rewrite(
  from: string,
  editNote: (n: NoteRecord) => Pick<NoteRecord, 'body' | 'tags'>,
  editTags: (tags: string[]) => string[],
): Promise<Omit<TagChange, 'action'>> {
  const db = getDb();
  const now = Date.now();
  const wrote: Record<string, number> = {};
  const stamp = (id: string, updatedAt: number) => {
    const next = nextStamp({ updatedAt }, now);
    wrote[id] = next;
    return next;
  };
  const notes = await db.notes.where('tags').equals(from).toArray();
  const talks = await db.talks.where('tags').equals(from).toArray();
  await putRecords(
    db.notes,
    notes.map((n) => ({ ...n, ...editNote(n), updatedAt: stamp(n.id, n.updatedAt) })),
  );
  await putRecords(
    db.talks,
    talks.map((t) => ({
      ...t,
      tags: editTags(t.tags),
      editedFields: [...new Set([...(t.editedFields ?? []), 'tags'])],
      updatedAt: stamp(`talk:${t.id}`, t.updatedAt),
    })),
  );
  return { from, before: { notes, talks }, wrote };
}

/**
 * Puts back what a tag change rewrote, in one transaction. Records edited since the change are
 * left as they are; their number is returned as `skipped`.
 */
export async function undoTagChange(change: TagChange): Promise<{ restored: number; skipped: number }> {
  const db = getDb();
  return db.transaction('rw', db.notes, db.talks, async () => {
    const now = Date.now();
    let skipped = 0;
    const back = <T extends { id: string; updatedAt: number }>(
      current: (T | undefined)[],
      before: T[],
      key: (id: string) => string,
    ) =>
      before.flatMap((old, i) => {
        const cur = current[i];
        if (!cur || cur.updatedAt !== change.wrote[key(old.id)]) {
          skipped++;
          return [];
        }
        return [{ ...old, updatedAt: nextStamp(cur, now) }];
      });
    const notes = back(
      await db.notes.bulkGet(change.before.notes.map((n) => n.id)),
      change.before.notes,
      (id) => id,
    );
    const talks = back(
      await db.talks.bulkGet(change.before.talks.map((t) => t.id)),
      change.before.talks,
      (id) => `talk:${id}`,
    );
    await putRecords(db.notes, notes);
    await putRecords(db.talks, talks);
    return { restored: notes.length + talks.length, skipped };
  });
}
