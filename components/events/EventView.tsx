/** "Events": every conference a talk was noted or starred at; its talks by day, in the event's own time. */
import { useState } from 'preact/hooks';
import { editEvent, listEvents } from '../../storage/events';
import { setStarred, talksOfEvent } from '../../storage/talks';
import type { EventRecord } from '../../storage/types';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { StoredTalk } from '../talk/TalkSection';
import { EventDay } from './EventDay';
import { EventEditForm } from './EventEditForm';
import { byDay, dayLabel } from './event-days';

function EventTalks({ event, notify }: { event: EventRecord; notify: (t: ToastState) => void }) {
  const talks = useLive(() => talksOfEvent(event.id), [event.id]);
  const [open, setOpen] = useState<string | undefined>();
  if (talks.status !== 'ready') return <p class="text-sm text-muted">Loading talks…</p>;
  if (talks.value.length === 0) return <p class="text-sm text-muted">No talks kept for this event yet.</p>;
  return (
    <div class="flex flex-col gap-3">
      {byDay(talks.value, event).map(({ day, talks: list }) => (
        <EventDay
          key={day || 'unscheduled'}
          label={day ? dayLabel(day) : 'Time not known'}
          talks={list}
          zone={event.timezone}
          openId={open}
          onOpen={setOpen}
          onStar={(t) => void setStarred(t.id, !t.starredAt)}
          renderOpen={(t) => <StoredTalk record={t} notify={notify} level={3} />}
        />
      ))}
    </div>
  );
}

export function EventView({ notify }: { notify: (t: ToastState) => void }) {
  const events = useLive(listEvents, []);
  const [chosen, setChosen] = useState<string | undefined>();
  const [editing, setEditing] = useState(false);
  if (events.status === 'loading') return <p class="text-sm text-muted">Loading events…</p>;
  if (events.status === 'error') {
    return (
      <p role="alert" class="text-sm text-danger">
        Events could not be read: {events.error.message}
      </p>
    );
  }
  if (events.value.length === 0) {
    return <p class="text-sm text-muted">No events yet. Star a talk or write a note on a session page.</p>;
  }
  const event = events.value.find((e) => e.id === chosen) ?? events.value[0]!;
  return (
    <div class="flex flex-col gap-3">
      <label class="flex flex-col gap-0.5 text-xs text-muted">
        Event
        <select class="field" value={event.id} onChange={(e) => setChosen(e.currentTarget.value)}>
          {events.value.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <div class="flex items-start justify-between gap-2">
        <h2 class="text-base font-semibold" data-testid="event-name">
          {event.name}
        </h2>
        {!editing && (
          <button type="button" class="btn btn-ghost text-xs" onClick={() => setEditing(true)}>
            Edit event
          </button>
        )}
      </div>
      {editing && (
        <EventEditForm
          event={event}
          onCancel={() => setEditing(false)}
          onSave={async (patch) => {
            await editEvent(event.id, patch);
            setEditing(false);
          }}
        />
      )}
      {(event.location || event.timezone) && (
        <p class="text-xs text-muted">
          {[event.location, event.timezone && `Times in ${event.timezone}`].filter(Boolean).join(' · ')}
        </p>
      )}
      <EventTalks event={event} notify={notify} />
    </div>
  );
}
