/**
 * Background / extension page → tab: the two public requests a tab's capture receiver answers
 * (the capture module in web pages, the PDF viewer in its own tab). DESIGN.md §4: anyone in the
 * extension (and the tests) may send the plain `{ type: 'talkmarks:capture' }`; the wire format is
 * a contract and does not change. Receivers parse requests with `tab-receiver.ts`; senders build
 * them here. This file carries no schema, so pages that only send stay small.
 */
import { browser } from 'wxt/browser';
import type { GotoTarget, PageCapture } from '../capture/types';

/** What does this tab show? Answered with a `PageCapture` (or null where nothing matches). */
export interface CaptureRequest {
  type: 'talkmarks:capture';
}

/** Bring the deck or video back to a note's slide or time. Answered with true when it moved there. */
export interface GotoRequest {
  type: 'talkmarks:goto';
  target: GotoTarget;
}

/** Every request a tab's capture receiver answers. */
export type TabRequest = CaptureRequest | GotoRequest;

/** What the receiver answers to each request (senders still validate: the answer is page data). */
export interface TabAnswers {
  'talkmarks:capture': PageCapture | null;
  'talkmarks:goto': boolean;
}

/** The public capture request (DESIGN.md §4). */
export const CAPTURE_REQUEST: CaptureRequest = { type: 'talkmarks:capture' };

/** The request that brings a tab to `target`. */
export function gotoRequest(target: GotoTarget): GotoRequest {
  return { type: 'talkmarks:goto', target };
}

/**
 * Sends a request to a tab's top-frame receiver. The answer comes from a page's world and stays
 * `unknown` until the caller validates it; rejects when no receiver runs in the tab.
 */
export function askTab(tabId: number, request: TabRequest): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, request);
}
