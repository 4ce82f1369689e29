/**
 * The side panel's persisted first page on screen (storage/first-page.ts): the rows the list showed
 * last time, painted with the panel's first bundle — before the database and the library's code are
 * loaded — and replaced by the live list as soon as that is painted (LIST_LIVE_EVENT). No database
 * here, so this stays in the first bundle.
 */

import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { FirstPage, FirstRow } from '../../storage/first-page';
import type { NoteRecord } from '../../storage/types';
import { LIST_LIVE_EVENT, listIsLive, markListPainted } from './LibraryList';
import { NoteRow, ROW_HEIGHT } from './LibraryRow';

/** The first page's key for the list a panel opened with these search params, or null when none is kept. */
export function firstPageKey(search: string): string | null {
  const params = new URLSearchParams(search);
  return params.get('view') === 'library' && params.get('scope') === 'all' ? 'library:all' : null;
}

/** A row's note as the list's row component takes it (only what a row shows). */
function asNote(r: FirstRow): NoteRecord {
  const note: NoteRecord = {
    id: r.id,
    body: r.body,
    kind: r.kind,
    tags: r.tags,
    createdAt: r.createdAt,
    updatedAt: r.createdAt,
    url: r.where,
    pageTitle: r.where,
  };
  if (r.visibility) note.visibility = r.visibility;
  if (r.thumbnail) note.thumbnailId = 'first-page';
  return note;
}

/** The kept rows, laid out as the live list lays them out; read-only until the live list replaces them. */
export function FirstPageList({ page }: { page: FirstPage }) {
  // In the commit that puts the rows in the DOM, as the floor marks right after appending its rows.
  useLayoutEffect(() => markListPainted('first-page'), []);
  return (
    <div aria-busy="true" data-testid="first-page">
      {page.count !== undefined && (
        <p class="mb-1 text-xs text-muted">
          {page.count.toLocaleString()} {page.count === 1 ? 'note' : 'notes'}
        </p>
      )}
      <div class="relative" style={{ height: `${page.rows.length * ROW_HEIGHT}px` }}>
        {page.rows.map((r, i) => (
          <div
            key={r.id}
            class="absolute inset-x-0 overflow-hidden rounded-md border border-transparent px-2 py-1.5"
            style={{ top: `${i * ROW_HEIGHT}px`, height: `${ROW_HEIGHT - 4}px` }}
          >
            <NoteRow note={asNote(r)} />
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * The kept first page (when there is one) until the live list in `children` has its rows: the live
 * list starts (its code, the database) once the kept rows are painted, hidden until it is live.
 */
export function WithFirstPage({ page, children }: { page: FirstPage | null; children: ComponentChildren }) {
  const [live, setLive] = useState(!page);
  const [started, setStarted] = useState(!page);
  useEffect(() => {
    if (live) return;
    const onLive = () => setLive(true);
    if (listIsLive()) onLive();
    window.addEventListener(LIST_LIVE_EVENT, onLive);
    return () => window.removeEventListener(LIST_LIVE_EVENT, onLive);
  }, [live]);
  useEffect(() => {
    if (started) return;
    const frame = requestAnimationFrame(() => setTimeout(() => setStarted(true), 0));
    return () => cancelAnimationFrame(frame);
  }, [started]);
  return (
    <>
      {page && !live && <FirstPageList page={page} />}
      {started && <div hidden={!live}>{children}</div>}
    </>
  );
}
