/** The form shared by the hand-edit forms (talk, event): labelled text fields, error, Cancel/Save. */
import { useState } from 'preact/hooks';

interface Props<K extends string, P extends object> {
  /** The form's accessible name, e.g. "Edit talk". */
  label: string;
  /** The submit button's text, e.g. "Save talk". */
  saveLabel: string;
  fields: readonly { key: K; label: string }[];
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

/** One text input per field, the error as an alert, Cancel and Save: written once so both forms match. */
export function EditForm<K extends string, P extends object>(props: Props<K, P>) {
  const { fields, toPatch, onSave } = props;
  const [values, setValues] = useState(props.initial);
  const [error, setError] = useState('');
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
  return (
    <form class={props.class} aria-label={props.label} onSubmit={(e) => void submit(e)}>
      {fields.map(({ key, label }) => (
        <label key={key} class="flex flex-col gap-0.5 text-xs text-muted">
          {label}
          <input
            class="field"
            name={key}
            value={values[key]}
            onInput={(e) => setValues({ ...values, [key]: e.currentTarget.value })}
          />
        </label>
      ))}
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
