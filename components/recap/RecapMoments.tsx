/**
 * The day's moments: notes written that day on no talk (the hallway, a blog post, a deck never
 * attached to a talk). Each goes in unless the user unticks it.
 */
import { wallClock } from '../../recap/dates';
import { KIND_LABEL, withKindSplit } from '../../storage/kinds';
import { withoutTrailingTags } from '../../storage/tags';
import type { NoteRecord } from '../../storage/types';
import { PrivateLock } from '../notes/PrivateLock';

interface Props {
  /** Every moment of the day, oldest first. */
  moments: NoteRecord[];
  /** Ids the user unticked. */
  out: readonly string[];
  /** The zone the day is counted in (times are shown in it). */
  zone: string;
  onChange: (out: string[]) => void;
}

export function RecapMoments({ moments, out, zone, onChange }: Props) {
  if (moments.length === 0) return null;
  const left = new Set(out);
  return (
    <fieldset class="flex flex-col gap-1">
      <legend class="mb-1 text-sm font-semibold">Moments of the day</legend>
      <p class="text-xs text-muted">Notes written that day on no talk. Untick any you want to leave out.</p>
      <ul class="flex max-h-56 flex-col gap-1 overflow-auto" aria-label="Moments of the day">
        {moments.map((stored) => {
          const note = withKindSplit(stored);
          const text = withoutTrailingTags(note.body).trim() || note.body.trim();
          const time = wallClock(new Date(note.createdAt).toISOString(), zone)?.time ?? '';
          return (
            <li key={note.id}>
              <label class="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={!left.has(note.id)}
                  onChange={(e) =>
                    onChange(
                      e.currentTarget.checked
                        ? out.filter((id) => id !== note.id)
                        : [...out.filter((id) => id !== note.id), note.id],
                    )
                  }
                />
                <span class="tabular-nums text-muted">{time}</span>
                <span class="flex-1">
                  <PrivateLock note={note} />
                  {note.kind !== 'note' && <span class="text-xs text-muted">{KIND_LABEL[note.kind]}: </span>}
                  {text}
                  {note.pageTitle && <span class="block truncate text-xs text-muted">{note.pageTitle}</span>}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
