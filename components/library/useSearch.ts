/**
 * Preact hook: search answers for a query and filters, from the search worker. Answers follow the
 * index: while it is being built they grow, and after any save they are asked again.
 */
import { useEffect, useState } from 'preact/hooks';
import { searchClient } from '../../storage/search/client';
import { EMPTY_ANSWER, type SearchAnswer } from '../../storage/search/engine';
import type { LibraryFilter } from '../../storage/search/filter';
import type { IndexStatus } from '../../storage/search/service';

export interface SearchState {
  answer: SearchAnswer;
  /** The query the answer is for ('' when none has come back yet). */
  query: string;
  /** Milliseconds the last query took in the worker. */
  ms?: number;
  error?: string;
  index: IndexStatus;
}

/** Starts the search worker soon after the page has painted (so the first query finds it ready). */
export function useWarmSearch(delayMs = 800): void {
  useEffect(() => {
    const t = setTimeout(() => searchClient().warm(), delayMs);
    return () => clearTimeout(t);
  }, []);
}

export function useSearch(query: string, filter: LibraryFilter): SearchState {
  const client = searchClient();
  const [index, setIndex] = useState<IndexStatus>(client.status);
  const [state, setState] = useState<Omit<SearchState, 'index'>>({ answer: EMPTY_ANSWER, query: '' });
  const filterKey = JSON.stringify(filter);

  useEffect(() => client.onStatus(setIndex), [client]);

  useEffect(() => {
    if (!query.trim()) {
      setState({ answer: EMPTY_ANSWER, query: '' });
      return;
    }
    let live = true;
    client.search(query, filter).then(
      (reply) => live && setState({ answer: reply.answer, query, ms: reply.ms }),
      (e: unknown) =>
        live && setState({ answer: EMPTY_ANSWER, query, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [query, filterKey, index.version, index.indexed]);

  return { ...state, index };
}
