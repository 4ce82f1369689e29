/** The trash: deleted notes, most recent first; restore them, delete some for good, or empty it. */
import { useState } from 'preact/hooks';
import { sendMessage } from '../../messaging/protocol';
import { trashCount, trashedNotes } from '../../storage/trash';
import { LibraryList } from '../library/LibraryList';
import { useLivePages } from '../library/LibraryPages';
import { LoadingRow, NoteRow, ROW_HEIGHT } from '../library/LibraryRow';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';

const plural = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'note' : 'notes'}`;

export function Trash({ notify }: { notify: (t: ToastState) => void }) {
  const count = useLive(trashCount, []);
  const [active, setActive] = useState(0);
  const [range, setRange] = useState<[number, number]>([0, 30]);
  const [confirming, setConfirming] = useState(false);
  const total = count.status === 'ready' ? count.value : 0;
  const row = useLivePages(total, trashedNotes, ...range);
  const current = row(Math.min(active, total - 1));

  const act = async (action: 'restore' | 'delete' | 'empty', ids?: string[]) => {
    const n = await sendMessage('trashAdmin', { action, ids });
    const said = { restore: 'Restored', delete: 'Deleted for good', empty: 'Emptied the trash:' }[action];
    notify({ message: `${said} ${plural(n)}` });
    setConfirming(false);
  };

  if (count.status === 'loading') return <p class="text-sm text-muted">Loading the trash…</p>;
  if (total === 0) return <p class="text-sm text-muted">The trash is empty.</p>;

  return (
    <div class="flex flex-col gap-2">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <p class="text-xs text-muted" data-testid="trash-count">
          {plural(total)} in the trash
        </p>
        {confirming ? (
          <span class="flex gap-2">
            <button type="button" class="btn btn-primary" onClick={() => void act('empty')}>
              Delete {plural(total)} for good
            </button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" class="btn" onClick={() => setConfirming(true)}>
            Empty trash…
          </button>
        )}
      </div>
      {current && (
        <fieldset class="flex flex-wrap gap-2">
          <legend class="sr-only">Selected note</legend>
          <button type="button" class="btn" onClick={() => void act('restore', [current.id])}>
            Restore selected
          </button>
          <button type="button" class="btn" onClick={() => void act('delete', [current.id])}>
            Delete selected for good
          </button>
        </fieldset>
      )}
      <p class="text-xs text-muted">Enter restores the selected note.</p>
      <LibraryList
        id="trash-list"
        label="Notes in the trash"
        count={total}
        rowHeight={ROW_HEIGHT}
        clickOpens={false}
        active={active}
        onActive={setActive}
        onOpen={(i) => {
          const note = row(i);
          if (note) void act('restore', [note.id]);
        }}
        onRange={(s, e) => setRange([s, e])}
        renderRow={(i) => {
          const note = row(i);
          return note ? <NoteRow note={note} /> : <LoadingRow />;
        }}
      />
    </div>
  );
}
