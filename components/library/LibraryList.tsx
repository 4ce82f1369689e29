/**
 * A windowed list box: only the rows in (and just around) the viewport exist in the DOM, however
 * long the list. Rows have one fixed height. Keyboard: arrows, Page Up/Down, Home/End move the
 * active row; Enter opens it; Escape goes back. The search box drives it too (combobox pattern).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

const OVERSCAN = 6;

interface Props {
  id: string;
  label: string;
  count: number;
  rowHeight: number;
  active: number;
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
  onBack?: () => void;
  /** Renders row `index` (the row box, role and keys are provided). */
  renderRow: (index: number, active: boolean) => ComponentChildren;
  /** Tells which rows are in view (start inclusive, end exclusive), so their data can be read. */
  onRange?: (start: number, end: number) => void;
  /** A click opens the row (default) or only selects it (where opening does something). */
  clickOpens?: boolean;
  /** When this changes (and rows exist), the list takes the focus: after going deeper or back. */
  focusKey?: number;
  /**
   * Multiple selection (notes to move together): whether row `index` is picked, or undefined for a
   * row that cannot be (a talk among search answers). Space or Ctrl/Cmd+click toggles the active row.
   */
  picked?: (index: number) => boolean | undefined;
  onPick?: (index: number) => void;
}

/** The option element id of row `index` in list `listId`. */
export const optionId = (listId: string, index: number) => `${listId}-row-${index}`;

/** Moves an active index by a key; returns undefined when the key is not a list key. */
export function moveActive(key: string, active: number, count: number, page = 10): number | undefined {
  if (count === 0) return undefined;
  const to = {
    ArrowDown: active + 1,
    ArrowUp: active - 1,
    PageDown: active + page,
    PageUp: active - page,
    Home: 0,
    End: count - 1,
  }[key];
  return to === undefined ? undefined : Math.max(0, Math.min(count - 1, to));
}

export interface ListKeys {
  count: number;
  active: number;
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
  onBack?: () => void;
}

/** Handles a list key (from the list or from the search box); true when it was one. */
export function handleListKey(e: KeyboardEvent, list: ListKeys): boolean {
  const to = moveActive(e.key, list.active, list.count);
  if (to !== undefined) list.onActive(to);
  else if (e.key === 'Enter' && list.active >= 0 && list.active < list.count) list.onOpen(list.active);
  else if (e.key === 'Escape' && list.onBack) list.onBack();
  else return false;
  e.preventDefault();
  e.stopPropagation();
  return true;
}

export function LibraryList(props: Props) {
  const {
    id,
    label,
    count,
    rowHeight,
    active,
    onActive,
    onOpen,
    onBack,
    renderRow,
    onRange,
    clickOpens = true,
    focusKey = 0,
    picked,
    onPick,
  } = props;
  const multi = Boolean(picked && onPick);
  const box = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<[number, number]>([0, Math.min(count, 20)]);

  useLayoutEffect(() => {
    const measure = () => {
      const el = box.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top;
      const first = Math.max(0, Math.floor(-top / rowHeight) - OVERSCAN);
      const last = Math.min(count, Math.ceil((window.innerHeight - top) / rowHeight) + OVERSCAN);
      setRange((r) =>
        r[0] === first && r[1] === Math.max(first, last) ? r : [first, Math.max(first, last)],
      );
    };
    measure();
    window.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, [count, rowHeight]);

  useEffect(() => onRange?.(range[0], range[1]), [range[0], range[1]]);

  const hasRows = count > 0;
  useEffect(() => {
    if (focusKey > 0 && hasRows) box.current?.focus({ preventScroll: true });
  }, [focusKey, hasRows]);

  // Keep the active row on screen (and so rendered: aria-activedescendant must point at a node).
  useEffect(() => {
    const el = box.current;
    if (!el || active < 0 || active >= count) return;
    const top = el.getBoundingClientRect().top + active * rowHeight;
    const headerBottom = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
    if (top < headerBottom) window.scrollBy(0, top - headerBottom - 4);
    else if (top + rowHeight > window.innerHeight)
      window.scrollBy(0, top + rowHeight - window.innerHeight + 4);
  }, [active, count, rowHeight]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (multi && e.key === ' ' && active >= 0 && active < count) {
      e.preventDefault();
      if (picked?.(active) !== undefined) onPick?.(active);
      return;
    }
    handleListKey(e, { count, active, onActive, onOpen, onBack });
  };

  const rows: ComponentChildren[] = [];
  for (let i = range[0]; i < Math.min(range[1], count); i++) {
    const isActive = i === active;
    const isPicked = picked?.(i);
    rows.push(
      // Keys are the list box's (aria-activedescendant); options take clicks only.
      // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keyboard for every option
      <div
        key={i}
        id={optionId(id, i)}
        role="option"
        // A multi-select list says which rows are picked; the active row is the list's
        // aria-activedescendant. A single-select list's selection follows the active row.
        aria-selected={multi ? isPicked === true : isActive}
        aria-setsize={count}
        aria-posinset={i + 1}
        tabIndex={-1}
        class={`absolute inset-x-0 cursor-pointer overflow-hidden rounded-md border px-2 py-1.5 ${
          isActive ? 'border-accent bg-surface-2' : 'border-transparent hover:bg-surface-2'
        }`}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight - 4}px` }}
        onClick={(e) => {
          onActive(i);
          if (multi && (e.ctrlKey || e.metaKey) && isPicked !== undefined) onPick?.(i);
          else if (clickOpens) onOpen(i);
        }}
      >
        {multi && isPicked !== undefined ? (
          <div class="flex h-full items-start gap-2">
            {/* A pointer target for picking; the keyboard uses Space on the active row. */}
            <span
              aria-hidden="true"
              data-testid="pick"
              class={`mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded border text-[10px] ${
                isPicked ? 'border-accent bg-accent text-surface' : 'border-line'
              }`}
              onClick={(e) => {
                e.stopPropagation();
                onActive(i);
                onPick?.(i);
              }}
            >
              {isPicked ? '✓' : ''}
            </span>
            <div class="min-w-0 flex-1">{renderRow(i, isActive)}</div>
          </div>
        ) : (
          renderRow(i, isActive)
        )}
      </div>,
    );
  }

  return (
    <div
      ref={box}
      id={id}
      role="listbox"
      aria-label={label}
      aria-multiselectable={multi || undefined}
      tabIndex={0}
      aria-activedescendant={active >= 0 && active < count ? optionId(id, active) : undefined}
      class="relative"
      style={{ height: `${count * rowHeight}px` }}
      onKeyDown={onKeyDown}
    >
      {rows}
    </div>
  );
}

/** Dispatched on `window` when a live list first has its rows in the DOM (the first page then goes). */
export const LIST_LIVE_EVENT = 'talkmarks:list-live';

let painted = false;
let live = false;

/** Whether a live list of this page has had its rows in the DOM already. */
export const listIsLive = (): boolean => live;

/**
 * Marks `talkmarks:list-painted` once per page, after the first rows are on screen: called in the
 * commit that puts them in the DOM (a layout effect), marked a frame and a task later — exactly as
 * the benchmark's floor page marks its rows (bench/_floor/floor.js). What the benchmark reads as "list painted" — the persisted first page's rows
 * (`from: 'first-page'`) or the live list's, whichever came first. The live list's first rows also
 * dispatch {@link LIST_LIVE_EVENT} and mark `talkmarks:list-live`.
 */
export function markListPainted(from: 'live' | 'first-page' = 'live'): void {
  const mark = (name: string) => requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
  if (from === 'live' && !live) {
    live = true;
    window.dispatchEvent(new Event(LIST_LIVE_EVENT));
    mark('talkmarks:list-live');
  }
  if (painted) return;
  painted = true;
  mark('talkmarks:list-painted');
}
