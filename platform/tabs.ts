/** Thin wrappers over tab APIs shared by the popup and the side panel. */
import { browser } from 'wxt/browser';
import { requestedTabId, type TabInfo, toInfo } from './tab-info';

export { isOwnPage } from './tab-info';

export type { TabInfo };

/** The tab a page was opened for (`?tabId=N`), else the active tab of the current window. */
export async function targetTab(search = location.search): Promise<TabInfo | null> {
  const id = requestedTabId(search);
  if (id !== null) {
    try {
      return toInfo(await browser.tabs.get(id));
    } catch {
      return null;
    }
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ? toInfo(tab) : null;
}

/** Reads one tab. */
export async function getTab(tabId: number): Promise<TabInfo | null> {
  try {
    return toInfo(await browser.tabs.get(tabId));
  } catch {
    return null;
  }
}
