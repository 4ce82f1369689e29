/**
 * The search worker: holds the index off the panel's main thread (its 50k-note build takes seconds
 * and tens of megabytes), answers queries, and follows every commit through Dexie's change events.
 */
import { getDb } from '../db';
import { indexedDbStore } from './persist';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { SearchService } from './service';

const post = (message: WorkerMessage) => self.postMessage(message);

const service = new SearchService(getDb(), {
  store: indexedDbStore(),
  onStatus: (status) => post({ type: 'status', status }),
});
void service.start();

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'search') {
    const started = performance.now();
    const answer = service.search(request.query, request.filter, request.limit);
    const ms = performance.now() - started;
    post({ type: 'result', id: request.id, answer, ms, status: service.status });
  } else if (request.type === 'persist') {
    await service.persist().catch(() => undefined);
    post({ type: 'done', id: request.id });
  }
};
