/** One control to file a note under another talk, or under none (the way out of the "Now" rule). */
import type { TalkRecord } from '../../storage/types';

interface Props {
  noteId: string;
  currentTalkId?: string;
  choices: readonly TalkRecord[];
  onMove: (noteId: string, talkId?: string) => void;
}

export function TalkMoveNote({ noteId, currentTalkId, choices, onMove }: Props) {
  return (
    <label class="flex items-center gap-1 text-xs text-muted">
      Filed under
      <select
        class="field w-auto max-w-48 px-1 py-0.5 text-xs"
        value={currentTalkId ?? ''}
        onChange={(e) => onMove(noteId, e.currentTarget.value || undefined)}
      >
        <option value="">No talk (this page only)</option>
        {choices.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title.length > 60 ? `${t.title.slice(0, 59)}…` : t.title}
          </option>
        ))}
      </select>
    </label>
  );
}
