/**
 * The latest capture per tab, kept in `storage.session` so it survives service-worker restarts and
 * every extension page can watch it (the side panel follows slide changes this way).
 */
import { browser } from 'wxt/browser';
import type { PageCapture } from '../capture/types';
import { tabCaptureKey as key } from './tab-info';

export async function saveTabCapture(tabId: number, capture: PageCapture): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: capture });
}

export async function loadTabCapture(tabId: number): Promise<PageCapture | null> {
  const found = await browser.storage.session.get(key(tabId));
  return (found[key(tabId)] as PageCapture | undefined) ?? null;
}

export async function forgetTabCapture(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}

/** Calls `listener` whenever the capture of `tabId` changes; returns the unsubscribe function. */
export function watchTabCapture(tabId: number, listener: (capture: PageCapture | null) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'session' || !(key(tabId) in changes)) return;
    listener((changes[key(tabId)]?.newValue as PageCapture | undefined) ?? null);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
