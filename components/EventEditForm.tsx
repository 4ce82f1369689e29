/** Editing an event by hand (name, zone, dates, place): later captures leave edited fields alone. */
import { useState } from 'preact/hooks';
import { isValidZone } from '../capture/time';
import type { EventField } from '../storage/events';
import type { EventRecord } from '../storage/types';

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
  const [values, setValues] = useState<Record<EventField, string>>(() => ({
    name: event.name,
    url: event.url ?? '',
    timezone: event.timezone ?? '',
    startDate: event.startDate ?? '',
    endDate: event.endDate ?? '',
    location: event.location ?? '',
  }));
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!values.name.trim()) return setError('An event needs a name.');
    if (values.timezone.trim() && !isValidZone(values.timezone.trim())) {
      return setError(`“${values.timezone}” is not a time zone this browser knows.`);
    }
    for (const key of ['startDate', 'endDate'] as const) {
      if (values[key].trim() && !/^\d{4}-\d{2}-\d{2}$/.test(values[key].trim())) {
        return setError('Dates are written YYYY-MM-DD.');
      }
    }
    const patch: Partial<Record<EventField, string>> = {};
    for (const { key } of FIELDS) if (values[key] !== (event[key] ?? '')) patch[key] = values[key];
    try {
      await onSave(patch);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The event could not be saved.');
    }
  };
  return (
    <form class="card flex flex-col gap-2" aria-label="Edit event" onSubmit={(e) => void submit(e)}>
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
          Save event
        </button>
      </div>
    </form>
  );
}
