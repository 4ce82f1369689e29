/** Preact hook: the capture of a tab, asked once and then followed as the page changes. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageCapture } from '../capture/types';
import { sendMessage } from '../messaging/protocol';
import { loadTabCapture, watchTabCapture } from './tab-captures';

export type TabCaptureState = { status: 'loading' } | { status: 'ready'; capture: PageCapture | null };

/**
 * `asked`: the answer to a `captureTab` already sent for a tab (the side panel asks as it starts,
 * components/capture/ThisPageStart.ts), used for that tab's first ask instead of asking again.
 */
export function useTabCapture(
  tabId: number | undefined,
  refreshKey = '',
  asked?: { tabId: number; answer: Promise<PageCapture | null> },
): TabCaptureState {
  const [state, setState] = useState<TabCaptureState>({ status: 'loading' });
  const shownTab = useRef<number | undefined>(undefined);
  const askedFirst = useRef(asked);
  if (!askedFirst.current && shownTab.current === undefined) askedFirst.current = asked;
  useEffect(() => {
    if (tabId === undefined) return;
    let live = true;
    // Same tab, new URL (a deck writing its slide into the hash): keep showing the last capture meanwhile.
    if (shownTab.current !== tabId) setState({ status: 'loading' });
    shownTab.current = tabId;
    const first = askedFirst.current?.tabId === tabId ? askedFirst.current.answer : undefined;
    askedFirst.current = undefined;
    const stop = watchTabCapture(tabId, (capture) => {
      if (live && capture) setState({ status: 'ready', capture });
    });
    (first ?? sendMessage('captureTab', { tabId }))
      .then((capture) => {
        if (!live) return;
        setState({ status: 'ready', capture });
        // An answer asked before this watch began can be older than a change the page reported
        // meanwhile (a PDF deck's slide titles, read after it opened), which the watch then missed.
        // The background keeps the newest capture, the answer's or a later one: read it once now.
        if (first)
          void loadTabCapture(tabId)
            .then((kept) => live && kept && setState({ status: 'ready', capture: kept }))
            .catch(() => undefined);
      })
      .catch(() => live && setState({ status: 'ready', capture: null }));
    return () => {
      live = false;
      stop();
    };
  }, [tabId, refreshKey]);
  return state;
}
