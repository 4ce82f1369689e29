/** The side panel: notes on this page, and all notes. */
import { useEffect, useState } from 'preact/hooks';
import { startThisPage, takeThisPageStart } from '../../components/capture/ThisPageStart';
import { WithThisPageFirst } from '../../components/capture/this-page-first';
import { firstPageKey, WithFirstPage } from '../../components/library/first-page';
import { openLibrary } from '../../components/library/LibraryNav';
import { lazyView } from '../../components/shared/lazy';
import { Tabs } from '../../components/shared/Tabs';
import { Toast, type ToastState } from '../../components/shared/Toast';
import type { FirstPage } from '../../storage/first-page';
import type { ThisPageFirst } from '../../storage/this-page-first';

// Every view loads on first use (see components/shared/lazy.tsx), "This page" included: the panel's
// first bundle is the frame (header, tabs, toast), painted at once, while the default view's code —
// the database among it — is fetched from the first line of this module, in parallel.
const loadThisPage = () => import('../../components/capture/ThisPage').then((m) => m.ThisPage);
const ThisPage = lazyView(loadThisPage);
const loadLibrary = () => import('../../components/library/Library').then((m) => m.Library);
const Library = lazyView(loadLibrary);
const Tags = lazyView(() => import('../../components/tags/Tags').then((m) => m.Tags));
const Trash = lazyView(() => import('../../components/trash/Trash').then((m) => m.Trash));
const NowView = lazyView(() => import('../../components/events/NowView').then((m) => m.NowView));
const EventView = lazyView(() => import('../../components/events/EventView').then((m) => m.EventView));
const RecapView = lazyView(() => import('../../components/recap/RecapView').then((m) => m.RecapView));
// The sync status in the header reads the database: loaded like a view, showing nothing meanwhile,
// once the panel is idle after its first frame. Loaded from the first render's effects, its module
// preloads (~10 links, 2–7 ms traced) ran in the task right after the first notes' frame.
const afterFirstFrame = () =>
  new Promise<void>((done) =>
    requestAnimationFrame(() => setTimeout(() => requestIdleCallback(() => done(), { timeout: 500 }))),
  );
const SyncStatusLine = lazyView(
  () =>
    afterFirstFrame()
      .then(() => import('../../components/shared/SyncStatusLine'))
      .then((m) => m.SyncStatusLine),
  null,
);

const VIEWS = [
  { id: 'page', label: 'This page' },
  { id: 'now', label: 'Now' },
  { id: 'events', label: 'Events' },
  { id: 'recap', label: 'Recap' },
  { id: 'library', label: 'Library' },
  { id: 'tags', label: 'Tags', icon: <Icon d="M9 4 7 20M17 4l-2 16M4 9h16M3 15h16" /> },
  { id: 'trash', label: 'Trash', icon: <Icon d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" /> },
] as const;
type View = (typeof VIEWS)[number]['id'];

/** A line icon for a tab that shows no word (its name is the tab's label). */
function Icon({ d }: { d: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      class="block h-4 w-4"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

const isView = (v: unknown): v is View => VIEWS.some((x) => x.id === v);
/** `?view=library` opens the panel on that view (links, tests, benchmarks). */
export const initialView = (): View => {
  const v = new URLSearchParams(location.search).get('view');
  return isView(v) ? v : 'page';
};
/**
 * Seeding and timing hooks for end-to-end tests and `npm run bench` (never in release builds); tests
 * wait for `window.__talkmarksLibrary`. main.tsx calls this once the panel has painted.
 */
export function loadE2eHooks(): void {
  if (__TALKMARKS_E2E__) void import('../../tests/e2e/hooks/library');
}

// "This page" asks for its tab and the tab's capture as the page starts, not after its first render
// (components/capture/ThisPageStart.ts); its code is fetched meanwhile (sidepanel-early.ts).
if (initialView() === 'page') startThisPage();

/**
 * Loads "This page"'s code (Dexie and tldts among it) now: called by main.tsx when the panel opens
 * on it with no kept notes to paint first. With them, the view loads once they are painted
 * (components/capture/this-page-first.tsx): evaluating it would come before their paint.
 */
export function loadOpeningView(): void {
  void loadThisPage();
}
// (Not when a kept first page may paint first: the library's code is fetched once that is on screen.)
if (initialView() === 'library' && !firstPageKey(location.search)) void loadLibrary();
const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;

export function App({
  firstPage = null,
  thisPageFirst = null,
}: {
  firstPage?: FirstPage | null;
  thisPageFirst?: ThisPageFirst | null;
}) {
  const [view, setView] = useState<View>(initialView);
  const [toast, setToast] = useState<ToastState | null>(null);
  // The kept first pages are for the view the panel opened on, not for a later visit.
  const [kept, setKept] = useState(firstPage);
  const [keptNotes, setKeptNotes] = useState(thisPageFirst);
  useEffect(() => {
    if (view !== 'library') setKept(null);
    if (view !== 'page') setKeptNotes(null);
    // Left before "This page" showed: what it started is for that moment's tab, not a later visit.
    if (view !== 'page') takeThisPageStart();
  }, [view]);
  useEffect(() => {
    // Views ask for another view with this event; `/` anywhere goes to the library's search.
    const onOpen = (e: Event) => {
      const v = (e as CustomEvent<unknown>).detail;
      if (isView(v)) setView(v);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.getElementById('library-search')) return; // the library handles it
      e.preventDefault();
      openLibrary({ focusSearch: true });
    };
    window.addEventListener('talkmarks:open-view', onOpen);
    document.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('talkmarks:open-view', onOpen);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  return (
    <div class="flex min-h-screen flex-col">
      <header class="sticky top-0 z-10 border-b border-line bg-surface px-2.5 pt-3">
        <p class="mb-2 flex items-baseline justify-between gap-2 text-sm font-semibold">
          Talkmarks
          <span class="flex min-w-0 items-baseline gap-2">
            <SyncStatusLine />
            <a
              class="shrink-0 text-xs font-normal text-accent underline"
              href="/help.html"
              target="_blank"
              rel="noopener"
            >
              Help
            </a>
          </span>
        </p>
        <Tabs views={VIEWS} current={view} onChange={setView} />
      </header>
      <main class="flex-1 p-3" id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
        {view === 'page' && (
          <WithThisPageFirst page={keptNotes} load={loadOpeningView}>
            <ThisPage notify={setToast} />
          </WithThisPageFirst>
        )}
        {view === 'now' && <NowView notify={setToast} />}
        {view === 'events' && <EventView notify={setToast} />}
        {view === 'recap' && <RecapView notify={setToast} />}
        {view === 'library' && (
          <WithFirstPage page={kept}>
            <Library notify={setToast} />
          </WithFirstPage>
        )}
        {view === 'tags' && <Tags notify={setToast} />}
        {view === 'trash' && <Trash notify={setToast} />}
      </main>
      <Toast toast={toast} onClose={() => setToast(null)} />
    </div>
  );
}
