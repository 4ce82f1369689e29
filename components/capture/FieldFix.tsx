/**
 * "Not right?" (issue 15): fixes one captured field in place — keep or drop each speaker, pick
 * another value the page shows, type one, or say the page has none — and asks whether to remember
 * it for every page of the site. Loaded on first use (the popup's initial JS is budgeted). Page
 * strings render as text only.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CandidateField, PageCapture, Speaker } from '../../capture/types';
import { safeHttpUrl } from '../../capture/url';
import type { FixValue } from './corrections';
import { FIELD_NAMES, sourceWords } from './evidence';

interface Props {
  capture: PageCapture;
  field: CandidateField;
  onApply: (value: FixValue, everyPage: boolean) => void;
  onCancel: () => void;
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function shownValue(capture: PageCapture, field: CandidateField): string {
  if (field === 'event') return capture.event?.name ?? '';
  if (field === 'speakers') return '';
  return capture.talk?.[field] ?? '';
}

export function FieldFix({ capture, field, onApply, onCancel }: Props) {
  const name = FIELD_NAMES[field];
  const id = `fix-${field}`;
  const candidates = capture.candidates?.[field] ?? [];
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);
  const [remember, setRemember] = useState(true);
  const [error, setError] = useState('');

  // Speakers: the names shown (ticked) and the other names the page shows (not ticked).
  const shown = capture.talk?.speakers ?? [];
  const others: { name: string; where: string }[] = [];
  for (const c of field === 'speakers' ? candidates : []) {
    if (shown.some((s) => same(s.name, c.value)) || others.some((o) => same(o.name, c.value))) continue;
    others.push({ name: c.value, where: sourceWords(field, c.source, c.label) });
  }
  const [kept, setKept] = useState<string[]>(() => shown.map((s) => s.name));
  const [typed, setTyped] = useState('');

  // One value: what is shown, the page's other values, a typed one, or none.
  const current = shownValue(capture, field);
  const options: { value: string; where?: string }[] = [];
  if (current) options.push({ value: current, where: 'shown now' });
  for (const c of field === 'speakers' ? [] : candidates) {
    if (!options.some((o) => same(o.value, c.value))) {
      options.push({ value: c.value, where: sourceWords(field, c.source, c.label) });
    }
  }
  const [choice, setChoice] = useState<string>(current ? '0' : options.length ? '1' : 'typed');
  const canType = field !== 'startsAt';
  const canClear = field !== 'title';

  const submit = (e: Event) => {
    e.preventDefault();
    setError('');
    if (field === 'speakers') {
      const names = [...shown.map((s) => s.name), ...others.map((o) => o.name)].filter((n) =>
        kept.includes(n),
      );
      const list: Speaker[] = names.map((n) => shown.find((s) => s.name === n) ?? { name: n });
      for (const n of typed.split(/[,;]/)) {
        const t = n.trim().slice(0, 200);
        if (t && !list.some((s) => same(s.name, t))) list.push({ name: t });
      }
      onApply(list, remember);
      return;
    }
    if (choice === 'none') return onApply(null, remember);
    let value = choice === 'typed' ? typed.trim() : (options[Number(choice)]?.value ?? '');
    if (!value) return setError(`Type the ${name}, or pick one.`);
    if (field === 'slidesUrl' || field === 'videoUrl') {
      const link = safeHttpUrl(value);
      if (!link) return setError('A link starts with http:// or https://.');
      value = link;
    }
    onApply(value.slice(0, 500), remember);
  };

  return (
    <form
      ref={form}
      class="mt-1 flex flex-col gap-1.5 rounded border border-line p-2 text-sm"
      aria-label={`Correct the ${name}`}
      data-testid={`fix-${field}`}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      {field === 'speakers' ? (
        <fieldset class="flex flex-col gap-1">
          <legend class="text-xs font-semibold">Speakers of this talk</legend>
          {[...shown.map((s) => ({ name: s.name, where: 'shown now' })), ...others].map((s, i) => (
            <label key={`${i}-${s.name}`} class="flex items-baseline gap-1.5">
              <input
                type="checkbox"
                checked={kept.includes(s.name)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setKept((k) => (on ? [...k, s.name] : k.filter((n) => n !== s.name)));
                }}
              />
              <span class="min-w-0 break-words">{s.name}</span>
              <span class="text-xs text-muted">{s.where}</span>
            </label>
          ))}
          <label class="flex flex-col gap-0.5 text-xs">
            Other names (comma-separated)
            <input
              class="field px-2 py-1"
              type="text"
              maxLength={500}
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          </label>
          <button
            type="button"
            class="btn btn-ghost self-start text-xs"
            onClick={() => {
              setKept([]);
              setTyped('');
              onApply([], remember);
            }}
          >
            No speaker on this page
          </button>
        </fieldset>
      ) : (
        <fieldset class="flex flex-col gap-1">
          <legend class="text-xs font-semibold">The {name} of this talk</legend>
          {options.map((o, i) => (
            <label key={`${i}-${o.value}`} class="flex items-baseline gap-1.5">
              <input
                type="radio"
                name={id}
                checked={choice === String(i)}
                onChange={() => {
                  setChoice(String(i));
                  setRemember(true);
                }}
              />
              <span class="min-w-0 break-all">{o.value}</span>
              {o.where && <span class="text-xs text-muted">{o.where}</span>}
            </label>
          ))}
          {canType && (
            <label class="flex items-baseline gap-1.5">
              <input
                type="radio"
                name={id}
                checked={choice === 'typed'}
                onChange={() => {
                  setChoice('typed');
                  // A typed event may be this page's only: the user ticks "every page" if it is the site's.
                  if (field === 'event') setRemember(false);
                }}
              />
              <span class="sr-only">Another {name}</span>
              <input
                class="field min-w-0 flex-1 px-2 py-1"
                type={field === 'slidesUrl' || field === 'videoUrl' ? 'url' : 'text'}
                aria-label={`Type the ${name}`}
                placeholder={`Type the ${name}`}
                maxLength={500}
                value={typed}
                onFocus={() => {
                  if (choice !== 'typed' && field === 'event') setRemember(false);
                  setChoice('typed');
                }}
                onInput={(e) => setTyped(e.currentTarget.value)}
              />
            </label>
          )}
          {canClear && (
            <label class="flex items-baseline gap-1.5">
              <input
                type="radio"
                name={id}
                checked={choice === 'none'}
                onChange={() => {
                  setChoice('none');
                  setRemember(true);
                }}
              />
              <span>This page has no {name}</span>
            </label>
          )}
        </fieldset>
      )}
      <label class="flex items-baseline gap-1.5 text-xs">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
        {field === 'event' && choice === 'typed'
          ? 'This is the event of every page of this site'
          : 'Remember for every page of this site'}
      </label>
      {error && (
        <p role="alert" class="text-xs text-danger">
          {error}
        </p>
      )}
      <div class="flex justify-end gap-2">
        <button type="button" class="btn btn-ghost text-xs" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary text-xs">
          Apply
        </button>
      </div>
    </form>
  );
}
