/** Editing a talk by hand: what is saved here is never overwritten by later captures. */
import { useState } from 'preact/hooks';
import { splitSpeakers } from '../capture/speakers';
import type { TalkPatch } from '../storage/talks';
import type { TalkRecord } from '../storage/types';

interface Props {
  talk: TalkRecord;
  onSave: (patch: TalkPatch) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = [
  { key: 'title', label: 'Title' },
  { key: 'speakers', label: 'Speakers' },
  { key: 'startsAt', label: 'Starts (ISO 8601 with offset)' },
  { key: 'endsAt', label: 'Ends (ISO 8601 with offset)' },
  { key: 'room', label: 'Room' },
  { key: 'track', label: 'Track' },
  { key: 'slidesUrl', label: 'Slides link' },
  { key: 'videoUrl', label: 'Video link' },
] as const;
type Key = (typeof FIELDS)[number]['key'];

function initial(talk: TalkRecord): Record<Key, string> {
  return {
    title: talk.title,
    speakers: talk.speakers.map((s) => s.name).join(', '),
    startsAt: talk.startsAt ?? '',
    endsAt: talk.endsAt ?? '',
    room: talk.room ?? '',
    track: talk.track ?? '',
    slidesUrl: talk.slidesUrl ?? '',
    videoUrl: talk.videoUrl ?? '',
  };
}

export function TalkEditForm({ talk, onSave, onCancel }: Props) {
  const [values, setValues] = useState(() => initial(talk));
  const [error, setError] = useState('');
  const before = initial(talk);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!values.title.trim()) return setError('A talk needs a title.');
    const patch: TalkPatch = {};
    for (const { key } of FIELDS) {
      if (values[key] === before[key]) continue;
      if (key === 'speakers') patch.speakers = splitSpeakers(values.speakers).map((name) => ({ name }));
      else Object.assign(patch, { [key]: values[key].trim() });
    }
    try {
      await onSave(patch);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The talk could not be saved.');
    }
  };

  return (
    <form class="flex flex-col gap-2" onSubmit={(e) => void submit(e)} aria-label="Edit talk">
      {FIELDS.map(({ key, label }) => (
        <label key={key} class="flex flex-col gap-0.5 text-xs text-muted">
          {label}
          <input
            class="field"
            name={key}
            value={values[key]}
            onInput={(e) => setValues({ ...values, [key]: e.currentTarget.value })}
          />
        </label>
      ))}
      {error && (
        <p role="alert" class="text-sm text-danger">
          {error}
        </p>
      )}
      <div class="flex justify-end gap-2">
        <button type="button" class="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary">
          Save talk
        </button>
      </div>
    </form>
  );
}
