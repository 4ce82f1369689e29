/** "All notes": newest first, one window at a time; the window grows as the list is scrolled. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { recentNotes } from '../../storage/notes';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { NoteItem } from './NoteItem';
import { useNoteActions } from './useNoteActions';

const PAGE = 50;

export function AllNotes({ notify }: { notify: (t: ToastState) => void }) {
  const [limit, setLimit] = useState(PAGE);
  const notes = useLive(() => recentNotes(limit), [limit]);
  const actions = useNoteActions(notify);
  const sentinel = useRef<HTMLDivElement>(null);
  const full = notes.status === 'ready' && notes.value.length >= limit;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !full) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + PAGE);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [full]);

  if (notes.status === 'loading') return <p class="text-sm text-muted">Loading notes…</p>;
  if (notes.status === 'error') {
    return (
      <p role="alert" class="text-sm text-danger">
        Notes could not be read: {notes.error.message}
      </p>
    );
  }
  if (notes.value.length === 0) {
    return <p class="text-sm text-muted">No notes yet. Open a talk or a deck and write the first one.</p>;
  }
  return (
    <>
      <ul class="flex flex-col gap-2" aria-label="All notes">
        {notes.value.map((n) => (
          <NoteItem key={n.id} note={n} showPage {...actions} />
        ))}
      </ul>
      {full && (
        <div ref={sentinel} class="py-3 text-center">
          <button type="button" class="btn" onClick={() => setLimit((l) => l + PAGE)}>
            Show more
          </button>
        </div>
      )}
    </>
  );
}
