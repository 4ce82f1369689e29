/** Moving notes through the background, with a toast that says where they went and offers Undo. */
import { sendMessage } from '../../messaging/protocol';
import type { NotePlace } from '../../storage/move-notes';
import type { ToastState } from '../shared/Toast';

const notes = (n: number) => (n === 1 ? 'Note' : `${n} notes`);

/** Moves `ids` to `to` (named `where` in the message); resolves to how many moved. */
export async function moveWithUndo(
  ids: readonly string[],
  to: NotePlace,
  where: string,
  notify: (t: ToastState) => void,
): Promise<number> {
  const result = await sendMessage('moveNotes', { ids: [...ids], to });
  if (!result.ok) {
    notify({ message: result.error });
    return 0;
  }
  if (result.moved === 0) {
    notify({ message: ids.length === 1 ? `Already ${where}` : `Those notes are already ${where}` });
    return 0;
  }
  notify({
    message: `${notes(result.moved)} moved ${where}`,
    action: {
      label: 'Undo',
      run: () =>
        void sendMessage('placeNotes', { placements: result.previous }).then((back) =>
          notify({ message: back.ok ? `${notes(back.moved)} put back` : back.error }),
        ),
    },
  });
  return result.moved;
}
