/** Attaching the deck in this tab to a talk by hand (when neither page links the other). */
import { useState } from 'preact/hooks';
import type { TalkRecord } from '../../storage/types';

interface Props {
  choices: readonly TalkRecord[];
  currentTalkId?: string;
  onAttach: (talkId: string) => Promise<void>;
}

export function TalkAttachDeck({ choices, currentTalkId, onAttach }: Props) {
  const [choice, setChoice] = useState(currentTalkId ?? '');
  const [error, setError] = useState('');
  if (choices.length === 0) {
    return <p class="text-xs text-muted">Star or note a talk first; then this deck can be attached to it.</p>;
  }
  return (
    <form
      class="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!choice) return;
        onAttach(choice).then(
          () => setError(''),
          (err: unknown) => setError(err instanceof Error ? err.message : 'The deck could not be attached.'),
        );
      }}
    >
      <label class="flex flex-col gap-0.5 text-xs text-muted">
        {currentTalkId ? 'This deck belongs to' : 'Attach this deck to a talk'}
        <select
          class="field w-auto max-w-64"
          value={choice}
          onChange={(e) => setChoice(e.currentTarget.value)}
        >
          <option value="">Choose a talk…</option>
          {choices.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title.length > 60 ? `${t.title.slice(0, 59)}…` : t.title}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="btn" disabled={!choice || choice === currentTalkId}>
        Attach deck
      </button>
      {error && (
        <p role="alert" class="w-full text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
