/**
 * What a recap is about: an event's day or a plain date (the day's attended talks in start order,
 * and its notes on no talk as moments), or talks picked by hand.
 */
import { useEffect, useState } from 'preact/hooks';
import { counted } from '../../recap/coverage';
import { isDay, longDate } from '../../recap/dates';
import { listEvents } from '../../storage/events';
import { attendedOnDate, attendedTalks, eventRecapDays } from '../../storage/recaps';
import type { EventRecord, TalkRecord } from '../../storage/types';
import { useLive } from '../shared/useLive';
import type { Draft } from './RecapDraft';

interface Props {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
}

async function eventsByName(): Promise<EventRecord[]> {
  return (await listEvents()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type Mode = 'day' | 'date' | 'talks';

/** How a recap's talks were chosen. */
const modeOf = (d: Draft): Mode =>
  d.day ? (d.eventId ? 'day' : 'date') : d.talkIds.length ? 'talks' : 'day';

/** "Wednesday, June 27, 2012 (3 talks, 2 moments)". */
function dayLabel(day: string, talks: number, moments: number): string {
  const counts = [talks ? counted(talks, 'talk') : '', moments ? counted(moments, 'moment') : ''].filter(
    Boolean,
  );
  return `${isDay(day) ? longDate(day) : 'No date'} (${counts.join(', ') || 'no talks'})`;
}

export function RecapSource({ draft, update }: Props) {
  const [mode, setMode] = useState<Mode>(modeOf(draft));
  // A saved recap opened later shows the way its talks were chosen.
  useEffect(() => setMode(modeOf(draft)), [draft.id]);
  // A plain date set from outside (the day a new recap suggests, when the last talk noted has no time)
  // shows as one: the event's-day picker cannot show a day without an event.
  useEffect(() => {
    if (draft.day && !draft.eventId && mode === 'day') setMode('date');
  }, [draft.day, draft.eventId]);
  // The recap picker lists events by name (the library and Events list them newest first).
  const events = useLive(eventsByName, []);
  const days = useLive(
    () =>
      draft.eventId
        ? eventRecapDays(draft.eventId)
        : Promise.resolve(new Map<string, { talks: TalkRecord[]; moments: number }>()),
    [draft.eventId],
  );
  const talks = useLive(
    () => (mode === 'talks' ? attendedTalks() : Promise.resolve([] as TalkRecord[])),
    [mode],
  );

  const chooseDay = (eventId: string | undefined, day: string | undefined) => {
    const list = days.status === 'ready' && day !== undefined ? (days.value.get(day)?.talks ?? []) : [];
    update({ eventId, day, talkIds: list.map((t) => t.id), momentsOut: [] });
  };
  const chooseDate = async (day: string) => {
    const talks = isDay(day) ? await attendedOnDate(day) : [];
    update({
      eventId: undefined,
      day: isDay(day) ? day : undefined,
      talkIds: talks.map((t) => t.id),
      momentsOut: [],
    });
  };

  return (
    <fieldset class="flex flex-col gap-2">
      <legend class="mb-1 text-sm font-semibold">Talks</legend>
      <div class="flex gap-3 text-sm" role="radiogroup" aria-label="Choose talks by">
        <label class="flex items-center gap-1">
          <input type="radio" name="recap-mode" checked={mode === 'day'} onChange={() => setMode('day')} />
          An event's day
        </label>
        <label class="flex items-center gap-1">
          <input type="radio" name="recap-mode" checked={mode === 'date'} onChange={() => setMode('date')} />A
          date
        </label>
        <label class="flex items-center gap-1">
          <input
            type="radio"
            name="recap-mode"
            checked={mode === 'talks'}
            onChange={() => setMode('talks')}
          />
          Any talks
        </label>
      </div>
      {mode === 'day' ? (
        <div class="flex flex-wrap gap-2">
          <label class="flex flex-1 flex-col gap-1 text-xs text-muted">
            Event
            <select
              class="field"
              aria-label="Event"
              value={draft.eventId ?? ''}
              onChange={(e) =>
                update({ eventId: e.currentTarget.value || undefined, day: undefined, talkIds: [] })
              }
            >
              <option value="">Choose an event…</option>
              {events.status === 'ready' &&
                events.value.map((ev) => (
                  <option key={ev.id} value={ev.id}>
                    {ev.name}
                  </option>
                ))}
            </select>
          </label>
          <label class="flex flex-1 flex-col gap-1 text-xs text-muted">
            Day
            <select
              class="field"
              aria-label="Day"
              value={draft.day ?? ''}
              disabled={!draft.eventId}
              onChange={(e) => chooseDay(draft.eventId, e.currentTarget.value || undefined)}
            >
              <option value="">Choose a day…</option>
              {days.status === 'ready' &&
                [...days.value].map(([day, { talks, moments }]) => (
                  <option key={day} value={day}>
                    {dayLabel(day, talks.length, moments)}
                  </option>
                ))}
            </select>
          </label>
        </div>
      ) : mode === 'date' ? (
        <label class="flex flex-col gap-1 text-xs text-muted">
          Date
          <input
            type="date"
            class="field"
            aria-label="Date"
            value={draft.eventId ? '' : (draft.day ?? '')}
            onChange={(e) => void chooseDate(e.currentTarget.value)}
          />
          <span>Every note of that day: the talks you noted or starred, and notes on no talk.</span>
        </label>
      ) : (
        <ul class="flex max-h-56 flex-col gap-1 overflow-auto" aria-label="Talks with notes">
          {talks.status === 'ready' && talks.value.length === 0 && (
            <li class="text-sm text-muted">No talks with notes yet.</li>
          )}
          {talks.status === 'ready' &&
            talks.value.map((t) => (
              <li key={t.id}>
                <label class="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={draft.talkIds.includes(t.id)}
                    onChange={(e) =>
                      update({
                        day: undefined,
                        momentsOut: [],
                        talkIds: e.currentTarget.checked
                          ? [...draft.talkIds, t.id]
                          : draft.talkIds.filter((id) => id !== t.id),
                      })
                    }
                  />
                  <span class="truncate">{t.title}</span>
                </label>
              </li>
            ))}
        </ul>
      )}
    </fieldset>
  );
}
