/** What a place in the library is: an event's dates and place, a talk's time, speakers and links. */

import { getEvent } from '../../storage/events';
import { getTalk } from '../../storage/talks';
import { useLive } from '../shared/useLive';
import type { Scope } from './LibraryScope';

const isWebUrl = (url?: string): url is string => Boolean(url && /^https?:\/\//i.test(url));

function TalkInfo({ talkId }: { talkId: string }) {
  const talk = useLive(() => getTalk(talkId), [talkId]);
  if (talk.status !== 'ready' || !talk.value) return null;
  const t = talk.value;
  const links = [
    ['Session page', t.url],
    ['Slides', t.slidesUrl],
    ['Video', t.videoUrl],
  ].filter((l): l is [string, string] => isWebUrl(l[1]));
  return (
    <section class="card flex flex-col gap-1" aria-label="Talk">
      <h2 class="text-sm font-semibold">{t.title}</h2>
      {t.speakers.length > 0 && <p class="text-xs">{t.speakers.map((s) => s.name).join(', ')}</p>}
      <p class="text-xs text-muted">
        {[t.startsAt?.replace('T', ' ').slice(0, 16), t.room, t.track].filter(Boolean).join(' · ')}
      </p>
      {links.length > 0 && (
        <p class="flex flex-wrap gap-2 text-xs">
          {links.map(([label, href]) => (
            <a key={label} href={href} target="_blank" rel="noreferrer" class="text-accent underline">
              {label}
            </a>
          ))}
        </p>
      )}
    </section>
  );
}

function EventInfo({ eventId }: { eventId: string }) {
  const event = useLive(() => getEvent(eventId), [eventId]);
  if (event.status !== 'ready' || !event.value) return null;
  const e = event.value;
  const when = e.startDate
    ? e.endDate && e.endDate !== e.startDate
      ? `${e.startDate} – ${e.endDate}`
      : e.startDate
    : '';
  const detail = [when, e.location].filter(Boolean).join(' · ');
  return detail ? <p class="text-xs text-muted">{detail}</p> : null;
}

export function LibraryHeader({ scope }: { scope: Scope }) {
  if (scope.level === 'talk') return <TalkInfo talkId={scope.talkId} />;
  if (scope.level === 'event') return <EventInfo eventId={scope.eventId} />;
  return null;
}
