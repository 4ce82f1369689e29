/** What a recap is about: an event's day (its attended talks in start order) or talks picked by hand. */
import { useEffect, useState } from 'preact/hooks';
import { isDay, longDate } from '../../recap/dates';
import { listEvents } from '../../storage/events';
import { attendedByDay, attendedTalks } from '../../storage/recaps';
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

export function RecapSource({ draft, update }: Props) {
  const byDay = (d: Draft) => (d.day || !d.talkIds.length ? 'day' : 'talks');
  const [mode, setMode] = useState<'day' | 'talks'>(byDay(draft));
  // A saved recap opened later shows the way its talks were chosen.
  useEffect(() => setMode(byDay(draft)), [draft.id]);
  // The recap picker lists events by name (the library and Events list them newest first).
  const events = useLive(eventsByName, []);
  const days = useLive(
    () => (draft.eventId ? attendedByDay(draft.eventId) : Promise.resolve(new Map<string, TalkRecord[]>())),
    [draft.eventId],
  );
  const talks = useLive(
    () => (mode === 'talks' ? attendedTalks() : Promise.resolve([] as TalkRecord[])),
    [mode],
  );

  const chooseDay = (eventId: string | undefined, day: string | undefined, byDay = days) => {
    const list = byDay.status === 'ready' && day !== undefined ? (byDay.value.get(day) ?? []) : [];
    update({ eventId, day, talkIds: list.map((t) => t.id) });
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
                [...days.value.keys()].map((day) => (
                  <option key={day} value={day}>
                    {isDay(day) ? longDate(day) : 'No date'} ({days.value.get(day)?.length} talks)
                  </option>
                ))}
            </select>
          </label>
        </div>
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
