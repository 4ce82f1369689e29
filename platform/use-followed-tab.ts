/**
 * Preact hook: the tab the side panel is about. Pinned with `?tabId=N`; otherwise the active tab of
 * the panel's window, following tab switches and navigation (never the panel's own page).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getTab, isOwnPage, type TabInfo, targetTab } from './tabs';

export function useFollowedTab(): TabInfo | null | undefined {
  const [tab, setTab] = useState<TabInfo | null | undefined>(undefined);
  useEffect(() => {
    const pinned = new URLSearchParams(location.search).has('tabId');
    let current: TabInfo | null = null;
    const adopt = (next: TabInfo | null) => {
      if (next && isOwnPage(next.url)) return;
      current = next;
      setTab(next);
    };
    void targetTab().then(adopt);

    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (pinned || (current && info.windowId !== current.windowId)) return;
      void getTab(info.tabId).then(adopt);
    };
    const onUpdated = (tabId: number, change: { url?: string; title?: string; status?: string }) => {
      if (tabId !== current?.id || !(change.url || change.title || change.status === 'complete')) return;
      void getTab(tabId).then(adopt);
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);
  return tab;
}
