/**
 * From a record's merge state to the record storage holds: field values, the merged body, the tag
 * list, and the trash and purge rules (an edit the trashing device had not seen keeps the record).
 */
import type { Hlc } from '../hlc';
import type { Seen } from '../ops';
import { NOT_EDITS, RESTORED, TAG_FIELDS, TEXT_FIELDS } from '../schema';
import { ancestry, headsOf, resolveBody } from './body';
import type { RecordState, TagDots, Version } from './state';

export interface MergeOptions {
  /**
   * The normalised `#tags` written in a note body (storage's `parseTags`). When given, a merged
   * note's tags also hold its body's tags, as storage's notes always do. Every device must pass the
   * same function (it is part of the merge).
   */
  bodyTags?: (body: string) => readonly string[];
}

/** The dots of a tag that are not removed. */
export function presentDots(dots: TagDots): Hlc[] {
  const rem = new Set(dots.rem);
  return dots.add.filter((d) => !rem.has(d));
}

/**
 * The tags of a tag set: every tag with a dot not removed, in the order of its earliest such dot
 * (then by name), followed by the body's tags not among them, in body order.
 */
export function tagList(
  tags: Readonly<Record<string, TagDots>> | undefined,
  body?: string,
  options: MergeOptions = {},
): string[] {
  const present: [string, Hlc][] = [];
  for (const [tag, dots] of Object.entries(tags ?? {})) {
    const first = presentDots(dots)[0];
    if (first !== undefined) present.push([tag, first]);
  }
  present.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = present.map(([tag]) => tag);
  if (body !== undefined && options.bodyTags) {
    for (const tag of options.bodyTags(body)) if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/** What a device has of a record: the stamps of its fields, its body heads, its present tag dots. */
export function seenOf(rec: RecordState): Seen {
  const fields: Record<string, Hlc> = {};
  for (const [f, reg] of Object.entries(rec.fields)) fields[f] = reg.hlc;
  const seen: Seen = { fields };
  const heads = Object.values(rec.text ?? {}).flatMap((versions) => headsOf(versions));
  if (heads.length) seen.heads = heads.sort();
  const dots = Object.values(rec.sets ?? {}).flatMap((tags) => Object.values(tags).flatMap(presentDots));
  if (dots.length) seen.tags = dots.sort();
  return seen;
}

/**
 * Whether the record holds an edit that `seen` does not cover and that shows in the merged record:
 * a field value (other than bookkeeping) stamped later than the one seen, a body version that is
 * not among or below the seen heads, a tag added or removed since. With `restores`, a restore of
 * the record (`deletedAt` removed) later than the one seen counts too.
 */
export function unseenEdit(rec: RecordState, seen: Seen, restores = false): boolean {
  for (const [f, reg] of Object.entries(rec.fields)) {
    if (NOT_EDITS.has(f)) continue;
    if (reg.hlc > (seen.fields[f] ?? '')) return true;
  }
  if (restores) {
    const del = rec.fields.deletedAt;
    if (del && del.value === undefined && del.hlc > (seen.fields.deletedAt ?? '')) return true;
  }
  for (const versions of Object.values(rec.text ?? {})) {
    const covered = ancestry(versions, seen.heads ?? []);
    for (const id of Object.keys(versions)) if (!covered.has(id)) return true;
  }
  const seenDots = new Set(seen.tags ?? []);
  const present = new Set(
    Object.values(rec.sets ?? {}).flatMap((tags) => Object.values(tags).flatMap(presentDots)),
  );
  for (const d of present) if (!seenDots.has(d)) return true;
  for (const d of seenDots) if (!present.has(d)) return true;
  return false;
}

/** Whether a purge that had seen `seen` covers everything the record holds. */
export function covers(rec: RecordState, seen: Seen): boolean {
  return !unseenEdit(rec, seen, true);
}

/** Whether one of the record's purges covers everything it holds (then the record is gone). */
export function purged(rec: RecordState): boolean {
  return Object.values(rec.purges ?? {}).some((seen) => covers(rec, seen));
}

/**
 * The record storage should hold for this merge state, or undefined when it should hold none (the
 * record is purged, or not yet created here: no `createdAt` has arrived).
 *
 * - every field with a value, by last-writer-wins;
 * - the text field (notes' `body`) merged from its versions;
 * - the tag field (notes' and talks' `tags`) from the add-wins set (and, for notes, the body's tags);
 * - `deletedAt` as last written, unless the trash missed an edit made elsewhere: then the record is
 *   live and carries `restoredBySync: true` (a trash written without `seen` is plain last-writer-wins).
 */
export function recordView(
  rec: RecordState,
  table: string,
  key: string,
  options: MergeOptions = {},
): Record<string, unknown> | undefined {
  if (!rec.fields.createdAt || rec.fields.createdAt.value === undefined) return undefined;
  if (purged(rec)) return undefined;
  const out: Record<string, unknown> = { id: key };
  for (const [f, reg] of Object.entries(rec.fields)) if (reg.value !== undefined) out[f] = reg.value;
  const textField = TEXT_FIELDS[table];
  for (const [f, versions] of Object.entries(rec.text ?? {})) out[f] = resolveBody(versions).body;
  if (textField && typeof out[textField] !== 'string') out[textField] = '';
  const tagField = TAG_FIELDS[table];
  for (const [f, tags] of Object.entries(rec.sets ?? {})) {
    out[f] = tagList(tags, f === tagField && textField ? (out[textField] as string) : undefined, options);
  }
  if (tagField && !Array.isArray(out[tagField])) {
    out[tagField] = tagList(undefined, textField ? (out[textField] as string) : undefined, options);
  }
  const del = rec.fields.deletedAt;
  if (del?.value !== undefined && del.seen && unseenEdit(rec, del.seen)) {
    delete out.deletedAt;
    out[RESTORED] = true;
  }
  // Fields in name order: the same record is the same JSON on every device.
  const sorted: Record<string, unknown> = {};
  for (const f of Object.keys(out).sort()) sorted[f] = out[f];
  return sorted;
}

/**
 * A record purged and then created again under the same id (a backup restored after a delete for
 * good) is read without what the purge covered. A device that has collected the tombstone no
 * longer holds that past at all, so every device must leave it out, or the old body would merge
 * with the new one (and make a conflict copy) only where the tombstone is still kept.
 *
 * "Created again" means `createdAt` written after the purge, while no body version continues the
 * purged one: a version written from a covered version is an edit made before the purge was seen,
 * which brings the record back whole (view.ts: {@link purged}). Pure: every device holding the same
 * operations reads the same record.
 */
export function withoutPurgedPast(rec: RecordState): RecordState {
  return splitAtPurge(rec)?.present ?? rec;
}

/**
 * A record created again after a purge: what it is read as ({@link withoutPurgedPast}) and the body
 * versions that purge covered (text field → versions); undefined when it is read whole. A device
 * that collected the tombstone kept the conflict copies of that past (tombstones.ts `dropRecords`),
 * so `copies.ts` derives them from it.
 */
export function splitAtPurge(
  rec: RecordState,
): { present: RecordState; past: Record<string, Record<Hlc, Version>> } | undefined {
  const created = rec.fields.createdAt;
  if (!rec.purges || !created) return undefined;
  for (const stamp of Object.keys(rec.purges).sort().reverse()) {
    if (created.hlc <= stamp) continue;
    const seen = rec.purges[stamp]!;
    const text: Record<string, Record<Hlc, Version>> = {};
    const past: Record<string, Record<Hlc, Version>> = {};
    let continuesPast = false;
    for (const [field, versions] of Object.entries(rec.text ?? {})) {
      const covered = ancestry(versions, seen.heads ?? []);
      const kept: Record<Hlc, Version> = {};
      const gone: Record<Hlc, Version> = {};
      for (const [id, v] of Object.entries(versions)) {
        if (covered.has(id)) {
          gone[id] = v;
          continue;
        }
        if (v.parents.some((q) => covered.has(q))) continuesPast = true;
        kept[id] = v;
      }
      text[field] = kept;
      past[field] = gone;
    }
    if (continuesPast) return undefined;
    const out: RecordState = { fields: {} };
    for (const [f, reg] of Object.entries(rec.fields)) {
      if (reg.hlc > (seen.fields[f] ?? '')) out.fields[f] = reg;
    }
    if (rec.text) out.text = text;
    if (rec.sets) {
      const seenDots = new Set(seen.tags ?? []);
      const sets: Record<string, Record<string, TagDots>> = {};
      for (const [field, tags] of Object.entries(rec.sets)) {
        sets[field] = {};
        for (const [tag, dots] of Object.entries(tags)) {
          const add = dots.add.filter((d) => !seenDots.has(d));
          if (add.length) sets[field][tag] = { add, rem: dots.rem };
        }
      }
      out.sets = sets;
    }
    return { present: out, past };
  }
  return undefined;
}
