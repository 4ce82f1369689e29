/**
 * Where to move notes: a talk (starred and recent ones), an event without a talk (the day's
 * moments), or the note's page alone. A native select, so it works by keyboard and screen reader.
 */
import { useState } from 'preact/hooks';
import { moveDestinations, type NotePlace } from '../../storage/move-notes';
import { useLive } from '../shared/useLive';

interface Props {
  /** How many notes move ("Move 3 notes to"). */
  count: number;
  /** The place the notes are in now (preselected), if they share one. */
  current?: NotePlace;
  /** Moves them; `where` words the destination for the message ("to “Keynote”"). */
  onMove: (to: NotePlace, where: string) => void;
  onCancel: () => void;
}

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

function placeValue(place?: NotePlace): string {
  if (place?.talkId) return `talk:${place.talkId}`;
  if (place?.eventId) return `event:${place.eventId}`;
  return place ? 'none' : '';
}

export function MoveForm({ count, current, onMove, onCancel }: Props) {
  const found = useLive(() => moveDestinations(), []);
  const [choice, setChoice] = useState(placeValue(current));
  const choices = found.status === 'ready' ? found.value : { talks: [], events: [] };
  const submit = () => {
    const [kind, id] = choice.split(':');
    if (kind === 'talk' && id) {
      const talk = choices.talks.find((t) => t.id === id);
      onMove({ talkId: id }, `to “${short(talk?.title ?? 'the talk')}”`);
    } else if (kind === 'event' && id) {
      const event = choices.events.find((e) => e.id === id);
      onMove({ eventId: id }, `to ${short(event?.name ?? 'the event')} (no talk)`);
    } else if (kind === 'none') onMove({}, 'to their page only');
  };
  return (
    <form
      class="flex flex-wrap items-end gap-2"
      aria-label={count === 1 ? 'Move this note' : `Move ${count} notes`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label class="flex min-w-0 flex-col gap-0.5 text-xs text-muted">
        {count === 1 ? 'Move this note to' : `Move ${count} notes to`}
        <select
          class="field w-auto max-w-72 text-sm"
          value={choice}
          ref={(el) => el?.focus()}
          onChange={(e) => setChoice(e.currentTarget.value)}
        >
          <option value="" disabled>
            Choose where…
          </option>
          <option value="none">No talk (the page only)</option>
          {choices.talks.length > 0 && (
            <optgroup label="Talks">
              {choices.talks.map((t) => (
                <option key={t.id} value={`talk:${t.id}`}>
                  {short(t.title)}
                </option>
              ))}
            </optgroup>
          )}
          {choices.events.length > 0 && (
            <optgroup label="An event, no talk">
              {choices.events.map((e) => (
                <option key={e.id} value={`event:${e.id}`}>
                  {short(e.name)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <button type="submit" class="btn btn-primary" disabled={!choice || choice === placeValue(current)}>
        Move
      </button>
      <button type="button" class="btn" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
