/**
 * Editing an event by hand (name, zone, days, place): later captures leave edited fields alone.
 * The days are day pickers and the zone a choice among the zones this browser knows.
 */
import { isValidZone } from '../../capture/time';
import type { EventField } from '../../storage/events';
import type { EventRecord } from '../../storage/types';
import { zoneOptions } from '../shared/date-time';
import { EditForm, type FormField } from '../shared/EditForm';

type Key = Exclude<EventField, 'url'>;

interface Props {
  event: EventRecord;
  onSave: (patch: Partial<Record<EventField, string>>) => Promise<void>;
  onCancel: () => void;
}

function fields(event: EventRecord): FormField<Key>[] {
  return [
    { key: 'name', label: 'Name' },
    {
      key: 'timezone',
      label: 'Time zone',
      type: 'select',
      options: [
        { value: '', label: 'Not known' },
        ...zoneOptions(event.timezone ? [event.timezone] : []).map((z) => ({ value: z, label: z })),
      ],
      hint: (v) =>
        v.timezone
          ? `Talk times and days of this event are read in ${v.timezone}.`
          : 'Talk times are read in the offset each page gave.',
    },
    { key: 'startDate', label: 'First day', type: 'date', row: 'days' },
    { key: 'endDate', label: 'Last day', type: 'date', row: 'days' },
    { key: 'location', label: 'Place' },
  ];
}

export function EventEditForm({ event, onSave, onCancel }: Props) {
  const form = fields(event);
  const toPatch = (values: Record<Key, string>) => {
    if (!values.name.trim()) return 'An event needs a name.';
    if (values.timezone.trim() && !isValidZone(values.timezone.trim())) {
      return `“${values.timezone}” is not a time zone this browser knows.`;
    }
    for (const key of ['startDate', 'endDate'] as const) {
      if (values[key].trim() && !/^\d{4}-\d{2}-\d{2}$/.test(values[key].trim())) {
        return 'Pick the days with the day pickers.';
      }
    }
    if (values.startDate && values.endDate && values.endDate < values.startDate) {
      return 'The last day is before the first day.';
    }
    const patch: Partial<Record<EventField, string>> = {};
    for (const { key } of form) if (values[key] !== (event[key] ?? '')) patch[key] = values[key];
    return patch;
  };
  return (
    <EditForm
      class="card flex flex-col gap-2"
      label="Edit event"
      saveLabel="Save event"
      fields={form}
      initial={() => ({
        name: event.name,
        timezone: event.timezone ?? '',
        startDate: event.startDate ?? '',
        endDate: event.endDate ?? '',
        location: event.location ?? '',
      })}
      toPatch={toPatch}
      onSave={onSave}
      saveFailed="The event could not be saved."
      onCancel={onCancel}
    />
  );
}
