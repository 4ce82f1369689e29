/**
 * An ARIA tab list: arrow keys move between tabs, Home/End jump. One row at the side panel's
 * default width: the views used less often show an icon (named by `aria-label` and a tooltip)
 * instead of a word, so no view is hidden behind a scroll or a second line.
 */
import type { ComponentChildren } from 'preact';

interface Props<T extends string> {
  views: readonly { id: T; label: string; icon?: ComponentChildren }[];
  current: T;
  onChange: (id: T) => void;
}

export function Tabs<T extends string>({ views, current, onChange }: Props<T>) {
  const move = (e: KeyboardEvent, i: number) => {
    const last = views.length - 1;
    const next = {
      ArrowRight: i + 1 > last ? 0 : i + 1,
      ArrowLeft: i - 1 < 0 ? last : i - 1,
      Home: 0,
      End: last,
    }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const view = views[next];
    if (!view) return;
    onChange(view.id);
    document.getElementById(`tab-${view.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Views" class="flex flex-nowrap items-center pb-2">
      {views.map((v, i) => (
        <button
          key={v.id}
          id={`tab-${v.id}`}
          type="button"
          role="tab"
          aria-selected={v.id === current}
          aria-controls={`panel-${v.id}`}
          tabIndex={v.id === current ? 0 : -1}
          aria-label={v.icon ? v.label : undefined}
          title={v.icon ? v.label : undefined}
          class={`shrink-0 rounded-full py-1 text-[13px] font-medium whitespace-nowrap ${v.icon ? 'px-1.5' : 'px-2'} ${
            v.id === current ? 'bg-tag text-tag-ink' : 'text-muted hover:bg-surface-2 hover:text-ink'
          }`}
          onClick={() => onChange(v.id)}
          onKeyDown={(e) => move(e, i)}
        >
          {v.icon ?? v.label}
        </button>
      ))}
    </div>
  );
}
