/**
 * Notes picked in a library list (Space on a row, Ctrl/Cmd+click, or the row's box) and what to do
 * with them together: move them to a talk, an event or their pages, with Undo.
 */
import { useState } from 'preact/hooks';
import { MoveForm } from '../notes/MoveForm';
import { moveWithUndo } from '../notes/move';
import type { ToastState } from '../shared/Toast';

/** The ids picked in one list; a new list (another place, another search) starts with none. */
export function usePicked() {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  return {
    ids,
    has: (id: string) => ids.has(id),
    toggle: (id: string) =>
      setIds((old) => {
        const next = new Set(old);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    clear: () => setIds(new Set()),
  };
}

interface Props {
  ids: ReadonlySet<string>;
  onClear: () => void;
  notify: (t: ToastState) => void;
}

export function PickedBar({ ids, onClear, notify }: Props) {
  const [moving, setMoving] = useState(false);
  const n = ids.size;
  if (n === 0) return <p class="sr-only">Space picks a note; picked notes can be moved together.</p>;
  return (
    <section
      class="sticky top-0 z-10 mb-2 flex flex-col gap-2 rounded-md border border-accent bg-surface p-2"
      aria-label="Picked notes"
    >
      {moving ? (
        <MoveForm
          count={n}
          onMove={(to, where) => {
            setMoving(false);
            void moveWithUndo([...ids], to, where, notify).then((moved) => moved > 0 && onClear());
          }}
          onCancel={() => setMoving(false)}
        />
      ) : (
        <div class="flex flex-wrap items-center gap-2">
          <p class="text-sm" data-testid="picked-count" role="status">
            {n === 1 ? '1 note picked' : `${n} notes picked`}
          </p>
          <button type="button" class="btn btn-primary" onClick={() => setMoving(true)}>
            Move…
          </button>
          <button type="button" class="btn" onClick={onClear}>
            Clear
          </button>
        </div>
      )}
    </section>
  );
}
