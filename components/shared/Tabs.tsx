/**
 * An ARIA tab list: arrow keys move between tabs, Home/End jump. Pills that wrap onto a second line
 * in a narrow panel, so every view stays in sight (a scrolled strip hid the last ones).
 */
interface Props<T extends string> {
  views: readonly { id: T; label: string }[];
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
    <div role="tablist" aria-label="Views" class="flex flex-wrap gap-1 pb-2">
      {views.map((v, i) => (
        <button
          key={v.id}
          id={`tab-${v.id}`}
          type="button"
          role="tab"
          aria-selected={v.id === current}
          aria-controls={`panel-${v.id}`}
          tabIndex={v.id === current ? 0 : -1}
          class={`rounded-full px-3 py-1 text-sm font-medium whitespace-nowrap ${
            v.id === current ? 'bg-tag text-tag-ink' : 'text-muted hover:bg-surface-2 hover:text-ink'
          }`}
          onClick={() => onChange(v.id)}
          onKeyDown={(e) => move(e, i)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
