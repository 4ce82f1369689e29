/**
 * The `storage.local` keys of the side panel's persisted first page (storage/first-page.ts), apart
 * so that storage/first-page-stale.ts, which every context that opens the database loads (workers
 * too), imports no browser API wrapper: the polyfill throws when loaded in a worker.
 */
export const FIRST_PAGE_KEY = 'firstPage';
export const FIRST_PAGE_STALE_KEY = 'firstPageStaleAt';
