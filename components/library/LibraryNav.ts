/**
 * Asks the side panel to show the library with a given filter (from the Tags view's "Show notes",
 * or `/` pressed in another view). The panel switches views on the `talkmarks:open-view` event.
 */
import type { LibraryFilter } from '../../storage/library';

export interface LibraryRequest {
  filter?: LibraryFilter;
  focusSearch?: boolean;
}

let pending: LibraryRequest | null = null;
const listeners = new Set<(r: LibraryRequest) => void>();

/** Shows the library (switching the panel's view) with this request applied. */
export function openLibrary(request: LibraryRequest): void {
  if (listeners.size) for (const l of listeners) l(request);
  else pending = request;
  window.dispatchEvent(new CustomEvent('talkmarks:open-view', { detail: 'library' }));
}

/** The library's side: takes a request made before it was mounted, and follows later ones. */
export function onLibraryRequest(listener: (r: LibraryRequest) => void): () => void {
  listeners.add(listener);
  if (pending) {
    listener(pending);
    pending = null;
  }
  return () => listeners.delete(listener);
}
