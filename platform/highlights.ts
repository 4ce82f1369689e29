/**
 * "Show my notes on this page" (issue 16, item 5), the extension's side: which sites the user turned
 * it on for (off by default: anything drawn into a page can be read by the page's scripts), what a
 * page's layer is asked to draw (its quote notes' selectors, its deck's notes per slide), and asking
 * the tab to draw it or to take it out.
 */
import { browser } from 'wxt/browser';
import type { HighlightAnswer, HighlightRequest } from '../capture/highlights/layer';
import type { PageCapture } from '../capture/types';
import { askHighlights, type HighlightsMessage } from '../messaging/highlights';
import { sendMessage } from '../messaging/protocol';
import { deckByUrl, notesForDeck } from '../storage/decks';
import { notesForUrl } from '../storage/notes';
import type { NoteRecord } from '../storage/types';
import { captureTab } from './capture-service';

/** chrome.storage.local key: the origins the user shows notes on. */
export const HIGHLIGHT_SITES_KEY = 'highlightSites';

/** The origin a page's setting is kept under, or null for pages that have none (not http/https). */
export function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** The sites with notes shown on their pages. */
export async function highlightSites(): Promise<string[]> {
  const got = await browser.storage.local.get(HIGHLIGHT_SITES_KEY);
  const list = got[HIGHLIGHT_SITES_KEY];
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
}

export async function highlightsOn(url: string): Promise<boolean> {
  const site = siteOf(url);
  return !!site && (await highlightSites()).includes(site);
}

/** Turns "Show my notes on this page" on or off for the site of `url`. */
export async function setHighlights(url: string, on: boolean): Promise<void> {
  const site = siteOf(url);
  if (!site) return;
  const sites = (await highlightSites()).filter((s) => s !== site);
  if (on) sites.push(site);
  await browser.storage.local.set({ [HIGHLIGHT_SITES_KEY]: sites.sort() });
}

/** The notes a page's layer shows: its own notes and, on a deck, the deck's. */
export async function notesShownOn(capture: PageCapture): Promise<NoteRecord[]> {
  const own = await notesForUrl(capture.url);
  if (!capture.deck) return own;
  const deck = await deckByUrl(capture.deck.url);
  if (!deck) return own;
  const seen = new Set(own.map((n) => n.id));
  return [...own, ...(await notesForDeck(deck.id)).filter((n) => !seen.has(n.id) && !n.deletedAt)];
}

/** What the layer is asked to draw for these notes. */
export function highlightRequest(notes: readonly NoteRecord[]): HighlightRequest {
  const quotes: HighlightRequest['quotes'] = [];
  const perSlide = new Map<number, number>();
  for (const n of notes) {
    const q = n.anchor?.quote;
    if (q?.exact) {
      quotes.push({
        id: n.id,
        exact: q.exact.slice(0, 5000),
        ...(q.prefix ? { prefix: q.prefix.slice(-200) } : {}),
        ...(q.suffix ? { suffix: q.suffix.slice(0, 200) } : {}),
      });
    }
    const slide = n.anchor?.slide;
    if (slide) perSlide.set(slide.index, (perSlide.get(slide.index) ?? 0) + 1);
  }
  return { quotes, slides: [...perSlide].map(([index, count]) => ({ index, count })) };
}

/**
 * Draws the page's notes into its tab when the user turned that on for the site, else takes any
 * drawing out. Null when no layer answers (no capture module in the tab).
 */
export async function refreshHighlights(
  tabId: number,
  capture: PageCapture,
): Promise<HighlightAnswer | null> {
  const message: HighlightsMessage = (await highlightsOn(capture.url))
    ? { type: 'talkmarks:highlights', ...highlightRequest(await notesShownOn(capture)) }
    : { type: 'talkmarks:highlights-clear' };
  const answer = await askHighlights(tabId, message);
  if (answer || message.type === 'talkmarks:highlights-clear') return answer;
  // No layer yet (a page just loaded): reading the tab injects the capture module where allowed.
  await sendMessage('captureTab', { tabId }).catch(() => null);
  return askHighlights(tabId, message);
}

/**
 * Background: draws a page's notes again each time a tab finishes loading on a site the user
 * turned the option on for (a reload takes the drawing out with the page). Pages where no capture
 * module may run are left alone.
 */
export function watchHighlights(): void {
  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    if (info.status !== 'complete' || !tab.url) return;
    void (async () => {
      if (!(await highlightsOn(tab.url ?? ''))) return;
      const capture = await captureTab(tabId).catch(() => null);
      if (!capture) return;
      const request = highlightRequest(await notesShownOn(capture));
      if (request.quotes.length || request.slides.length) {
        await askHighlights(tabId, { type: 'talkmarks:highlights', ...request });
      }
    })();
  });
}
