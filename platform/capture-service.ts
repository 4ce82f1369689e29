/**
 * Background side of capture: asks a tab what it shows, injecting the capture script on a user
 * gesture (activeTab) where none runs yet, and validates every answer before anyone uses it.
 */
import { browser } from 'wxt/browser';
import { applySiteHints } from '../capture/hints';
import { parseCapture } from '../capture/schema';
import type { PageCapture } from '../capture/types';
import { cleanUrl } from '../capture/url';
import { askTab, CAPTURE_REQUEST } from '../messaging/tab';
import { allSiteHints, type StoredSiteHint, watchSiteHints } from '../storage/site-hints';
import { saveTabCapture } from './tab-captures';

/** The capture module (entrypoints/capture.content.ts, registered at run time). */
export const CAPTURE_SCRIPT = '/content-scripts/capture.js';

async function askCapture(tabId: number): Promise<unknown> {
  try {
    return await askTab(tabId, CAPTURE_REQUEST);
  } catch {
    return undefined; // no receiver: no content script in this tab (yet)
  }
}

async function inject(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CAPTURE_SCRIPT] });
    return true;
  } catch {
    return false; // no permission for this page (chrome://, the store, no gesture)
  }
}

/** Injects the capture module into one frame (the static detector asked for it); false when not allowed. */
export async function injectIntoFrame(tabId: number, frameId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      files: [CAPTURE_SCRIPT],
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * The site hints, read once and then kept current from storage's change events: captures of one tab
 * (a talk with its video's time) arrive in quick succession and must be kept in the order they came,
 * which one shared promise does where a storage read per capture might not.
 */
let hints: Promise<StoredSiteHint[]> | undefined;
function siteHints(): Promise<StoredSiteHint[]> {
  if (!hints) {
    hints = allSiteHints().catch(() => []);
    watchSiteHints((list) => {
      hints = Promise.resolve(list);
    });
  }
  return hints;
}

/**
 * A validated capture with the user's corrections for its site applied (issue 15): here, where the
 * extension receives it, never in the page. A capture with no talk or event has nothing to correct.
 */
export async function withSiteHints(capture: PageCapture): Promise<PageCapture> {
  if (!capture.talk && !capture.event) return capture;
  const list = await siteHints();
  try {
    return applySiteHints(capture, list);
  } catch {
    return capture; // a hint never costs the user the page's own reading
  }
}

/** What the tab shows: from its content script when possible, else from the tab's own URL and title. */
export async function captureTab(tabId: number): Promise<PageCapture | null> {
  let answer = await askCapture(tabId);
  if (answer === undefined && (await inject(tabId))) answer = await askCapture(tabId);
  const valid = parseCapture(answer);
  const parsed = valid && (await withSiteHints(valid));
  if (parsed) {
    await saveTabCapture(tabId, parsed);
    return parsed;
  }
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab?.url || !/^https?:|^file:/.test(tab.url)) return null;
  return { url: cleanUrl(tab.url), title: tab.title ?? '', kind: 'page', platform: 'tab' };
}
