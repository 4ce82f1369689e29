/**
 * A save that found the note changed elsewhere since the edit began (another side panel, another
 * device through sync): the other text, and the user's choice — keep both (the draft as a new note
 * beside it), keep theirs, or keep mine (save over the newer version). Nothing is overwritten
 * without this choice.
 */
import type { EditConflict } from './useNoteActions';

interface Props {
  conflict: EditConflict;
  onBoth: () => void;
  onTheirs: () => void;
  onMine: () => void;
}

export function EditConflictChoice({ conflict, onBoth, onTheirs, onMine }: Props) {
  return (
    <div
      role="alert"
      class="flex flex-col gap-2 rounded border border-danger p-2 text-sm"
      data-testid="edit-conflict"
    >
      <p class="font-medium">Changed elsewhere while you edited it. It now reads:</p>
      <p class="whitespace-pre-wrap break-words rounded bg-surface-2 px-2 py-1" data-testid="edit-theirs">
        {conflict.body}
      </p>
      <div class="flex flex-wrap justify-end gap-2">
        <button type="button" class="btn" onClick={onBoth}>
          Keep both
        </button>
        <button type="button" class="btn" onClick={onTheirs}>
          Keep theirs
        </button>
        <button type="button" class="btn btn-primary" onClick={onMine}>
          Keep mine
        </button>
      </div>
    </div>
  );
}
