/**
 * Calls `onChange` (at most once per `delayMs`, trailing) when what the page shows may have changed: hash and history
 * navigation, slide-deck events, and class or attribute flips that decks use to mark the current
 * slide. The page's events are only triggers; adapters re-read the DOM.
 */
const DECK_EVENTS = ['slidechanged', 'ready', 'impress:stepenter', 'fragmentshown', 'fragmenthidden'];

export function watchPage(win: Window, onChange: () => void, signal: AbortSignal, delayMs = 80): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A throttle, not a debounce: a page that never stops mutating must still be followed.
  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, delayMs);
  };
  const opts = { signal, capture: true, passive: true };
  for (const type of ['hashchange', 'popstate', 'load', ...DECK_EVENTS])
    win.addEventListener(type, schedule, opts);
  // Media events don't bubble, but the capture phase on the document sees a player's seeks.
  for (const type of ['seeked', 'loadedmetadata', 'pause'])
    win.document.addEventListener(type, schedule, opts);
  // In-app navigation by pushState (Slidev, YouTube, SlideShare) fires no event but the Navigation API's.
  const nav = (win as unknown as { navigation?: EventTarget }).navigation;
  nav?.addEventListener?.('currententrychange', schedule, opts);
  win.document.addEventListener('keyup', schedule, opts);
  win.document.addEventListener('click', schedule, opts);
  try {
    const observer = new MutationObserver(schedule);
    observer.observe(win.document.documentElement, {
      subtree: true,
      attributes: true,
      attributeFilter: ['class', 'aria-current', 'aria-hidden', 'data-slide', 'hidden'],
    });
    signal.addEventListener('abort', () => observer.disconnect());
  } catch {
    // a page that broke MutationObserver still answers on request
  }
  signal.addEventListener('abort', () => clearTimeout(timer));
  schedule();
}
