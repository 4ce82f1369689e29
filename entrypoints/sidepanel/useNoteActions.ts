/** Edit and delete-with-undo, shared by the panel's note lists. */
import type { ToastState } from '../../components/Toast';
import { restoreNote, trashNote, updateNote } from '../../storage/notes';
import type { NoteRecord } from '../../storage/types';

export function useNoteActions(notify: (t: ToastState) => void) {
  return {
    onEdit: async (id: string, body: string) => {
      await updateNote(id, { body });
    },
    onDelete: (note: NoteRecord) => {
      void trashNote(note.id).then(
        () =>
          notify({
            message: 'Note moved to trash',
            action: { label: 'Undo', run: () => void restoreNote(note.id) },
          }),
        () => notify({ message: 'The note could not be deleted.' }),
      );
    },
  };
}
