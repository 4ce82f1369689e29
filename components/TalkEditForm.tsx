/** Editing a talk by hand: what is saved here is never overwritten by later captures. */
import { splitSpeakers } from '../capture/speakers';
import type { TalkPatch } from '../storage/talks';
import type { TalkRecord } from '../storage/types';
import { EditForm } from './EditForm';

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
  const before = initial(talk);
  const toPatch = (values: Record<Key, string>) => {
    if (!values.title.trim()) return 'A talk needs a title.';
    const patch: TalkPatch = {};
    for (const { key } of FIELDS) {
      if (values[key] === before[key]) continue;
      if (key === 'speakers') patch.speakers = splitSpeakers(values.speakers).map((name) => ({ name }));
      else Object.assign(patch, { [key]: values[key].trim() });
    }
    return patch;
  };

  return (
    <EditForm
      class="flex flex-col gap-2"
      label="Edit talk"
      saveLabel="Save talk"
      fields={FIELDS}
      initial={() => initial(talk)}
      toPatch={toPatch}
      onSave={onSave}
      saveFailed="The talk could not be saved."
      onCancel={onCancel}
    />
  );
}
