/**
 * The form shared by the hand-edit forms (talk, event): labelled fields (text, day, time or a
 * choice), a line of explanation where a field needs one, the error, Cancel/Save.
 */
import { useId, useState } from 'preact/hooks';

/** One field of an edit form. */
export interface FormField<K extends string> {
  key: K;
  label: string;
  /** The input: text (the default), a day picker, a time picker, or a select of `options`. */
  type?: 'text' | 'date' | 'time' | 'select';
  options?: readonly { value: string; label: string }[];
  /** One line under the field saying what it means now (it may read the form's values). */
  hint?: (values: Record<K, string>) => string;
  /** Sits on one row with the fields next to it that name the same row (a day and its time). */
  row?: string;
}

interface Props<K extends string, P extends object> {
  /** The form's accessible name, e.g. "Edit talk". */
  label: string;
  /** The submit button's text, e.g. "Save talk". */
  saveLabel: string;
  fields: readonly FormField<K>[];
  /** The fields' starting values (read on the first render only). */
  initial: () => Record<K, string>;
  /** The patch to save for these values, or an error message to show instead. */
  toPatch: (values: Record<K, string>) => P | string;
  onSave: (patch: P) => Promise<void>;
  /** Shown when `onSave` fails without an Error message. */
  saveFailed: string;
  onCancel: () => void;
  class?: string;
}

/** Consecutive fields naming the same `row` as one row; every other field as a row of its own. */
function rows<K extends string>(fields: readonly FormField<K>[]): FormField<K>[][] {
  const out: FormField<K>[][] = [];
  for (const f of fields) {
    const last = out[out.length - 1];
    if (f.row && last?.[0]?.row === f.row) last.push(f);
    else out.push([f]);
  }
  return out;
}

/** One input per field, the error as an alert, Cancel and Save: written once so both forms match. */
export function EditForm<K extends string, P extends object>(props: Props<K, P>) {
  const { fields, toPatch, onSave } = props;
  const [values, setValues] = useState(props.initial);
  const [error, setError] = useState('');
  const formId = useId();
  const submit = async (e: Event) => {
    e.preventDefault();
    const patch = toPatch(values);
    if (typeof patch === 'string') return setError(patch);
    try {
      await onSave(patch);
    } catch (err) {
      setError(err instanceof Error ? err.message : props.saveFailed);
    }
  };
  const set = (key: K, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const field = (f: FormField<K>) => {
    const hint = f.hint?.(values);
    const id = `${formId}-${f.key}`;
    const hintId = hint ? `${id}-hint` : undefined;
    const common = {
      id,
      class: 'field',
      name: f.key,
      value: values[f.key],
      'aria-describedby': hintId,
    };
    return (
      <div key={f.key} class="flex min-w-0 flex-1 flex-col gap-0.5 text-xs text-muted">
        <label for={id}>{f.label}</label>
        {f.type === 'select' ? (
          <select {...common} onChange={(e) => set(f.key, e.currentTarget.value)}>
            {f.options?.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type={f.type ?? 'text'} onInput={(e) => set(f.key, e.currentTarget.value)} />
        )}
        {hint && <p id={hintId}>{hint}</p>}
      </div>
    );
  };
  return (
    <form class={props.class} aria-label={props.label} onSubmit={(e) => void submit(e)}>
      {rows(fields).map((row) =>
        row.length === 1 ? (
          field(row[0]!)
        ) : (
          <div key={row[0]!.key} class="flex flex-wrap gap-2">
            {row.map(field)}
          </div>
        ),
      )}
      {error && (
        <p role="alert" class="text-sm text-danger">
          {error}
        </p>
      )}
      <div class="flex justify-end gap-2">
        <button type="button" class="btn" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary">
          {props.saveLabel}
        </button>
      </div>
    </form>
  );
}
