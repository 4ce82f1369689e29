/**
 * The `storage.local` keys of the side panel's persisted first page (storage/first-page.ts), apart
 * so that storage/first-page-stale.ts, which every context that opens the database loads (workers
 * too), imports no browser API wrapper: the polyfill throws when loaded in a worker.
 */
export const FIRST_PAGE_KEY = 'firstPage';
export const FIRST_PAGE_STALE_KEY = 'firstPageStaleAt';

/**
 * What the side panel reads before its first paint, in one `storage.local.get` started by
 * entrypoints/sidepanel-early.ts: the note settings (platform/note-settings.ts's NOTE_SETTINGS_KEY,
 * written out here because that module loads the polyfill; a test checks they agree) and the page.
 */
export const PANEL_SETTINGS_KEY = 'noteSettings';
export const PANEL_FIRST_READ = [PANEL_SETTINGS_KEY, FIRST_PAGE_KEY, FIRST_PAGE_STALE_KEY];
