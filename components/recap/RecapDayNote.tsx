/**
 * "Note about the day": a note on no talk, filed under the recap's event, for the hallway, a booth,
 * the evening event or a photos link. It goes through the background like every note (saveNote,
 * then moveNotes under the event) and lands among the day's moments by the time it is written.
 */
import { useState } from 'preact/hooks';
import { sendMessage } from '../../messaging/protocol';
import type { EventRecord } from '../../storage/types';

interface Props {
  event: EventRecord;
  /** Said when the note was saved, or why not. */
  onDone: (message: string) => void;
}

export function RecapDayNote({ event, onDone }: Props) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (!body.trim()) return;
    setBusy(true);
    try {
      const capture = {
        url: event.url ?? '',
        title: event.name,
        kind: 'page' as const,
        platform: 'day-note',
      };
      const saved = await sendMessage('saveNote', { body, capture, to: {} });
      if (!saved.ok) return onDone(saved.error);
      const moved = await sendMessage('moveNotes', { ids: [saved.id], to: { eventId: event.id } });
      if (!moved.ok) return onDone(moved.error);
      setBody('');
      onDone(`Note about the day added to ${event.name}.`);
    } catch (e) {
      onDone(`Not saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="flex flex-col gap-1"
      aria-label="Note about the day"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label class="flex flex-col gap-1 text-xs font-medium text-muted">
        Note about the day
        <textarea
          class="field min-h-12"
          aria-label="Note about the day"
          placeholder="The hallway, a booth, the evening event, a photos link…"
          value={body}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
      </label>
      <p class="text-xs text-muted">
        Filed under {event.name} on no talk; the post places it by the time you write it.
      </p>
      <button type="submit" class="btn self-start" disabled={busy || !body.trim()}>
        Add to the day
      </button>
    </form>
  );
}
