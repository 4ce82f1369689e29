/**
 * The library: browse events → days → talks → notes (and pages without a talk), filter, and search
 * as you type. `/` focuses the search, arrows move, Enter opens, Escape goes back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { openEarly } from '../../storage/db';
import { isEmptyFilter, type LibraryFilter } from '../../storage/library';
import { eventChoices } from '../../storage/library-tree';
import { knownTags } from '../../storage/notes';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { BrowseList } from './LibraryBrowse';
import { LibraryFilters } from './LibraryFilters';
import { LibraryHeader } from './LibraryHeader';
import { handleListKey, type ListKeys, optionId } from './LibraryList';
import { onLibraryRequest } from './LibraryNav';
import { LIST_ID, NoteList, SearchList } from './LibraryNotes';
import { LibraryNoteView } from './LibraryNoteView';
import { combine, isEventFixed, libraryView, type Scope, scopeLabel } from './LibraryScope';
import { SearchBox } from './SearchBox';
import { useWarmSearch } from './useSearch';

// Opening the (large) database takes a while: start as soon as this code is here, not at the first query.
openEarly();

interface Frame {
  scope: Scope;
  /** The active row when the user went deeper, restored on the way back. */
  active: number;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLTextAreaElement ||
  target instanceof HTMLSelectElement ||
  (target instanceof HTMLElement && target.isContentEditable);

/** `?scope=all` opens the library on every note (the benchmark's "list painted" page). */
function initialFrames(): Frame[] {
  const root: Frame = { scope: { level: 'root' }, active: 0 };
  const scope = new URLSearchParams(location.search).get('scope');
  return scope === 'all' ? [root, { scope: { level: 'all' }, active: 0 }] : [root];
}

export function Library({ notify }: { notify: (t: ToastState) => void }) {
  const [frames, setFrames] = useState<Frame[]>(initialFrames);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<LibraryFilter>({});
  const [active, setActive] = useState(0);
  const [showFilters, setShowFilters] = useState(false);
  const [searchStatus, setSearchStatus] = useState('');
  /** Bumped when the list should take the focus once its rows are there. */
  const [focusKey, setFocusKey] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const listRef = useRef<ListKeys | null>(null);
  useWarmSearch();

  const scope = frames.at(-1)!.scope;
  const focusList = () => setFocusKey((k) => k + 1);

  /** The latest `back` (the document listener below outlives renders). */
  const backRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (
        e.key === 'Escape' &&
        (e.target === document.body || e.target === document.documentElement)
      ) {
        // Focus went nowhere (the focused row was replaced): Escape still goes back.
        backRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(
    () =>
      onLibraryRequest((request) => {
        if (request.filter) {
          setFilter(request.filter);
          setShowFilters(true);
          setFrames([{ scope: { level: 'root' }, active: 0 }]);
          setActive(0);
        }
        if (request.focusSearch) requestAnimationFrame(() => search.current?.focus());
      }),
    [],
  );

  const open = (next: Scope) => {
    setFrames((f) => [...f.slice(0, -1), { scope: f.at(-1)!.scope, active }, { scope: next, active: 0 }]);
    setActive(0);
    if (next.level !== 'note') focusList();
  };

  const goTo = (depth: number) => {
    const target = frames[depth];
    if (!target) return;
    setFrames(frames.slice(0, depth + 1));
    setActive(target.active);
    focusList();
  };

  const back = () => {
    if (scope.level !== 'note' && query) {
      setQuery('');
      setActive(0);
      search.current?.focus();
    } else if (frames.length > 1) goTo(frames.length - 2);
  };

  backRef.current = back;

  const showTag = (tag: string) => {
    setFilter((f) => ({ ...f, tags: [...new Set([...(f.tags ?? []), tag])] }));
    setShowFilters(true);
    setFrames((f) => f.filter((x) => x.scope.level !== 'note'));
    setActive(0);
  };

  const merged = combine(scope, filter);
  const filtering = !isEmptyFilter(filter);
  const listProps = {
    label: scopeLabel(scope),
    active,
    onActive: setActive,
    onOpen: open,
    onBack: back,
    listRef,
    focusKey,
    notify,
  };
  const eventFixed = isEventFixed(scope);
  const activeFilters = Object.keys(filter).length;

  const view = libraryView(scope, query, filtering);
  let body = null;
  if (scope.level === 'note') {
    listRef.current = null;
    body = <LibraryNoteView id={scope.noteId} notify={notify} onOpen={open} onBack={back} onTag={showTag} />;
  } else if (view === 'search') {
    body = <SearchList {...listProps} query={query} filter={merged} onStatus={setSearchStatus} />;
  } else if (view === 'browse') {
    body = <BrowseList key={JSON.stringify(scope)} {...listProps} scope={scope} />;
  } else {
    body = <NoteList key={JSON.stringify(scope)} {...listProps} filter={merged} />;
  }

  return (
    <div class="flex flex-col gap-2">
      <SearchBox
        value={query}
        inputRef={search}
        listId={LIST_ID}
        activeId={scope.level !== 'note' && query.trim() ? optionId(LIST_ID, active) : undefined}
        status={query.trim() ? searchStatus : ''}
        onInput={(v) => {
          setQuery(v);
          setActive(0);
          if (scope.level === 'note') setFrames((f) => f.slice(0, -1));
        }}
        onKey={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            back();
          } else if (listRef.current) handleListKey(e, listRef.current);
        }}
      />
      <div class="flex items-center justify-between gap-2">
        <nav aria-label="Where you are in the library" class="min-w-0 flex-1">
          <ol class="flex min-w-0 flex-wrap items-center gap-1 text-xs">
            {frames.map((f, i) => (
              <li key={`${i}-${f.scope.level}`} class="flex min-w-0 items-center gap-1">
                {i > 0 && <span aria-hidden="true">›</span>}
                {i === frames.length - 1 ? (
                  <span aria-current="page" class="truncate font-semibold">
                    {scopeLabel(f.scope)}
                  </span>
                ) : (
                  <button type="button" class="truncate text-accent underline" onClick={() => goTo(i)}>
                    {scopeLabel(f.scope)}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <button
          type="button"
          class="btn shrink-0 py-1 text-xs"
          aria-expanded={showFilters}
          aria-controls="library-filters"
          onClick={() => setShowFilters(!showFilters)}
        >
          Filters{activeFilters ? ` (${activeFilters})` : ''}
        </button>
      </div>
      {showFilters && (
        <FiltersPanel
          filter={filter}
          eventFixed={eventFixed}
          onChange={(f) => {
            setFilter(f);
            setActive(0);
          }}
        />
      )}
      {scope.level !== 'note' && <LibraryHeader scope={scope} />}
      {body}
    </div>
  );
}

/** The filter form with what it offers (known tags, events), read only while it is open. */
function FiltersPanel(props: {
  filter: LibraryFilter;
  eventFixed: boolean;
  onChange: (f: LibraryFilter) => void;
}) {
  const tags = useLive(knownTags, []);
  const events = useLive(eventChoices, []);
  return (
    <div id="library-filters">
      <LibraryFilters
        filter={props.filter}
        onChange={props.onChange}
        knownTags={tags.status === 'ready' ? tags.value : []}
        events={events.status === 'ready' ? events.value : []}
        eventFixed={props.eventFixed}
      />
    </div>
  );
}
