/** Messages between extension pages and the search worker. */
import type { SearchAnswer } from './engine';
import type { LibraryFilter } from './filter';
import type { IndexStatus } from './service';

export type WorkerRequest =
  | { type: 'search'; id: number; query: string; filter: LibraryFilter; limit: number }
  /** Save the index now (before the worker is released). */
  | { type: 'persist'; id: number };

export interface SearchReply {
  answer: SearchAnswer;
  /** Time the query took inside the worker (ms). */
  ms: number;
  status: IndexStatus;
}

export type WorkerMessage =
  | ({ type: 'result'; id: number } & SearchReply)
  | { type: 'done'; id: number }
  | { type: 'status'; status: IndexStatus };
