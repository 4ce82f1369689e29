/** Adds a tag to a list (filters, forms): type or pick one of the known tags; Enter adds it. */
import { useState } from 'preact/hooks';
import { normalizeTag } from '../../storage/tags';

interface Props {
  id: string;
  label: string;
  known: readonly string[];
  /** Tags already chosen (not offered again). */
  chosen: readonly string[];
  onAdd: (tag: string) => void;
}

/** How many suggestions the browser's list gets (it filters them as the user types). */
const MAX_OPTIONS = 200;

export function TagPicker({ id, label, known, chosen, onAdd }: Props) {
  const [text, setText] = useState('');
  const typed = normalizeTag(text);
  const options = known
    .filter((t) => !chosen.includes(t) && (!typed || t.startsWith(typed)))
    .slice(0, MAX_OPTIONS);
  const add = () => {
    if (!typed) return;
    onAdd(typed);
    setText('');
  };
  return (
    <div class="flex items-center gap-1">
      <label for={id} class="sr-only">
        {label}
      </label>
      <input
        id={id}
        class="field py-1"
        list={`${id}-options`}
        placeholder="#tag"
        autocomplete="off"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
      />
      <datalist id={`${id}-options`}>
        {options.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <button type="button" class="btn py-1" onClick={add} disabled={!typed}>
        Add
      </button>
    </div>
  );
}
