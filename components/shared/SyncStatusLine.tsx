/**
 * The side panel's sync status, in the header: a few words ("Synced 2 min ago", "3 changes wait",
 * "Offline") that follow the background's rounds live, linking to the options page's Sync section
 * (where the whole sentence and the settings are), and a "Sync now" button. Nothing while sync is
 * off: the panel stays as it was for those who do not sync.
 */
import { useState } from 'preact/hooks';
import { sendMessage } from '../../messaging/protocol';
import { readSyncMeta, type SyncStatus } from '../../storage/sync-store';
import { syncStatusShort, syncStatusText } from './sync-words';
import { useLive } from './useLive';
import { useMinute } from './useMinute';

export function SyncStatusLine() {
  const live = useLive(() => readSyncMeta<SyncStatus>('status'), []);
  const minute = useMinute();
  const [asked, setAsked] = useState(false);
  const status = live.status === 'ready' ? live.value : undefined;
  if (!status || status.state === 'off') return null;
  const now = Math.max(minute, Date.now());
  const syncNow = () => {
    setAsked(true);
    void sendMessage('syncNow', undefined)
      .catch(() => undefined)
      .finally(() => setAsked(false));
  };
  return (
    <span class="flex min-w-0 items-baseline gap-1.5 text-xs font-normal">
      <span role="status" class="min-w-0 truncate" data-testid="panel-sync-status">
        <a
          class={status.state === 'error' ? 'text-danger underline' : 'text-muted underline'}
          href="/options.html#sync"
          target="_blank"
          rel="noopener"
          title={syncStatusText(status)}
        >
          {syncStatusShort(status, now)}
        </a>
      </span>
      {status.state !== 'paused' && (
        <button
          type="button"
          class="shrink-0 rounded border border-line px-1.5 text-xs text-ink hover:bg-surface-2 disabled:opacity-50"
          disabled={asked || status.state === 'syncing'}
          onClick={syncNow}
        >
          Sync now
        </button>
      )}
    </span>
  );
}
