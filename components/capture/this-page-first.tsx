/**
 * "This page"'s kept first notes on screen (storage/this-page-first.ts): painted with the panel's
 * first bundle as soon as the tab's capture is known and is the page they were kept for — before
 * the view's code, Dexie, tldts and the notes query — then replaced by the live view as soon as
 * that has its notes (THIS_PAGE_LIVE_EVENT). Read-only: nothing in a kept row can be acted on. No
 * database here, so this stays in the first bundle.
 */

import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { PageCapture } from '../../capture/types';
import { keptFor, type ThisPageFirst, type ThisPageRow } from '../../storage/this-page-first';
import { NoteMeta, NoteTags } from '../notes/NoteParts';
import { CaptureSummary } from './CaptureSummary';
import { peekThisPageStart, useStarted } from './ThisPageStart';

/** Dispatched on `window` when the live "This page" first shows what it read (the kept notes then go). */
export const THIS_PAGE_LIVE_EVENT = 'talkmarks:this-page-live';

/** How many times a live "This page" said it shows what it read (a wrapper counts from its mount). */
let shownCount = 0;

/**
 * Said by the live view (ThisPage.tsx) in the commit that shows its notes, its empty or error
 * state, or another page: the kept notes give it their place.
 */
export function markThisPageLive(): void {
  shownCount++;
  window.dispatchEvent(new Event(THIS_PAGE_LIVE_EVENT));
}

/** Space the live row's actions take, so the kept row is as tall; nothing there to press. */
const ACTIONS = ['Move', 'Edit', 'Private', 'Delete'];

/** One kept note, laid out as NoteItem lays a note out, without its actions. */
function KeptNote({ row }: { row: ThisPageRow }) {
  return (
    <li class="card flex flex-col gap-2" data-note-id={row.id} aria-label={`Note: ${row.text.slice(0, 60)}`}>
      {row.slide && <p class="text-xs font-medium text-muted">{row.slide}</p>}
      <p class="note-body whitespace-pre-wrap break-words">{row.text}</p>
      <NoteTags tags={row.tags} />
      <div class="flex items-center justify-between gap-2 text-xs text-muted">
        <NoteMeta note={row} />
        <span class="invisible flex shrink-0 gap-1" aria-hidden="true">
          {ACTIONS.map((a) => (
            <span key={a} class="btn btn-ghost text-xs">
              {a}
            </span>
          ))}
        </span>
      </div>
    </li>
  );
}

/**
 * The kept notes under what the live view shows above them (the page, a note box not yet usable,
 * its hint: the same text, so the same height), so that the live view takes their place without
 * moving them. Busy until it does.
 */
export function ThisPageFirstList({ page, capture }: { page: ThisPageFirst; capture: PageCapture }) {
  return (
    <div class="flex flex-col gap-3" data-testid="this-page-first" aria-busy="true">
      <CaptureSummary capture={capture} />
      <div class="flex flex-col gap-2" aria-hidden="true">
        {/* A box as tall as the live one (a textarea in the same wrapper), read-only and out of reach. */}
        <div class="relative">
          <textarea
            class="field min-h-24 resize-y font-[inherit]"
            placeholder="What stood out? Use #tags"
            readOnly
            tabIndex={-1}
          />
        </div>
        <p class="text-xs text-muted">
          Ctrl+Enter saves · #tags file it · start with ? ! or &gt; for a question, takeaway or quote
        </p>
        <div class="flex justify-end">
          <span class="btn btn-primary opacity-50">Save note</span>
        </div>
      </div>
      {page.rows.length === 0 && !capture.talk && (
        <p class="text-sm text-muted">No notes on this page yet. What stood out?</p>
      )}
      {page.rows.length > 0 && capture.talk && (
        <h2 class="text-sm font-semibold">Other notes on this page</h2>
      )}
      {page.rows.length > 0 && (
        <ul class="flex flex-col gap-2" aria-label="Notes on this page" aria-busy="true" data-kept="true">
          {page.rows.map((r) => (
            <KeptNote key={r.id} row={r} />
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * "This page" (`children`, the live view) behind the kept notes when `page` lists the page the tab
 * shows: the kept notes are painted first, the live view starts a frame later, hidden until it has
 * its notes. With no kept page, or one for another page, the live view starts at once.
 */
export function WithThisPageFirst({
  page,
  load,
  children,
}: {
  page: ThisPageFirst | null;
  /** Starts loading the live view's code: called as the kept notes are on screen, a frame before it mounts. */
  load?: () => void;
  children: ComponentChildren;
}) {
  const [start] = useState(() => (page ? peekThisPageStart() : undefined));
  const capture = useStarted(start?.capture);
  const asking = Boolean(start && !start.capture.done);
  const kept = asking ? null : keptFor(page, capture);
  const [isLive, setLive] = useState(false);
  const [started, setStarted] = useState(false);
  const [since] = useState(() => shownCount);
  useEffect(() => {
    if (!kept || isLive) return;
    const onLive = () => setLive(true);
    if (shownCount > since) onLive(); // said before this effect ran
    window.addEventListener(THIS_PAGE_LIVE_EVENT, onLive);
    return () => window.removeEventListener(THIS_PAGE_LIVE_EVENT, onLive);
  }, [kept, isLive, since]);
  useLayoutEffect(() => {
    // Kept notes of another page (or none could be matched): the view's code at once, before paint.
    if (page && !asking && !kept) load?.();
  }, [page, asking, kept, load]);
  useEffect(() => {
    if (!kept || started) return;
    // Once the kept notes are on screen: the live view's code and reads come after that frame.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        load?.();
        setStarted(true);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [kept, started, load]);
  if (asking) return <p class="text-sm text-muted">Reading the page…</p>;
  if (!kept || !capture) return <>{children}</>;
  return (
    <>
      {!(started && isLive) && <ThisPageFirstList page={kept} capture={capture} />}
      {started && <div hidden={!isLive}>{children}</div>}
    </>
  );
}
