/** An ARIA tab list: arrow keys move between tabs, Home/End jump. */
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
    <div role="tablist" aria-label="Views" class="flex gap-1 overflow-x-auto whitespace-nowrap">
      {views.map((v, i) => (
        <button
          key={v.id}
          id={`tab-${v.id}`}
          type="button"
          role="tab"
          aria-selected={v.id === current}
          aria-controls={`panel-${v.id}`}
          tabIndex={v.id === current ? 0 : -1}
          class={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
            v.id === current ? 'border-accent text-ink' : 'border-transparent text-muted hover:text-ink'
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
