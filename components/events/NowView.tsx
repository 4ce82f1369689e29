/**
 * "Now": the starred talk running at this moment (a quick note from any tab files under it), and the
 * personal agenda — every starred talk, by day.
 */
import { useState } from 'preact/hooks';
import { talkRunningAt } from '../../storage/filing';
import { setStarred, starredTalks } from '../../storage/talks';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { useMinute } from '../shared/useMinute';
import { StoredTalk } from '../talk/TalkSection';
import { EventDay } from './EventDay';
import { byDay } from './event-days';

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));

export function NowView({ notify }: { notify: (t: ToastState) => void }) {
  const minute = useMinute();
  const running = useLive(() => talkRunningAt(minute), [minute]);
  const agenda = useLive(starredTalks, []);
  const [open, setOpen] = useState<string | undefined>();
  return (
    <div class="flex flex-col gap-4">
      <section aria-label="Running now" class="flex flex-col gap-2">
        <h2 class="text-xs font-semibold uppercase tracking-wide text-muted">Running now</h2>
        {running.status === 'ready' && running.value ? (
          <>
            <StoredTalk record={running.value} notify={notify} level={3} />
            <p class="text-xs text-muted">
              Notes you write on any page until it ends go under this talk; move one with “Filed under”.
            </p>
          </>
        ) : (
          <p class="text-sm text-muted">None of your starred talks is running now.</p>
        )}
      </section>
      <section aria-label="Your agenda" class="flex flex-col gap-2">
        <h2 class="text-xs font-semibold uppercase tracking-wide text-muted">Your agenda</h2>
        {agenda.status === 'ready' && agenda.value.length === 0 && (
          <p class="text-sm text-muted">Star talks on session or schedule pages to build your agenda.</p>
        )}
        {agenda.status === 'ready' &&
          byDay(agenda.value).map(({ day, talks }) => (
            <EventDay
              key={day || 'unscheduled'}
              label={day ? dayLabel(day) : 'Time not known'}
              talks={talks}
              openId={open}
              onOpen={setOpen}
              onStar={(t) => void setStarred(t.id, !t.starredAt)}
              renderOpen={(t) => <StoredTalk record={t} notify={notify} level={3} />}
            />
          ))}
      </section>
    </div>
  );
}
