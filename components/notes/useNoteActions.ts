/** Edit, move and delete-with-undo, shared by the panel's note lists. Writes go through the background. */

import { sendMessage } from '../../messaging/protocol';
import type { NotePlace } from '../../storage/move-notes';
import type { NoteRecord } from '../../storage/types';
import type { ToastState } from '../shared/Toast';
import { moveWithUndo } from './move';

export function useNoteActions(notify: (t: ToastState) => void) {
  const trash = (id: string, restore: boolean) => sendMessage('trashNote', { id, restore });
  return {
    onEdit: async (id: string, body: string) => {
      const result = await sendMessage('editNote', { id, body });
      if (!result.ok) throw new Error(result.error);
    },
    onMove: (note: NoteRecord, to: NotePlace, where: string) => {
      void moveWithUndo([note.id], to, where, notify);
    },
    onDelete: (note: NoteRecord) => {
      void trash(note.id, false).then((r) =>
        notify(
          r.ok
            ? {
                message: 'Note moved to trash',
                action: {
                  label: 'Undo',
                  run: () =>
                    void trash(note.id, true).then((back) => {
                      if (!back.ok) notify({ message: back.error });
                    }),
                },
              }
            : { message: r.error },
        ),
      );
    },
  };
}
