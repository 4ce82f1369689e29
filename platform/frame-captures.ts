/**
 * Background side of embedded players and decks (capture/frames.ts): a child frame's capture module
 * reports here, never to its parent window, so the page that embeds it sees nothing. Each frame's
 * latest report is kept in `storage.session` under its tab and frame id (it survives service-worker
 * restarts), handed to the tab's top frame when it asks, and pushed to it on each change so what the
 * side panel follows stays current. Reports are forgotten with their tab.
 */
import { browser } from 'wxt/browser';
import { FRAME_REPORTS, type FrameReport, MAX_FRAME_REPORTS } from '../capture/frames';
import type { PageCapture } from '../capture/types';
import { onContentMessage } from '../messaging/content';

const prefix = (tabId: number) => `frames:${tabId}:`;
/** Report times strictly increase, so "newest" is never a tie between two quick reports. */
let lastAt = 0;

/** The latest report of every child frame of `tabId` that reported, oldest first. */
export async function frameCapturesOf(tabId: number): Promise<FrameReport[]> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  return Object.entries(all)
    .filter(([key]) => key.startsWith(prefix(tabId)))
    .map(([, value]) => value as FrameReport)
    .sort((a, b) => a.at - b.at);
}

/** Keeps a child frame's report (the newest few frames per tab) and tells the tab's top frame. */
export async function saveFrameCapture(
  tabId: number,
  frameId: number,
  url: string,
  capture: PageCapture,
): Promise<void> {
  if (frameId === 0) return; // the top frame reports its own capture (captureChanged)
  lastAt = Math.max(Date.now(), lastAt + 1);
  const report: FrameReport = { frameId, url, capture, at: lastAt };
  await browser.storage.session.set({ [`${prefix(tabId)}${frameId}`]: report });
  const reports = await frameCapturesOf(tabId);
  const stale = reports.slice(0, Math.max(0, reports.length - MAX_FRAME_REPORTS));
  if (stale.length) await browser.storage.session.remove(stale.map((r) => `${prefix(tabId)}${r.frameId}`));
  await browser.tabs
    .sendMessage(tabId, { type: FRAME_REPORTS, reports: reports.slice(stale.length) }, { frameId: 0 })
    .catch(() => undefined); // no capture module in the top frame yet: it asks when it starts
}

/** Forgets the frame reports of a closed tab. */
export async function forgetFrameCaptures(tabId: number): Promise<void> {
  const keys = Object.keys(await browser.storage.session.get(null)).filter((k) =>
    k.startsWith(prefix(tabId)),
  );
  if (keys.length) await browser.storage.session.remove(keys);
}

/** Registers the background's part: child frames report, top frames ask, closed tabs are forgotten. */
export function relayFrameCaptures(): void {
  onContentMessage('frameCaptureChanged', ({ data, tabId, frameId, url }) =>
    saveFrameCapture(tabId, frameId, url, data),
  );
  onContentMessage('frameCaptures', ({ tabId, frameId }) => (frameId === 0 ? frameCapturesOf(tabId) : []));
  browser.tabs.onRemoved.addListener((tabId) => void forgetFrameCaptures(tabId));
}
