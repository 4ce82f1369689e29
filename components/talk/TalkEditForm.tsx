/**
 * Editing a talk by hand: what is saved here is never overwritten by later captures. Start and end
 * are a day and a time picker each, in one time zone said in words (the talk's, else its event's,
 * else the offset its time was written with, else the browser's); they are stored as before, ISO
 * 8601 with an offset.
 */
import { useEffect, useState } from 'preact/hooks';
import { splitSpeakers } from '../../capture/speakers';
import { type EditableTalkField, TALK_EDIT_FIELDS } from '../../capture/talk-fields';
import { instantOf, isValidZone } from '../../capture/time';
import { getEvent } from '../../storage/events';
import type { TalkPatch } from '../../storage/talks';
import type { EventRecord, TalkRecord } from '../../storage/types';
import {
  isoToWall,
  talkZone,
  type WallError,
  wallToIso,
  type ZoneSource,
  zoneName,
  zoneOptions,
} from '../shared/date-time';
import { EditForm, type FormField } from '../shared/EditForm';

interface Props {
  talk: TalkRecord;
  onSave: (patch: TalkPatch) => Promise<void>;
  onCancel: () => void;
}

type TextKey = Exclude<EditableTalkField, 'startsAt' | 'endsAt'>;
type TimeKey = 'startDate' | 'startTime' | 'endDate' | 'endTime' | 'zone';
type Key = TextKey | TimeKey;

const isText = (key: EditableTalkField): key is TextKey => key !== 'startsAt' && key !== 'endsAt';
const TEXT_FIELDS = TALK_EDIT_FIELDS.flatMap(({ key, label }) => (isText(key) ? [{ key, label }] : []));
const LABEL = Object.fromEntries(TALK_EDIT_FIELDS.map((f) => [f.key, f.label])) as Record<
  EditableTalkField,
  string
>;

const FROM: Record<ZoneSource, (eventName?: string) => string> = {
  talk: () => 'the talk’s own time zone',
  event: (name) => (name ? `the time zone of ${name}` : 'the event’s time zone'),
  offset: () => 'the offset the talk’s page gave (no time zone is known)',
  browser: () => 'your time zone (none is known for this talk)',
};

const PROBLEM: Record<WallError, (what: string) => string> = {
  'no-time': (what) => `Give the ${what} a time as well as a day.`,
  'no-date': (what) => `Give the ${what} a day as well as a time.`,
  invalid: (what) => `The ${what} is not a day and time this form can read.`,
};

function initial(talk: TalkRecord, zone: string): Record<Key, string> {
  const values = {} as Record<TextKey, string>;
  for (const { key } of TEXT_FIELDS) {
    const value = talk[key];
    values[key] = Array.isArray(value) ? value.map((s) => s.name).join(', ') : (value ?? '');
  }
  const start = isoToWall(talk.startsAt, zone);
  const end = isoToWall(talk.endsAt, zone);
  return {
    ...values,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    zone,
  };
}

/** The talk's event, read once (its zone is the form's default): undefined while it loads. */
function useEvent(eventId: string | undefined): EventRecord | null | undefined {
  const [event, setEvent] = useState<EventRecord | null | undefined>(eventId ? undefined : null);
  useEffect(() => {
    if (!eventId) return;
    let live = true;
    getEvent(eventId).then(
      (e) => live && setEvent(e && !e.deletedAt ? e : null),
      () => live && setEvent(null),
    );
    return () => {
      live = false;
    };
  }, [eventId]);
  return event;
}

export function TalkEditForm({ talk, onSave, onCancel }: Props) {
  const event = useEvent(talk.eventId);
  if (event === undefined) return <p class="text-sm text-muted">Loading…</p>;
  return <TalkEditFields talk={talk} event={event} onSave={onSave} onCancel={onCancel} />;
}

function TalkEditFields({ talk, event, onSave, onCancel }: Props & { event: EventRecord | null }) {
  const { zone, source } = talkZone(talk.startsAt, talk.timezone, event?.timezone);
  const before = initial(talk, zone);
  const zoneHint = (values: Record<Key, string>) =>
    values.zone === zone
      ? `Times are in ${zoneName(zone)}: ${FROM[source](event?.name)}.`
      : `Times are in ${zoneName(values.zone)}.`;
  const fields: FormField<Key>[] = [
    ...TEXT_FIELDS.slice(0, 2),
    { key: 'startDate', label: `${LABEL.startsAt} day`, type: 'date', row: 'start' },
    { key: 'startTime', label: `${LABEL.startsAt} time`, type: 'time', row: 'start' },
    { key: 'endDate', label: `${LABEL.endsAt} day`, type: 'date', row: 'end' },
    { key: 'endTime', label: `${LABEL.endsAt} time`, type: 'time', row: 'end' },
    {
      key: 'zone',
      label: 'Time zone',
      type: 'select',
      options: zoneOptions([zone]).map((z) => ({ value: z, label: zoneName(z) })),
      hint: zoneHint,
    },
    ...TEXT_FIELDS.slice(2),
  ];

  const toPatch = (values: Record<Key, string>): TalkPatch | string => {
    if (!values.title.trim()) return 'A talk needs a title.';
    const patch: TalkPatch = {};
    for (const { key } of TEXT_FIELDS) {
      if (values[key] === before[key]) continue;
      if (key === 'speakers') patch.speakers = splitSpeakers(values.speakers).map((name) => ({ name }));
      else Object.assign(patch, { [key]: values[key].trim() });
    }
    const zoneChanged = values.zone !== before.zone;
    const startChanged =
      zoneChanged || values.startDate !== before.startDate || values.startTime !== before.startTime;
    const endChanged = zoneChanged || values.endDate !== before.endDate || values.endTime !== before.endTime;
    if (!startChanged && !endChanged) return patch;
    const start = wallToIso({ date: values.startDate, time: values.startTime }, values.zone);
    if ('error' in start) return PROBLEM[start.error]('start');
    // An end time without a day ends on the start's day.
    const endDay = values.endDate || (values.endTime ? values.startDate : '');
    const end = wallToIso({ date: endDay, time: values.endTime }, values.zone);
    if ('error' in end) return PROBLEM[end.error]('end');
    if (start.iso && end.iso && instantOf(end.iso) < instantOf(start.iso))
      return 'The talk ends before it starts.';
    if (startChanged && start.iso !== (talk.startsAt ?? '')) patch.startsAt = start.iso;
    if (endChanged && end.iso !== (talk.endsAt ?? '')) patch.endsAt = end.iso;
    if (zoneChanged && isValidZone(values.zone)) patch.timezone = values.zone;
    return patch;
  };

  return (
    <EditForm
      class="flex flex-col gap-2"
      label="Edit talk"
      saveLabel="Save talk"
      fields={fields}
      initial={() => before}
      toPatch={toPatch}
      onSave={onSave}
      saveFailed="The talk could not be saved."
      onCancel={onCancel}
    />
  );
}
