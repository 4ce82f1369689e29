/** Editing a talk by hand: what is saved here is never overwritten by later captures. */
import { splitSpeakers } from '../../capture/speakers';
import { type EditableTalkField, TALK_EDIT_FIELDS } from '../../capture/talk-fields';
import type { TalkPatch } from '../../storage/talks';
import type { TalkRecord } from '../../storage/types';
import { EditForm } from '../shared/EditForm';

interface Props {
  talk: TalkRecord;
  onSave: (patch: TalkPatch) => Promise<void>;
  onCancel: () => void;
}

// The fields and labels come from the one list of talk fields (capture/talk-fields.ts).
const FIELDS = TALK_EDIT_FIELDS;
type Key = EditableTalkField;

function initial(talk: TalkRecord): Record<Key, string> {
  const values = {} as Record<Key, string>;
  for (const { key } of FIELDS) {
    const value = talk[key];
    values[key] = Array.isArray(value) ? value.map((s) => s.name).join(', ') : (value ?? '');
  }
  return values;
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
