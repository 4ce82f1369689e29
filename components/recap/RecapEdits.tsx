/**
 * Editing the generated post before copying it: the edits are kept with the recap, and
 * regenerating from the notes asks first, since it replaces them.
 */
import { useState } from 'preact/hooks';
import type { RecapDraftState } from './RecapDraft';

interface Props {
  state: RecapDraftState;
  /** Called when editing starts (the narrow view shows the Markdown). */
  onEdit?: () => void;
}

export function RecapEdits({ state, onEdit }: Props) {
  const [asking, setAsking] = useState(false);
  const edited = !!state.draft.edited;
  if (!edited) {
    return (
      <button
        type="button"
        class="btn self-start"
        disabled={!state.generated?.ok}
        onClick={() => {
          state.startEditing();
          onEdit?.();
        }}
      >
        Edit the post
      </button>
    );
  }
  return (
    <div class="flex flex-col gap-1 text-sm" data-testid="recap-edits">
      <p class="text-xs text-muted">
        {state.stale
          ? 'Your notes or choices changed since you edited this post: the post shows your edited text.'
          : 'You are editing the post: copies and downloads use your text.'}
      </p>
      {asking ? (
        <fieldset class="flex flex-wrap items-center gap-2">
          <legend class="sr-only">Regenerate the post?</legend>
          <span>Replace your edits with a post made from the notes again?</span>
          <button
            type="button"
            class="btn"
            onClick={() => {
              state.regenerate();
              setAsking(false);
            }}
          >
            Replace my edits
          </button>
          <button type="button" class="btn" onClick={() => setAsking(false)}>
            Keep my edits
          </button>
        </fieldset>
      ) : (
        <button type="button" class="btn self-start" onClick={() => setAsking(true)}>
          Regenerate from notes…
        </button>
      )}
    </div>
  );
}
