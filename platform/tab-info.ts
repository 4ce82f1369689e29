/**
 * The tab a page follows, as plain data: no browser API wrapper here, so that the side panel's early
 * script (entrypoints/sidepanel-early.ts, which has no polyfill) reads the same tab, and the same
 * kept capture, as platform/tabs.ts and platform/tab-captures.ts.
 */

export interface TabInfo {
  id: number;
  windowId: number;
  url: string;
  title: string;
}

/** A tab as the tabs API gives it (either browser's). */
export interface RawTab {
  id?: number;
  windowId?: number;
  url?: string;
  title?: string;
}

export function toInfo(tab: RawTab): TabInfo | null {
  if (tab.id === undefined || tab.id < 0) return null;
  return { id: tab.id, windowId: tab.windowId ?? -1, url: tab.url ?? '', title: tab.title ?? '' };
}

/** The tab a page was opened for (`?tabId=N`), else null: the active tab of the current window. */
export function requestedTabId(search: string): number | null {
  const param = new URLSearchParams(search).get('tabId');
  return param && /^\d+$/.test(param) ? Number(param) : null;
}

/** The `storage.session` key of a tab's latest capture (platform/tab-captures.ts). */
export const tabCaptureKey = (tabId: number) => `capture:${tabId}`;

/**
 * True for the page this code runs in, open in a tab: the side panel opened as a tab must not follow
 * itself. The extension's other pages (the PDF viewer) are tabs to read like any other.
 */
export function isOwnPage(url: string, self = location.href): boolean {
  const page = (u: string) => u.split(/[?#]/)[0];
  return page(url) === page(self);
}
