/**
 * The library's filters, as one plain object shared by the Dexie queries (storage/library.ts) and
 * the search worker (which checks them against stored fields). Everything combines with AND.
 */
import type { NoteKind } from '../types';

export interface LibraryFilter {
  /** Notes carrying every one of these (normalised) tags. */
  tags?: string[];
  kind?: NoteKind;
  /** Notes on talks of this event. */
  eventId?: string;
  /** Notes on any of these talks (a talk, or a day of an event). */
  talkIds?: string[];
  /** Notes written on this page. */
  url?: string;
  /** Only notes on no talk (pages). */
  untalked?: boolean;
  /** Written at or after (epoch ms). */
  from?: number;
  /** Written before (epoch ms, exclusive). */
  to?: number;
  hasThumbnail?: boolean;
}

/** What the worker stores per document, enough to apply a {@link LibraryFilter} without the database. */
export interface StoredDoc {
  type: 'note' | 'talk';
  kind?: NoteKind;
  tagList?: string[];
  talkId?: string;
  eventId?: string;
  url?: string;
  createdAt?: number;
  thumb?: boolean;
}

/** True when no filter narrows anything. */
export function isEmptyFilter(f: LibraryFilter): boolean {
  return (
    !f.tags?.length &&
    !f.kind &&
    !f.eventId &&
    !f.talkIds &&
    !f.url &&
    !f.untalked &&
    f.from === undefined &&
    f.to === undefined &&
    !f.hasThumbnail
  );
}

/** True when a filter only makes sense for notes (a talk cannot match it). */
export function notesOnly(f: LibraryFilter): boolean {
  return Boolean(
    f.kind || f.url || f.untalked || f.hasThumbnail || f.from !== undefined || f.to !== undefined,
  );
}

/** Whether a stored document passes the filter. */
export function matchesFilter(doc: StoredDoc, f: LibraryFilter): boolean {
  if (doc.type === 'talk') {
    if (notesOnly(f)) return false;
    if (f.talkIds && !(doc.talkId && f.talkIds.includes(doc.talkId))) return false;
  } else {
    if (f.kind && doc.kind !== f.kind) return false;
    if (f.talkIds && !(doc.talkId && f.talkIds.includes(doc.talkId))) return false;
    if (f.url && doc.url !== f.url) return false;
    if (f.untalked && doc.talkId) return false;
    if (f.from !== undefined && !((doc.createdAt ?? 0) >= f.from)) return false;
    if (f.to !== undefined && !((doc.createdAt ?? 0) < f.to)) return false;
    if (f.hasThumbnail && !doc.thumb) return false;
  }
  if (f.eventId && doc.eventId !== f.eventId) return false;
  if (f.tags?.length) {
    const have = doc.tagList ?? [];
    if (!f.tags.every((t) => have.includes(t))) return false;
  }
  return true;
}
