/** A transient status line with an optional action (Undo). Announced to screen readers. */
import { useEffect } from 'preact/hooks';

export interface ToastState {
  message: string;
  action?: { label: string; run: () => void };
}

interface Props {
  toast: ToastState | null;
  onClose: () => void;
  /** How long it stays (ms). Undo needs time to be reached by keyboard. */
  timeoutMs?: number;
}

export function Toast({ toast, onClose, timeoutMs = 8000 }: Props) {
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(onClose, timeoutMs);
    return () => clearTimeout(t);
  }, [toast, onClose, timeoutMs]);

  return (
    <div
      role="status"
      aria-live="polite"
      class="pointer-events-none fixed inset-x-3 bottom-3 flex justify-center"
    >
      {toast && (
        <div class="pointer-events-auto flex items-center gap-3 rounded-lg bg-ink px-4 py-2 text-sm text-surface shadow-lg">
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              class="rounded px-2 py-0.5 font-semibold underline"
              onClick={() => {
                toast.action?.run();
                onClose();
              }}
            >
              {toast.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
