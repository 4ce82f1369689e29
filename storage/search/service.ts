/**
 * The search index kept in step with the database: loaded from its last snapshot (or built from
 * nothing), reconciled with what changed since, then updated on every commit from any context.
 * Runs in the search worker; tests drive it directly in Node.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type MiniSearch from 'minisearch';
import type { TalkmarksDB } from '../db';
import type { NoteRecord, TalkRecord } from '../types';
import { type ChangedKeys, changedKeys } from './changes';
import {
  createIndex,
  INDEX_FORMAT,
  loadIndex,
  noteDoc,
  type SearchAnswer,
  type SearchDoc,
  searchIndex,
  type TalkInfo,
  talkDoc,
  talkDocId,
  talkInfo,
} from './engine';
import { prepareIndex } from './execute';
import type { LibraryFilter } from './filter';

export interface IndexStatus {
  state: 'starting' | 'loading' | 'indexing' | 'ready' | 'error';
  /** Documents in the index now. */
  indexed: number;
  /** Grows with every change applied: answers older than this may be stale. */
  version?: number;
  /** While indexing: how many records are left to read. */
  pending?: number;
  message?: string;
}

/** A saved index with the versions (updatedAt) of what it holds. */
export interface Snapshot {
  format: number;
  json: string;
  versions: [string, number][];
  talks: [string, TalkInfo][];
  savedAt: number;
  /** Newest updatedAt among the saved notes: on load, notes changed from then on are re-read first. */
  watermark?: number;
}

export interface SnapshotStore {
  load(): Promise<Snapshot | undefined>;
  save(snapshot: Snapshot): Promise<void>;
}

export interface ServiceOptions {
  store?: SnapshotStore;
  onStatus?: (status: IndexStatus) => void;
  /** Records read and indexed per step; between steps queries get answered. */
  chunk?: number;
  /** Quiet time after the last change before the snapshot is saved again (ms). */
  persistAfterMs?: number;
}

const pause = () => new Promise<void>((r) => setTimeout(r, 0));
const sameInfo = (a?: TalkInfo, b?: TalkInfo) =>
  a?.title === b?.title && a?.speakers === b?.speakers && a?.eventId === b?.eventId;

export class SearchService {
  private index: MiniSearch<SearchDoc> = createIndex();
  /** Document id → updatedAt of the record it was built from. */
  private versions = new Map<string, number>();
  private talks = new Map<string, TalkInfo>();
  private queue: ChangedKeys = { notes: new Set(), talks: new Set() };
  private running: Promise<void> | null = null;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private stopped = false;
  private version = 0;
  /** Changes wait in the queue until the snapshot is loaded. */
  private loaded = false;
  private readonly chunk: number;
  status: IndexStatus = { state: 'starting', indexed: 0 };

  constructor(
    private readonly db: TalkmarksDB,
    private readonly options: ServiceOptions = {},
  ) {
    this.chunk = options.chunk ?? 1000;
  }

  private readonly onMutated = (parts: ObservabilitySet) => {
    const changed = changedKeys(parts, this.db.name);
    this.enqueue(changed);
  };

  /** Loads or builds the index and starts following changes. Resolves when it is up to date. */
  async start(): Promise<void> {
    Dexie.on('storagemutated', this.onMutated); // first, so nothing committed meanwhile is missed
    this.queue = { notes: 'all', talks: 'all' };
    try {
      const watermark = await this.loadSnapshot();
      if (watermark !== undefined) {
        // Ready fast: what changed since the snapshot first, then a full check in the background
        // (a note deleted for good, or written with an older clock, while no index ran).
        const recent = await this.db.notes.where('updatedAt').aboveOrEqual(watermark).primaryKeys();
        this.queue = { notes: new Set(recent), talks: 'all' };
      }
      this.loaded = true;
      await this.drain();
      if (watermark !== undefined) this.enqueue({ notes: 'all', talks: new Set() });
    } catch (e) {
      this.setStatus({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Stops following changes (the index stays queryable). */
  stop(): void {
    this.stopped = true;
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
    clearTimeout(this.persistTimer);
  }

  /** Answers a query from what is indexed now. */
  search(query: string, filter: LibraryFilter = {}, limit = 500): SearchAnswer {
    return searchIndex(this.index, query, filter, limit);
  }

  /** Resolves once every change seen so far is in the index. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Saves the index now when it changed since the last save. */
  async persist(): Promise<void> {
    clearTimeout(this.persistTimer);
    if (!this.dirty || !this.options.store) return;
    await this.settled();
    this.dirty = false;
    await this.options.store.save({
      format: INDEX_FORMAT,
      json: JSON.stringify(this.index),
      versions: [...this.versions],
      talks: [...this.talks],
      savedAt: Date.now(),
      watermark: this.watermark(),
    });
  }

  private watermark(): number {
    let max = 0;
    for (const [id, updatedAt] of this.versions) if (!id.startsWith('t:') && updatedAt > max) max = updatedAt;
    return max;
  }

  private enqueue(changed: ChangedKeys): void {
    const merge = (a: Set<string> | 'all', b: Set<string> | 'all') => {
      if (a === 'all' || b === 'all') return 'all' as const;
      for (const k of b) a.add(k);
      return a;
    };
    this.queue = {
      notes: merge(this.queue.notes, changed.notes),
      talks: merge(this.queue.talks, changed.talks),
    };
    if (
      this.queue.notes !== 'all' &&
      !this.queue.notes.size &&
      this.queue.talks !== 'all' &&
      !this.queue.talks.size
    )
      return;
    if (this.loaded) void this.drain();
  }

  private drain(): Promise<void> {
    this.running ??= (async () => {
      try {
        while (!this.stopped) {
          const { notes, talks } = this.queue;
          if (notes !== 'all' && !notes.size && talks !== 'all' && !talks.size) break;
          this.queue = { notes: new Set(), talks: new Set() };
          await this.apply(notes, talks);
        }
        prepareIndex(this.index);
        this.setStatus({ state: 'ready' });
      } catch (e) {
        this.setStatus({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Loads the saved index; returns its watermark, or undefined when there was none to load. */
  private async loadSnapshot(): Promise<number | undefined> {
    const store = this.options.store;
    if (!store) return undefined;
    this.setStatus({ state: 'loading' });
    const snap = await store.load().catch(() => undefined);
    if (!snap || snap.format !== INDEX_FORMAT) return undefined;
    try {
      this.index = loadIndex(snap.json);
      this.versions = new Map(snap.versions);
      this.talks = new Map(snap.talks);
      return snap.watermark ?? 0;
    } catch {
      this.index = createIndex(); // a damaged snapshot is rebuilt, never fatal
      this.versions = new Map();
      this.talks = new Map();
      return undefined;
    }
  }

  /** Brings the given notes and talks (or all of them) in line with the database. */
  private async apply(notes: Set<string> | 'all', talks: Set<string> | 'all'): Promise<void> {
    const retalked = await this.applyTalks(talks);
    let ids: string[];
    if (notes === 'all') {
      ids = await this.staleNotes();
    } else {
      ids = [...notes];
    }
    if (retalked.length) {
      const more = await this.db.notes.where('talkId').anyOf(retalked).primaryKeys();
      ids = [...new Set([...ids, ...more])];
    }
    const force = new Set(retalked);
    ids.sort();
    for (let i = 0; i < ids.length; i += this.chunk) {
      if (ids.length > this.chunk) this.setStatus({ state: 'indexing', pending: ids.length - i });
      const slice = ids.slice(i, i + this.chunk);
      const records = await this.db.notes.bulkGet(slice);
      records.forEach((note, j) => {
        this.applyNote(slice[j]!, note, force);
      });
      if (ids.length > this.chunk) await pause(); // let queries in between
    }
  }

  /** Ids of live notes whose indexed version differs, after dropping notes that are gone. */
  private async staleNotes(): Promise<string[]> {
    const live = new Map<string, number>();
    await this.db.notes.orderBy('updatedAt').eachKey((updatedAt, cursor) => {
      live.set(String(cursor.primaryKey), Number(updatedAt));
    });
    for (const id of await this.db.notes.where('deletedAt').above(0).primaryKeys()) live.delete(id);
    for (const id of [...this.versions.keys()]) {
      if (!id.startsWith('t:') && !live.has(id)) this.remove(id);
    }
    const stale: string[] = [];
    for (const [id, updatedAt] of live) if (this.versions.get(id) !== updatedAt) stale.push(id);
    return stale;
  }

  private applyNote(id: string, note: NoteRecord | undefined, force: ReadonlySet<string>): void {
    if (!note || note.deletedAt) {
      this.remove(id);
      return;
    }
    const fresh = this.versions.get(id) === note.updatedAt && !(note.talkId && force.has(note.talkId));
    if (fresh && this.index.has(id)) return;
    this.put(noteDoc(note, note.talkId ? this.talks.get(note.talkId) : undefined), note.updatedAt);
  }

  /** Updates talk documents; returns the talks whose notes must be re-indexed (title, speakers or event changed). */
  private async applyTalks(talks: Set<string> | 'all'): Promise<string[]> {
    let records: (TalkRecord | undefined)[];
    let ids: string[];
    if (talks === 'all') {
      records = await this.db.talks.toArray();
      ids = records.map((t) => t!.id);
      const live = new Set(ids);
      for (const id of this.talks.keys()) {
        if (!live.has(id)) {
          ids.push(id);
          records.push(undefined);
        }
      }
    } else {
      ids = [...talks];
      if (!ids.length) return [];
      records = await this.db.talks.bulkGet(ids);
    }
    const retalked: string[] = [];
    records.forEach((talk, i) => {
      const id = ids[i]!;
      const before = this.talks.get(id);
      if (!talk || talk.deletedAt) {
        this.remove(talkDocId(id));
        if (this.talks.delete(id)) retalked.push(id);
        return;
      }
      const info = talkInfo(talk);
      this.talks.set(id, info);
      if (this.versions.get(talkDocId(id)) !== talk.updatedAt) this.put(talkDoc(talk), talk.updatedAt);
      if (!sameInfo(before, info)) retalked.push(id);
    });
    return retalked;
  }

  private put(doc: SearchDoc, updatedAt: number): void {
    if (this.index.has(doc.id)) this.index.replace(doc);
    else this.index.add(doc);
    this.versions.set(doc.id, updatedAt);
    this.touched();
  }

  private remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
    if (this.versions.delete(id)) this.touched();
  }

  private touched(): void {
    this.version++;
    this.dirty = true;
    if (!this.options.store) return;
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(
      () => void this.persist().catch(() => undefined),
      this.options.persistAfterMs ?? 15_000,
    );
  }

  private setStatus(next: Omit<IndexStatus, 'indexed'>): void {
    this.status = { ...next, indexed: this.index.documentCount, version: this.version };
    this.options.onStatus?.(this.status);
  }
}
