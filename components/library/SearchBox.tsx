/**
 * The library's search field. `/` anywhere in the panel comes here; arrows and Enter drive the list
 * below (combobox pattern: focus stays in the field, the active row is announced); Escape goes back.
 */
import type { Ref } from 'preact';

interface Props {
  value: string;
  onInput: (value: string) => void;
  /** Keys the field does not use itself (arrows, Enter, Escape). */
  onKey: (e: KeyboardEvent) => void;
  listId: string;
  activeId?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Under the field: how many results, how long, the index's state. */
  status?: string;
}

export function SearchBox({ value, onInput, onKey, listId, activeId, inputRef, status }: Props) {
  return (
    <div class="flex flex-col gap-1">
      <label for="library-search" class="sr-only">
        Search notes, talks, speakers and tags
      </label>
      <input
        id="library-search"
        ref={inputRef}
        type="search"
        class="field"
        placeholder="Search notes, talks, #tags…  ( / )"
        autocomplete="off"
        spellcheck={false}
        role="combobox"
        aria-expanded={Boolean(value.trim())}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby="library-search-status"
        value={value}
        maxLength={10_000}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Enter', 'Escape'].includes(e.key)) onKey(e);
        }}
      />
      <p id="library-search-status" class="min-h-4 text-xs text-muted" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
