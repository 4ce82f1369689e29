/**
 * Live data for a windowed list: the rows in view are read a page at a time, each page a Dexie live
 * query (so an edit from any context shows at once); pages out of view are let go.
 */
import Dexie, { liveQuery, type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export const PAGE_SIZE = 50;

/** A row getter; `page(p)` is page `p` as last read, undefined until it is. */
export type LiveRows<T> = ((index: number) => T | undefined) & { page(p: number): T[] | undefined };

/** Returns a row getter for the rows `start..end` of the list `key` (re-read when `key` changes). */
export function useLivePages<T>(
  key: unknown,
  load: (offset: number, limit: number) => Promise<T[]>,
  start: number,
  end: number,
): LiveRows<T> {
  const [state, setState] = useState<{ key: unknown; pages: Map<number, T[]> }>({ key, pages: new Map() });
  const first = Math.floor(start / PAGE_SIZE);
  const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE);

  useEffect(() => {
    const subs: { unsubscribe(): void }[] = [];
    for (let p = first; p <= last; p++) {
      subs.push(
        liveQuery(() => load(p * PAGE_SIZE, PAGE_SIZE)).subscribe({
          next: (rows) =>
            setState((s) => {
              const pages = new Map(s.key === key ? s.pages : []);
              for (const k of pages.keys()) if (k < first - 1 || k > last + 1) pages.delete(k);
              pages.set(p, rows);
              return { key, pages };
            }),
          error: () => undefined,
        }),
      );
    }
    return () => {
      for (const s of subs) s.unsubscribe();
    };
  }, [key, first, last]);

  const page = (p: number) => (state.key === key ? state.pages.get(p) : undefined);
  return Object.assign((index: number) => page(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], { page });
}

/**
 * A query that is not worth re-running on every save (a count that walks the whole store holds up
 * every other reader of the database meanwhile): read now, then again `delayMs` after the last
 * change to `table`, from any context. Undefined until the first answer.
 */
export function useQuietQuery<T>(
  query: () => Promise<T>,
  table: string,
  deps: readonly unknown[],
  delayMs = 500,
): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () =>
      void query().then(
        (v) => live && setValue(() => v),
        () => undefined,
      );
    const onChange = (parts: ObservabilitySet) => {
      if (!Object.keys(parts).some((part) => part.endsWith(`/${table}/`) || part === 'all')) return;
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    };
    run();
    Dexie.on('storagemutated', onChange);
    return () => {
      live = false;
      clearTimeout(timer);
      Dexie.on.storagemutated.unsubscribe(onChange);
    };
  }, deps);
  return value;
}
