/**
 * Sync's status in words: the options page's full line and the side panel's short one. Both read
 * the status the background keeps (storage/sync-store.ts `SyncStatus`).
 */
import type { SyncStatus } from '../../storage/sync-store';
import { formatWhen } from './format';

/** The status in words, for the options page (the side panel shows {@link syncStatusShort}). */
export function syncStatusText(status: SyncStatus | undefined): string {
  if (!status || status.state === 'off') return 'Sync is off: notes stay in this browser.';
  const waiting = status.waiting ?? 0;
  const waits = waiting === 0 ? '' : ` · ${waiting === 1 ? '1 change waits' : `${waiting} changes wait`}`;
  if (status.state === 'error') return `${status.error ?? 'Sync failed.'}${waits}`;
  if (status.state === 'paused') return `Sync is paused${waits}.`;
  if (status.state === 'syncing') return `Syncing…${waits}`;
  const last = status.lastSyncAt ? `Last synced ${formatWhen(status.lastSyncAt)}` : 'Not synced yet';
  return `${last}${waits}.`;
}

/** How long ago, in the fewest words: "just now", "2 min ago", "3 h ago", "5 days ago". */
export function agoText(then: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/**
 * The status in a few words, for the side panel's header: changes waiting first (they are what the
 * user may wait for), else when it last synced; an error by its first clause ("Offline"), whose
 * whole sentence is the options page's. Empty when sync is off (the panel then shows nothing).
 */
export function syncStatusShort(status: SyncStatus | undefined, now: number): string {
  if (!status || status.state === 'off') return '';
  if (status.state === 'syncing') return 'Syncing…';
  if (status.state === 'paused') return 'Sync paused';
  if (status.state === 'error') return status.error?.split(/[:.]/)[0]?.trim() || 'Sync failed';
  const waiting = status.waiting ?? 0;
  if (waiting > 0) return waiting === 1 ? '1 change waits' : `${waiting} changes wait`;
  return status.lastSyncAt ? `Synced ${agoText(status.lastSyncAt, now)}` : 'Not synced yet';
}
