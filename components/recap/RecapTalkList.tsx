/**
 * The talks of a recap, in order: drag to reorder, or ↑/↓ on a talk's handle, or the ↑/↓
 * buttons; per talk, which notes go in and whether slide thumbnails do.
 */
import { useState } from 'preact/hooks';
import { counted } from '../../recap/coverage';
import type { Include } from '../../recap/model';
import type { TalkRecord } from '../../storage/types';
import { type Draft, talkOptions } from './RecapDraft';

interface Props {
  draft: Draft;
  talks: TalkRecord[];
  noteCounts: Map<string, number>;
  update: (patch: Partial<Draft>) => void;
}

const INCLUDE: { value: Include; label: string }[] = [
  { value: 'all', label: 'All notes' },
  { value: 'takeaways', label: 'Takeaways only' },
  { value: 'quotes', label: 'Quotes only' },
];

export function RecapTalkList({ draft, talks, noteCounts, update }: Props) {
  const [dragged, setDragged] = useState<number | null>(null);
  const ids = draft.talkIds;

  const move = (from: number, to: number) => {
    if (to < 0 || to >= ids.length || from === to) return;
    const next = [...ids];
    const [id] = next.splice(from, 1);
    next.splice(to, 0, id!);
    update({ talkIds: next });
    requestAnimationFrame(() => document.getElementById(`recap-talk-${id}`)?.focus());
  };
  const setOption = (talkId: string, patch: Partial<ReturnType<typeof talkOptions>>) =>
    update({ talkOptions: { ...draft.talkOptions, [talkId]: { ...talkOptions(draft, talkId), ...patch } } });

  if (talks.length === 0) {
    return (
      <p class="text-sm text-muted">
        {draft.day ? 'No talks on this day.' : 'No talks yet: pick an event and a day, a date, or talks.'}
      </p>
    );
  }
  return (
    <ol class="flex flex-col gap-2" aria-label="Talks in this recap">
      {talks.map((talk, i) => {
        const opts = talkOptions(draft, talk.id);
        return (
          <li
            key={talk.id}
            draggable
            data-talk-id={talk.id}
            class={`card flex flex-col gap-2 ${dragged === i ? 'opacity-50' : ''}`}
            onDragStart={(e) => {
              setDragged(i);
              e.dataTransfer?.setData('text/plain', String(i));
            }}
            onDragEnd={() => setDragged(null)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const from = Number(e.dataTransfer?.getData('text/plain') ?? dragged);
              if (Number.isInteger(from)) move(from, i);
              setDragged(null);
            }}
          >
            <div class="flex items-start gap-2">
              <button
                type="button"
                id={`recap-talk-${talk.id}`}
                class="cursor-grab select-none px-1 text-muted"
                title="Drag, or press ↑/↓, to reorder"
                aria-label={`${i + 1} of ${talks.length}: ${talk.title}. Press up or down arrow to move.`}
                onKeyDown={(e) => {
                  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
                  e.preventDefault();
                  move(i, e.key === 'ArrowUp' ? i - 1 : i + 1);
                }}
              >
                ⋮⋮
              </button>
              <span class="flex-1 text-sm font-medium">{talk.title}</span>
              <span class="text-xs text-muted">{counted(noteCounts.get(talk.id) ?? 0, 'note')}</span>
            </div>
            <div class="flex flex-wrap items-center gap-2 text-xs">
              <label class="flex items-center gap-1">
                <span class="sr-only">Notes of {talk.title}</span>
                <select
                  class="field w-auto py-1 text-xs"
                  value={opts.include}
                  onChange={(e) => setOption(talk.id, { include: e.currentTarget.value as Include })}
                >
                  {INCLUDE.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
              <label class="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={opts.thumbnails}
                  onChange={(e) => setOption(talk.id, { thumbnails: e.currentTarget.checked })}
                />
                Slide thumbnails
              </label>
              <span class="ml-auto flex gap-1">
                <button
                  type="button"
                  class="btn btn-ghost px-1 text-xs"
                  aria-label={`Move ${talk.title} up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="btn btn-ghost px-1 text-xs"
                  aria-label={`Move ${talk.title} down`}
                  disabled={i === talks.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  class="btn btn-ghost px-1 text-xs"
                  aria-label={`Leave ${talk.title} out`}
                  onClick={() => update({ talkIds: ids.filter((id) => id !== talk.id) })}
                >
                  ✕
                </button>
              </span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
