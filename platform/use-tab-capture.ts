/** Preact hook: the capture of a tab, asked once and then followed as the page changes. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageCapture } from '../capture/types';
import { sendMessage } from '../messaging/protocol';
import { watchTabCapture } from './tab-captures';

export type TabCaptureState = { status: 'loading' } | { status: 'ready'; capture: PageCapture | null };

export function useTabCapture(tabId: number | undefined, refreshKey = ''): TabCaptureState {
  const [state, setState] = useState<TabCaptureState>({ status: 'loading' });
  const shownTab = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (tabId === undefined) return;
    let live = true;
    // Same tab, new URL (a deck writing its slide into the hash): keep showing the last capture meanwhile.
    if (shownTab.current !== tabId) setState({ status: 'loading' });
    shownTab.current = tabId;
    sendMessage('captureTab', { tabId })
      .then((capture) => live && setState({ status: 'ready', capture }))
      .catch(() => live && setState({ status: 'ready', capture: null }));
    const stop = watchTabCapture(tabId, (capture) => {
      if (live && capture) setState({ status: 'ready', capture });
    });
    return () => {
      live = false;
      stop();
    };
  }, [tabId, refreshKey]);
  return state;
}
