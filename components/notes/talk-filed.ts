/**
 * The message after a note is saved: where it went, and — when the "Now" rule filed it under the
 * starred talk running at that moment — one click to take it back out.
 */
import { type SaveNoteResult, sendMessage } from '../../messaging/protocol';
import type { ToastState } from '../shared/Toast';

export function savedToast(
  saved: Extract<SaveNoteResult, { ok: true }>,
  notify: (t: ToastState) => void,
): ToastState {
  const under = saved.filedUnder;
  if (under?.via === 'chosen') return { message: `Saved under “${under.title}”` };
  if (under?.via !== 'now') return { message: 'Note saved' };
  return {
    message: `Saved under “${under.title}” (running now)`,
    action: {
      label: 'Not this talk',
      run: () =>
        void sendMessage('moveNotes', { ids: [saved.id], to: {} }).then((r) =>
          notify({ message: r.ok ? 'Note kept on its page only' : r.error }),
        ),
    },
  };
}
