/** The library's note lists: every note of a place (filtered), and search answers. Both windowed and live. */
import type { MutableRef } from 'preact/hooks';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { FIRST_PAGE_ROWS, firstRow, saveFirstPage } from '../../storage/first-page';
import { keepAfterChanges } from '../../storage/first-page-stale';
import {
  hitRows,
  isEmptyFilter,
  type LibraryFilter,
  liveNoteCount,
  noteRows,
  type LibraryRow as Row,
  resolveNotes,
} from '../../storage/library';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { LibraryList, type ListKeys, markListPainted } from './LibraryList';
import { PAGE_SIZE, useLivePages, useQuietQuery } from './LibraryPages';
import { LoadingRow, NoteRow, ROW_HEIGHT, TalkRow } from './LibraryRow';
import type { Scope } from './LibraryScope';
import { PickedBar, usePicked } from './PickedBar';
import { useSearch } from './useSearch';

export const LIST_ID = 'library-list';

export interface ListProps {
  label: string;
  active: number;
  onActive: (index: number) => void;
  onOpen: (scope: Scope) => void;
  onBack: () => void;
  /** The current list's keys, for the search box to drive. */
  listRef: MutableRef<ListKeys | null>;
  /** Changes when the list should take the focus (see LibraryList). */
  focusKey: number;
  notify: (t: ToastState) => void;
}

function openRow(row: Row | undefined, onOpen: (scope: Scope) => void): void {
  if (row?.note) onOpen({ level: 'note', noteId: row.note.id });
  else if (row?.talk) onOpen({ level: 'talk', talkId: row.talk.id, title: row.talk.title });
}

/** Every note of a place, newest first, narrowed by the filters. */
export function NoteList(props: ListProps & { filter: LibraryFilter }) {
  return isEmptyFilter(props.filter) ? <AllNotes {...props} /> : <FilteredNotes {...props} />;
}

/**
 * Every note. The visible pages subscribe before the count: after a save their query reaches the
 * database first (the count walks the whole store), so the new note shows within a frame.
 */
function AllNotes(p: ListProps) {
  const [range, setRange] = useState<[number, number]>([0, 30]);
  const row = useLivePages('all', (o, l) => noteRows({ total: 0 }, o, l), ...range);
  // The total walks the whole store: re-read it once saves settle, not before the new note shows.
  const total = useQuietQuery(liveNoteCount, 'notes', []);
  // A first page shorter than a page is the whole list, read live: its length is the count at once.
  // Waiting for the settled count, a short list lost its oldest row for half a second after a save.
  const firstPage = row.page(0);
  const whole = firstPage && firstPage.length < PAGE_SIZE ? firstPage.length : undefined;
  const count = whole ?? total;
  useKeepFirstPage('library:all', count);
  return (
    <NotesView
      {...p}
      count={count ?? (firstPage?.length ? PAGE_SIZE : 0)}
      row={row}
      ready={count !== undefined || Boolean(firstPage?.length)}
      empty="No notes yet. Write one on any page with the Talkmarks button (Alt+Shift+N unless you changed it); it shows up here, newest first."
      onRange={setRange}
    />
  );
}

/**
 * Keeps the first screen of "All notes" for the next panel to paint at once (storage/first-page.ts):
 * read once the list is on screen, and again after every change to notes or talks (debounced). The
 * page carries the time its read started, so a write stamped after that makes it stale.
 */
function useKeepFirstPage(key: string, count: number | undefined): void {
  const counted = useRef(count);
  counted.current = count;
  useEffect(() => {
    let alive = true;
    const keep = async () => {
      const at = Date.now();
      const rows = await noteRows({ total: 0 }, 0, FIRST_PAGE_ROWS).catch(() => null);
      if (!alive || !rows) return;
      await saveFirstPage({
        key,
        at,
        count: counted.current,
        rows: rows.flatMap((r) =>
          r.note ? [firstRow(r.note, r.talk?.title || r.note.pageTitle || r.note.url)] : [],
        ),
      });
    };
    const stop = keepAfterChanges(() => void keep());
    return () => {
      alive = false;
      stop();
    };
  }, [key]);
}

function FilteredNotes({ filter, ...p }: ListProps & { filter: LibraryFilter }) {
  const key = JSON.stringify(filter);
  const set = useLive(() => resolveNotes(filter, true), [key]);
  const [range, setRange] = useState<[number, number]>([0, 30]);
  const ready = set.status === 'ready' ? set.value : undefined;
  const row = useLivePages(ready, (o, l) => (ready ? noteRows(ready, o, l) : Promise.resolve([])), ...range);
  return (
    <NotesView
      {...p}
      count={ready?.total ?? 0}
      row={row}
      ready={Boolean(ready)}
      error={set.status === 'error' ? set.error : undefined}
      onRange={setRange}
    />
  );
}

interface ViewProps extends ListProps {
  count: number;
  row: (index: number) => Row | undefined;
  ready: boolean;
  error?: Error;
  onRange: (range: [number, number]) => void;
  /** What an empty list says. */
  empty?: string;
}

function NotesView({
  count,
  row,
  ready,
  error,
  onRange,
  empty = 'No notes here match these filters.',
  ...p
}: ViewProps) {
  const first = row(0);
  const picked = usePicked();
  useLayoutEffect(() => {
    // An error is "live" too: the persisted first page must not stay in its place.
    if (first || (ready && count === 0) || error) markListPainted();
  }, [first, ready, count, error]);

  p.listRef.current = {
    count,
    active: p.active,
    onActive: p.onActive,
    onOpen: (i) => openRow(row(i), p.onOpen),
    onBack: p.onBack,
  };

  if (error) {
    return (
      <p role="alert" class="text-sm text-danger">
        Notes could not be read: {error.message}
      </p>
    );
  }
  if (!ready) return <p class="text-sm text-muted">Loading notes…</p>;
  if (count === 0) return <p class="text-sm text-muted">{empty}</p>;
  return (
    <>
      <p class="mb-1 text-xs text-muted" data-testid="library-count">
        {count.toLocaleString()} {count === 1 ? 'note' : 'notes'}
      </p>
      <PickedBar ids={picked.ids} onClear={picked.clear} notify={p.notify} />
      <LibraryList
        picked={(i) => {
          const id = row(i)?.note?.id;
          return id === undefined ? undefined : picked.has(id);
        }}
        onPick={(i) => {
          const id = row(i)?.note?.id;
          if (id) picked.toggle(id);
        }}
        id={LIST_ID}
        label={p.label}
        count={count}
        rowHeight={ROW_HEIGHT}
        active={p.active}
        onActive={p.onActive}
        onOpen={(i) => openRow(row(i), p.onOpen)}
        onBack={p.onBack}
        focusKey={p.focusKey}
        onRange={(s, e) => onRange([s, e])}
        renderRow={(i) => {
          const r = row(i);
          return r?.note ? <NoteRow note={r.note} talk={r.talk} /> : <LoadingRow />;
        }}
      />
    </>
  );
}

function indexLine(state: ReturnType<typeof useSearch>['index']): string {
  if (state.state === 'error') return `Search is unavailable: ${state.message ?? 'the index failed'}.`;
  if (state.state === 'indexing') return ` · indexing, ${(state.pending ?? 0).toLocaleString()} notes to go`;
  if (state.state === 'loading' || state.state === 'starting') return ' · preparing the index…';
  return '';
}

/** Search answers (notes and talks), best first, narrowed by the place and the filters. */
export function SearchList({
  query,
  filter,
  onStatus,
  ...p
}: ListProps & { query: string; filter: LibraryFilter; onStatus: (text: string) => void }) {
  const search = useSearch(query, filter);
  const { answer } = search;
  const [range, setRange] = useState<[number, number]>([0, 30]);
  const row = useLivePages(answer, (o, l) => hitRows(answer.hits.slice(o, o + l)), ...range);
  const count = answer.hits.length;
  const picked = usePicked();

  const status = search.error
    ? `Search failed: ${search.error}`
    : search.query
      ? `${answer.total.toLocaleString()} ${answer.total === 1 ? 'result' : 'results'}${
          answer.total > count ? ` (best ${count.toLocaleString()} shown)` : ''
        }${indexLine(search.index)}`
      : `Searching…${indexLine(search.index)}`;
  useEffect(() => onStatus(status), [status]);
  useEffect(() => () => onStatus(''), []);

  p.listRef.current = {
    count,
    active: p.active,
    onActive: p.onActive,
    onOpen: (i) => openRow(row(i), p.onOpen),
    onBack: p.onBack,
  };

  if (search.query && count === 0) {
    return (
      <p class="text-sm text-muted">Nothing matches “{query.slice(0, 80)}”. Try fewer or shorter words.</p>
    );
  }
  return (
    <>
      {answer.loose && (
        <p class="mb-1 text-xs text-muted">No note has all the words; these have some of them.</p>
      )}
      <PickedBar ids={picked.ids} onClear={picked.clear} notify={p.notify} />
      <LibraryList
        picked={(i) => {
          const id = row(i)?.note?.id;
          return id === undefined ? undefined : picked.has(id);
        }}
        onPick={(i) => {
          const id = row(i)?.note?.id;
          if (id) picked.toggle(id);
        }}
        id={LIST_ID}
        label={`Search results for ${query.slice(0, 80)}`}
        count={count}
        rowHeight={ROW_HEIGHT}
        active={p.active}
        onActive={p.onActive}
        onOpen={(i) => openRow(row(i), p.onOpen)}
        onBack={p.onBack}
        focusKey={p.focusKey}
        onRange={(s, e) => setRange([s, e])}
        renderRow={(i) => {
          const r = row(i);
          const terms = new Set(r?.hit?.terms ?? []);
          if (r?.note) return <NoteRow note={r.note} talk={r.talk} terms={terms} />;
          if (r?.talk) return <TalkRow talk={r.talk} terms={terms} />;
          return <LoadingRow />;
        }}
      />
    </>
  );
}
