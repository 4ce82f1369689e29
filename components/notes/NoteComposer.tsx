/** The note box: Markdown with `#tags` (autocompleted), Ctrl/Cmd+Enter saves, errors said plainly. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyTag, type Partial, partialTagAt, suggestTags } from './tag-complete';

interface Props {
  knownTags: readonly string[];
  /** Saves the body; throws with a user-facing message when it cannot. */
  onSave: (body: string) => Promise<void>;
  placeholder?: string;
  autoFocus?: boolean;
  /** Pressed Escape with nothing to dismiss (the popup closes itself). */
  onEscape?: () => void;
  /** Told the text as it is typed (the popup shows the kind a prefix gives). */
  onText?: (text: string) => void;
  /**
   * Text to put back in the box (a kept draft), and whether to save it at once (its save failed
   * before); applied each time a new object is given.
   */
  restore?: { text: string; save: boolean };
}

export function NoteComposer({
  knownTags,
  onSave,
  placeholder,
  autoFocus,
  onEscape,
  onText,
  restore,
}: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [partial, setPartial] = useState<Partial | null>(null);
  const [active, setActive] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) area.current?.focus(); // the popup opens to type a note
  }, [autoFocus]);
  useEffect(() => {
    if (!restore) return;
    setText(restore.text);
    onText?.(restore.text);
    if (restore.save) void save(restore.text);
  }, [restore]);
  const options = partial ? suggestTags(knownTags, partial.typed) : [];
  const open = options.length > 0;

  const refreshPartial = (value: string, caret: number) => {
    setPartial(partialTagAt(value, caret));
    setActive(0);
  };

  const choose = (tag: string) => {
    const el = area.current;
    if (!el || !partial) return;
    const next = applyTag(text, el.selectionStart, partial, tag);
    setText(next.text);
    setPartial(null);
    requestAnimationFrame(() => el.setSelectionRange(next.caret, next.caret));
  };

  const save = async (body = text) => {
    if (busy) return;
    setBusy(true);
    try {
      await onSave(body);
      setText('');
      onText?.('');
      setError('');
      setPartial(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The note could not be saved.');
    } finally {
      setBusy(false);
      area.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (open && (e.key === 'Tab' || (e.key === 'Enter' && !e.ctrlKey && !e.metaKey))) {
      e.preventDefault();
      choose(options[active] ?? options[0]!);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open) setPartial(null);
      else onEscape?.();
    }
  };

  return (
    <form
      class="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label for="note-body" class="sr-only">
        Note
      </label>
      <div class="relative">
        <textarea
          id="note-body"
          ref={area}
          class="field min-h-24 resize-y font-[inherit]"
          value={text}
          placeholder={placeholder ?? 'What stood out? Use #tags'}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls="tag-suggestions"
          aria-activedescendant={open ? `tag-option-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'note-error' : 'note-hint'}
          onInput={(e) => {
            const el = e.currentTarget;
            setText(el.value);
            onText?.(el.value);
            if (error) setError('');
            refreshPartial(el.value, el.selectionStart);
          }}
          onKeyUp={(e) => {
            if (e.key === 'ArrowLeft' || e.key === 'ArrowRight')
              refreshPartial(text, e.currentTarget.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setPartial(null), 150)}
        />
        <div
          id="tag-suggestions"
          role="listbox"
          aria-label="Tag suggestions"
          class={`${open ? '' : 'hidden '}absolute left-2 z-10 mt-1 min-w-40 rounded-md border border-line bg-surface py-1 shadow-lg`}
        >
          {options.map((tag, i) => (
            <div
              key={tag}
              tabIndex={-1}
              id={`tag-option-${i}`}
              role="option"
              aria-selected={i === active}
              class={`cursor-pointer px-3 py-1 text-sm ${i === active ? 'bg-tag text-tag-ink' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(tag);
              }}
            >
              #{tag}
            </div>
          ))}
        </div>
      </div>
      {error ? (
        <p id="note-error" role="alert" class="text-sm text-danger">
          {error}
        </p>
      ) : (
        <p id="note-hint" class="text-xs text-muted">
          Ctrl+Enter saves · #tags file it · start with ? ! or &gt; for a question, takeaway or quote
          {onEscape ? ' · Esc closes' : ''}
        </p>
      )}
      <div class="flex justify-end">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save note'}
        </button>
      </div>
    </form>
  );
}
