/**
 * A view loaded on first use: its code (and whatever it imports) stays out of the surface's initial
 * JS, which DESIGN §7 budgets at 45 KB gzip. Every side-panel view uses it; the panel fetches its
 * opening view's code as it starts.
 */
import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** Shown while the code loads; a small control passes `null` to show nothing. */
  fallback: ComponentChildren = <p class="text-sm text-muted">Loading…</p>,
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [error, setError] = useState('');
    useEffect(() => {
      if (loaded) return;
      load().then(
        (c) => {
          loaded = c;
          setView(() => c);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    }, []);
    if (error) {
      return (
        <p role="alert" class="text-sm text-danger">
          This view could not be loaded: {error}
        </p>
      );
    }
    return View ? <View {...props} /> : fallback;
  };
}
