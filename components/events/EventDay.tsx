/** One day of an event: its talks in time order, each with time, room and star, expandable to the card. */
import type { ComponentChildren } from 'preact';
import { describeTime } from '../../capture/time';
import type { TalkRecord } from '../../storage/types';
import { TalkStar } from '../talk/TalkStar';

interface Props {
  label: string;
  talks: readonly TalkRecord[];
  zone?: string;
  openId?: string;
  onOpen: (id: string | undefined) => void;
  onStar: (talk: TalkRecord) => void;
  /** The open talk's card. */
  renderOpen: (talk: TalkRecord) => ComponentChildren;
}

export function EventDay({ label, talks, zone, openId, onOpen, onStar, renderOpen }: Props) {
  return (
    <section class="flex flex-col gap-1" aria-label={label}>
      <h3 class="text-sm font-semibold">{label}</h3>
      <ul class="flex flex-col gap-1">
        {talks.map((t) => {
          const time = describeTime(t.startsAt, t.endsAt, t.timezone ?? zone);
          const clock = time?.event.split(', ').slice(-1)[0];
          return (
            <li key={t.id} class="flex flex-col gap-1 border-b border-line pb-1" data-talk-id={t.id}>
              <div class="flex items-start gap-2">
                <span class="w-24 shrink-0 text-xs tabular-nums text-muted" data-testid="event-talk-time">
                  {clock ?? '—'}
                </span>
                <button
                  type="button"
                  class="min-w-0 flex-1 text-left text-sm font-medium break-words hover:underline"
                  aria-expanded={openId === t.id}
                  onClick={() => onOpen(openId === t.id ? undefined : t.id)}
                >
                  {t.title}
                  {t.room && <span class="block text-xs font-normal text-muted">{t.room}</span>}
                </button>
                <TalkStar starred={!!t.starredAt} title={t.title} onToggle={() => onStar(t)} />
              </div>
              {openId === t.id && renderOpen(t)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
