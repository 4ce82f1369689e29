/**
 * The page side of search: starts the worker on first use, sends queries, hands back answers, and
 * lets the worker go after a while without queries (its index is saved first, so it comes back fast).
 * The panel's own heap never holds the index.
 */
import type { LibraryFilter } from './filter';
import type { SearchReply, WorkerMessage, WorkerRequest } from './protocol';
import type { IndexStatus } from './service';

type Spawn = () => Worker;

const spawnWorker: Spawn = () =>
  new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'talkmarks-search' });

/** How long an unused index stays in memory. */
const IDLE_MS = 10 * 60_000;

export class SearchClient {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly waiting = new Map<number, (message: WorkerMessage) => void>();
  private readonly listeners = new Set<(status: IndexStatus) => void>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  status: IndexStatus = { state: 'starting', indexed: 0 };

  constructor(
    private readonly spawn: Spawn = spawnWorker,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Starts the worker (and so loads or builds the index) ahead of the first query. */
  warm(): void {
    this.ensure();
  }

  /** Runs a query; resolves with the worker's answer. */
  search(query: string, filter: LibraryFilter = {}, limit = 500): Promise<SearchReply> {
    return this.request({ type: 'search', id: ++this.seq, query, filter, limit }).then((m) => {
      if (m.type !== 'result') throw new Error('unexpected answer from the search worker');
      return { answer: m.answer, ms: m.ms, status: m.status };
    });
  }

  /** Follows the index's state (loading, indexing n left, ready); returns the unsubscribe function. */
  onStatus(listener: (status: IndexStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves the index and stops the worker. */
  async release(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    if (!worker) return;
    await Promise.race([
      this.request({ type: 'persist', id: ++this.seq }),
      new Promise((r) => setTimeout(r, 5000)),
    ]);
    worker.terminate();
    if (this.worker === worker) this.worker = undefined;
    for (const resolve of this.waiting.values()) resolve({ type: 'done', id: -1 });
    this.waiting.clear();
    this.status = { state: 'starting', indexed: 0 };
  }

  private request(message: WorkerRequest): Promise<WorkerMessage> {
    const worker = this.ensure();
    return new Promise((resolve) => {
      this.waiting.set(message.id, resolve);
      worker.postMessage(message);
    });
  }

  private ensure(): Worker {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.release(), this.idleMs);
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'status') {
        this.status = message.status;
        for (const listener of this.listeners) listener(message.status);
        return;
      }
      const resolve = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      resolve?.(message);
    };
    worker.onerror = (event) => {
      this.status = { state: 'error', indexed: 0, message: event.message || 'The search worker failed.' };
      for (const listener of this.listeners) listener(this.status);
    };
    this.worker = worker;
    return worker;
  }
}

let shared: SearchClient | undefined;

/** The search client of this page. */
export function searchClient(): SearchClient {
  shared ??= new SearchClient();
  return shared;
}
