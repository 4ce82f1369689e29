/**
 * The `storage.local` keys of the side panel's persisted first page (storage/first-page.ts), apart
 * so that storage/first-page-stale.ts, which every context that opens the database loads (workers
 * too), imports no browser API wrapper: the polyfill throws when loaded in a worker.
 */
export const FIRST_PAGE_KEY = 'firstPage';
export const FIRST_PAGE_STALE_KEY = 'firstPageStaleAt';
/** "This page"'s kept first notes (storage/this-page-first.ts): apart, so neither evicts the other. */
export const THIS_PAGE_FIRST_KEY = 'thisPageFirst';

/**
 * What the side panel reads before its first paint, in one `storage.local.get` started by
 * entrypoints/sidepanel-early.ts: the note settings (platform/note-settings.ts's NOTE_SETTINGS_KEY,
 * written out here because that module loads the polyfill; a test checks they agree), the library's
 * kept page and "This page"'s.
 */
export const PANEL_SETTINGS_KEY = 'noteSettings';
export const PANEL_FIRST_READ = [
  PANEL_SETTINGS_KEY,
  FIRST_PAGE_KEY,
  FIRST_PAGE_STALE_KEY,
  THIS_PAGE_FIRST_KEY,
];
