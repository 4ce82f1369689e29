/**
 * The library's filters: tags (all of them), kind, event, a date range and "has a thumbnail". They
 * combine with each other, with the place in the library and with the search.
 */

import { isNoteKind, KIND_LABEL, NOTE_KINDS } from '../../storage/kinds';
import type { LibraryFilter } from '../../storage/library';
import { TagPicker } from './TagPicker';

interface Props {
  filter: LibraryFilter;
  onChange: (next: LibraryFilter) => void;
  knownTags: readonly string[];
  events: readonly { id: string; name: string }[];
  /** Hide the event picker where the place already is an event, day or talk. */
  eventFixed?: boolean;
}

/** `YYYY-MM-DD` (a date input's value) → local midnight, epoch ms. */
export function dayStart(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}

/** Epoch ms → `YYYY-MM-DD` in local time (for a date input). */
export function dayValue(epochMs: number | undefined): string {
  if (epochMs === undefined) return '';
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const nextDay = (epochMs: number) => {
  const d = new Date(epochMs);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
};

/** Sets or clears one field of a filter. */
function withField<K extends keyof LibraryFilter>(
  f: LibraryFilter,
  key: K,
  value: LibraryFilter[K] | undefined,
) {
  const next = { ...f };
  if (value === undefined || value === false || (Array.isArray(value) && value.length === 0))
    delete next[key];
  else next[key] = value;
  return next;
}

export function LibraryFilters({ filter, onChange, knownTags, events, eventFixed }: Props) {
  const tags = filter.tags ?? [];
  return (
    <fieldset class="flex flex-col gap-2 rounded-md border border-line p-2" aria-label="Filters">
      <legend class="sr-only">Filters</legend>
      <div class="flex flex-wrap items-center gap-1">
        {tags.map((t) => (
          <span key={t} class="chip gap-1" data-filter-tag={t}>
            #{t}
            <button
              type="button"
              class="rounded-full px-1 leading-none"
              aria-label={`Remove tag filter ${t}`}
              onClick={() =>
                onChange(
                  withField(
                    filter,
                    'tags',
                    tags.filter((x) => x !== t),
                  ),
                )
              }
            >
              ×
            </button>
          </span>
        ))}
        <TagPicker
          id="filter-tag"
          label="Filter by tag (notes must have every tag)"
          known={knownTags}
          chosen={tags}
          onAdd={(t) => onChange(withField(filter, 'tags', [...tags, t]))}
        />
      </div>
      <div class="grid grid-cols-2 gap-2 text-sm">
        <label class="flex flex-col gap-0.5">
          <span class="text-xs text-muted">Kind</span>
          <select
            class="field py-1"
            value={filter.kind ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              onChange(withField(filter, 'kind', isNoteKind(v) ? v : undefined));
            }}
          >
            <option value="">Any kind</option>
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        {!eventFixed && (
          <label class="flex flex-col gap-0.5">
            <span class="text-xs text-muted">Event</span>
            <select
              class="field py-1"
              value={filter.eventId ?? ''}
              onChange={(e) => onChange(withField(filter, 'eventId', e.currentTarget.value || undefined))}
            >
              <option value="">Any event</option>
              {events.map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {ev.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="flex flex-col gap-0.5">
          <span class="text-xs text-muted">From</span>
          <input
            type="date"
            class="field py-1"
            value={dayValue(filter.from)}
            onChange={(e) => onChange(withField(filter, 'from', dayStart(e.currentTarget.value)))}
          />
        </label>
        <label class="flex flex-col gap-0.5">
          <span class="text-xs text-muted">To (inclusive)</span>
          <input
            type="date"
            class="field py-1"
            value={filter.to === undefined ? '' : dayValue(filter.to - 1)}
            onChange={(e) => {
              const start = dayStart(e.currentTarget.value);
              onChange(withField(filter, 'to', start === undefined ? undefined : nextDay(start)));
            }}
          />
        </label>
      </div>
      <div class="flex items-center justify-between gap-2">
        <label class="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={Boolean(filter.hasThumbnail)}
            onChange={(e) => onChange(withField(filter, 'hasThumbnail', e.currentTarget.checked))}
          />
          Has a slide thumbnail
        </label>
        <button type="button" class="btn btn-ghost text-xs" onClick={() => onChange({})}>
          Clear filters
        </button>
      </div>
    </fieldset>
  );
}
