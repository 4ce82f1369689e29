/**
 * Says what happened to the database connection (storage/db.ts `watchDatabase`): the extension was
 * updated in another tab and this page reconnected, an older page blocks an update, an open failed
 * and is retried. Shown at the top of the page until dismissed; announced to screen readers.
 */
import { useEffect, useState } from 'preact/hooks';
import { type DatabaseNotice as Notice, onDatabaseNotice } from '../../storage/notices';

export function DatabaseNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => onDatabaseNotice(setNotice), []);
  return (
    <div role="alert" class="empty:hidden">
      {notice && (
        <div class="flex items-start gap-3 border-b border-line bg-surface-2 px-4 py-2 text-sm text-ink">
          <p class="flex-1">{notice.message}</p>
          <button
            type="button"
            class="rounded px-2 py-0.5 font-semibold underline focus-visible:outline-2"
            onClick={() => setNotice(null)}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
