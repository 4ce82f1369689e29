/** Editing an event by hand (name, zone, dates, place): later captures leave edited fields alone. */
import { isValidZone } from '../../capture/time';
import type { EventField } from '../../storage/events';
import type { EventRecord } from '../../storage/types';
import { EditForm } from '../shared/EditForm';

const FIELDS: { key: EventField; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'timezone', label: 'Time zone (IANA, e.g. Europe/Brussels)' },
  { key: 'startDate', label: 'First day (YYYY-MM-DD)' },
  { key: 'endDate', label: 'Last day (YYYY-MM-DD)' },
  { key: 'location', label: 'Place' },
];

interface Props {
  event: EventRecord;
  onSave: (patch: Partial<Record<EventField, string>>) => Promise<void>;
  onCancel: () => void;
}

export function EventEditForm({ event, onSave, onCancel }: Props) {
  const toPatch = (values: Record<EventField, string>) => {
    if (!values.name.trim()) return 'An event needs a name.';
    if (values.timezone.trim() && !isValidZone(values.timezone.trim())) {
      return `“${values.timezone}” is not a time zone this browser knows.`;
    }
    for (const key of ['startDate', 'endDate'] as const) {
      if (values[key].trim() && !/^\d{4}-\d{2}-\d{2}$/.test(values[key].trim())) {
        return 'Dates are written YYYY-MM-DD.';
      }
    }
    const patch: Partial<Record<EventField, string>> = {};
    for (const { key } of FIELDS) if (values[key] !== (event[key] ?? '')) patch[key] = values[key];
    return patch;
  };
  return (
    <EditForm
      class="card flex flex-col gap-2"
      label="Edit event"
      saveLabel="Save event"
      fields={FIELDS}
      initial={() => ({
        name: event.name,
        url: event.url ?? '',
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
