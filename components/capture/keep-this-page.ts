/**
 * Keeps "This page"'s first notes for the next panel opened on the same page
 * (storage/this-page-first.ts): read once the view has been on screen a moment, and again after
 * every change to notes or talks (debounced), as the library keeps its first page. The page carries
 * the time its read started, so a write stamped after that makes it stale.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PageCapture } from '../../capture/types';
import { keepAfterChanges } from '../../storage/first-page-stale';
import {
  keepsFirstNotes,
  saveThisPageFirst,
  THIS_PAGE_FIRST_ROWS,
  thisPageKey,
  thisPageRow,
} from '../../storage/this-page-first';
import type { NoteRecord } from '../../storage/types';

/** Keeps the first notes `read` answers for `capture`'s page (not for a deck or a talk page: keepsFirstNotes). */
export function useKeepThisPage(
  capture: PageCapture | null | undefined,
  read: (capture: PageCapture) => Promise<NoteRecord[]>,
): void {
  const reader = useRef(read);
  reader.current = read;
  const key = capture && keepsFirstNotes(capture) ? thisPageKey(capture) : null;
  const kept = useRef(capture);
  kept.current = capture;
  useEffect(() => {
    const page = kept.current;
    if (!key || !page) return;
    let alive = true;
    const keep = async () => {
      const at = Date.now(); // before the read: a write stamped after this makes the page stale
      const notes = await reader.current(page).catch(() => null);
      if (!alive || !notes) return;
      await saveThisPageFirst({
        key,
        at,
        count: notes.length,
        rows: notes.slice(0, THIS_PAGE_FIRST_ROWS).map(thisPageRow),
      });
    };
    const stop = keepAfterChanges(() => void keep());
    return () => {
      alive = false;
      stop();
    };
  }, [key]);
}
