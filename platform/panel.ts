/** Opens the side panel (Chrome) or the sidebar (Firefox). Must run inside a user gesture. */
import { browser } from 'wxt/browser';

/** Firefox's sidebar API, absent from Chrome's types. */
interface FirefoxSidebar {
  sidebarAction: { open(): Promise<void> };
}

export async function openPanel(tabId?: number, windowId?: number): Promise<void> {
  if (import.meta.env.FIREFOX) {
    await (browser as unknown as FirefoxSidebar).sidebarAction.open();
    return;
  }
  if (tabId !== undefined) await chrome.sidePanel.open({ tabId });
  else if (windowId !== undefined) await chrome.sidePanel.open({ windowId });
}
