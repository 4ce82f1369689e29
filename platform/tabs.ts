/** Thin wrappers over tab APIs shared by the popup and the side panel. */
import { browser } from 'wxt/browser';

export interface TabInfo {
  id: number;
  windowId: number;
  url: string;
  title: string;
}

function toInfo(tab: { id?: number; windowId?: number; url?: string; title?: string }): TabInfo | null {
  if (tab.id === undefined || tab.id < 0) return null;
  return { id: tab.id, windowId: tab.windowId ?? -1, url: tab.url ?? '', title: tab.title ?? '' };
}

/** The tab a page was opened for (`?tabId=N`), else the active tab of the current window. */
export async function targetTab(search = location.search): Promise<TabInfo | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param && /^\d+$/.test(param)) {
    try {
      return toInfo(await browser.tabs.get(Number(param)));
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

/**
 * True for the page this code runs in, open in a tab: the side panel opened as a tab must not follow
 * itself. The extension's other pages (the PDF viewer) are tabs to read like any other.
 */
export function isOwnPage(url: string, self = location.href): boolean {
  const page = (u: string) => u.split(/[?#]/)[0];
  return page(url) === page(self);
}
