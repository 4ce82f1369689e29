/** The talks a schedule page lists, each with its star: the personal agenda is built from here. */
import type { EventRef, TalkRef } from '../../capture/types';
import type { TalkRecord } from '../../storage/types';
import { TalkStar } from './TalkStar';
import { TalkTime } from './TalkTime';

interface Props {
  talks: readonly TalkRef[];
  event?: EventRef;
  /** Stored talks of this page, to show which are starred. */
  stored: readonly TalkRecord[];
  onStar: (talk: TalkRef, starred: boolean) => void;
}

const keyOf = (t: { title: string; url?: string; startsAt?: string }) =>
  t.url ?? `${t.title}|${t.startsAt ?? ''}`;

export function TalkSchedule({ talks, event, stored, onStar }: Props) {
  const starred = new Set(stored.filter((t) => t.starredAt).map(keyOf));
  return (
    <section class="flex flex-col gap-2" aria-label="Talks on this page">
      <h2 class="text-sm font-semibold">
        {talks.length === 1 ? '1 talk' : `${talks.length} talks`} on this page
        {event ? ` · ${event.name}` : ''}
      </h2>
      <ul class="flex flex-col gap-1">
        {talks.slice(0, 200).map((t) => {
          const on = starred.has(keyOf(t));
          return (
            <li key={keyOf(t)} class="flex items-start justify-between gap-2 border-b border-line pb-1">
              <div class="min-w-0">
                <p class="text-sm font-medium break-words">{t.title}</p>
                {t.speakers.length > 0 && (
                  <p class="text-xs text-muted">{t.speakers.map((s) => s.name).join(', ')}</p>
                )}
                <TalkTime startsAt={t.startsAt} endsAt={t.endsAt} timezone={t.timezone ?? event?.timezone} />
              </div>
              <TalkStar starred={on} title={t.title} onToggle={() => onStar(t, !on)} />
            </li>
          );
        })}
      </ul>
      {talks.length > 200 && <p class="text-xs text-muted">Showing the first 200.</p>}
    </section>
  );
}
