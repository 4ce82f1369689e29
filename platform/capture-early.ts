/**
 * The popup's first ask, started by its early script (entrypoints/popup-early.ts, a classic script in
 * the popup's head) while the popup's modules load. Measured on a toolbar click (issue 17): the
 * popup's modules took ~200 ms to load and run before they asked the background what the tab shows,
 * and that ask (capture module injected, page read) then took ~70 ms more; asked from the head, the
 * two overlap. The popup takes what was started on its first render (components/capture/Popup.tsx).
 * No browser API wrapper here: the early script has no polyfill (the API is passed in).
 */
import type { PageCapture } from '../capture/types';
import { type EarlyRuntime, earlyCall } from '../messaging/early-call';
import { type RawTab, requestedTabId } from './tab-info';

/** The part of either browser's promise-based tabs API the early starts use. */
export interface EarlyTabs {
  get(tabId: number): Promise<RawTab>;
  query(query: { active: boolean; currentWindow: boolean }): Promise<RawTab[]>;
}

/** The tab a page follows, as platform/tabs.ts's targetTab reads it: `?tabId=N`, else the active tab. */
export function earlyTab(tabs: EarlyTabs, search: string): Promise<RawTab | null> {
  const id = requestedTabId(search);
  return (
    id !== null ? tabs.get(id) : tabs.query({ active: true, currentWindow: true }).then(([t]) => t ?? null)
  ).catch(() => null);
}

/** The followed tab and the background's answer to `captureTab` for it (null: none, or it failed). */
export interface CaptureEarly {
  tab: Promise<RawTab | null>;
  answer: Promise<PageCapture | null>;
}

declare global {
  /** What popup-early.js asked for while the popup's modules loaded. */
  var __talkmarksPopupEarly: CaptureEarly | undefined;
}

/** Asks for the followed tab and then what it shows, now. */
export function askCaptureEarly(
  api: { tabs: EarlyTabs; runtime: EarlyRuntime },
  search: string,
): CaptureEarly {
  const tab = earlyTab(api.tabs, search);
  const answer = tab
    .then((t) => (t?.id === undefined ? null : earlyCall(api.runtime, 'captureTab', { tabId: t.id })))
    .catch(() => null);
  return { tab, answer };
}

/** What the early script started, once: a later popup render asks for itself. */
export function takeCaptureEarly(): CaptureEarly | undefined {
  const early = globalThis.__talkmarksPopupEarly;
  globalThis.__talkmarksPopupEarly = undefined;
  return early;
}
