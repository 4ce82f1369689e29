/** Edit, move and delete-with-undo, shared by the panel's note lists. Writes go through the background. */

import { sendMessage } from '../../messaging/protocol';
import type { NotePlace } from '../../storage/move-notes';
import type { NoteRecord } from '../../storage/types';
import type { ToastState } from '../shared/Toast';
import { moveWithUndo } from './move';

/** The note as another panel, tab or device saved it while this edit was open. */
export interface EditConflict {
  body: string;
  updatedAt: number;
}

export function useNoteActions(notify: (t: ToastState) => void) {
  const trash = (id: string, restore: boolean) => sendMessage('trashNote', { id, restore });
  return {
    /**
     * Saves an edited body. With `base` (the `updatedAt` the edit started from) a note changed
     * elsewhere meanwhile is not overwritten: its current text comes back for the user to choose.
     */
    onEdit: async (
      id: string,
      body: string,
      base?: number,
      keep?: 'both',
    ): Promise<EditConflict | undefined> => {
      const result = await sendMessage('editNote', { id, body, base, keep });
      if (result.ok) return undefined;
      if ('conflict' in result) return result.conflict;
      throw new Error(result.error);
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
