/**
 * "Quote in Talkmarks" (context menu and shortcut): reads the selection in the tab on the user's
 * gesture, builds a W3C TextQuoteSelector, and files a quote note on the page (and slide, where
 * capture knows it). The toolbar badge says whether it worked.
 */
import { browser } from 'wxt/browser';
import {
  QUOTE_CONTEXT,
  quoteBody,
  type RawSelection,
  readSelection,
  textQuoteSelector,
} from '../capture/quote';
import { cleanUrl } from '../capture/url';
import { fileNote } from '../storage/file-note';
import { updateNote } from '../storage/notes';
import type { NoteRecord } from '../storage/types';
import { captureTab } from './capture-service';

/** The context-menu item and the command share this id. */
export const QUOTE_MENU_ID = 'quote-selection';

/** Adds the "Quote in Talkmarks" item to the selection context menu (on install and update). */
export function registerQuoteMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      { id: QUOTE_MENU_ID, title: 'Quote in Talkmarks', contexts: ['selection'] },
      () => {
        void browser.runtime.lastError; // already there after a reload: fine
      },
    );
  });
}

async function selectionIn(tabId: number, frameId: number): Promise<RawSelection | null> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: readSelection,
      args: [QUOTE_CONTEXT],
    });
    return (result?.result as RawSelection | null | undefined) ?? null;
  } catch {
    return null; // a page we may not read (the store, chrome://, a PDF viewer)
  }
}

async function badge(tabId: number, text: string): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text });
    setTimeout(() => void browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined), 2500);
  } catch {
    // no badge on this browser: the side panel shows the note anyway
  }
}

/**
 * Quotes the selection of a tab as a note. `selectionText` (from the context menu) is the fallback
 * when the page cannot be read. Returns the note, or null when nothing was selected.
 */
export async function quoteSelection(
  tab: { id?: number; url?: string; title?: string },
  info: { selectionText?: string; frameId?: number } = {},
): Promise<NoteRecord | null> {
  if (tab.id === undefined) return null;
  const raw =
    (await selectionIn(tab.id, info.frameId ?? 0)) ??
    (info.selectionText ? { exact: info.selectionText } : null);
  const selector = textQuoteSelector(raw);
  if (!selector) {
    await badge(tab.id, '?');
    return null;
  }
  const capture =
    (await captureTab(tab.id).catch(() => null)) ??
    (tab.url
      ? { url: cleanUrl(tab.url), title: tab.title ?? '', kind: 'page' as const, platform: 'tab' }
      : null);
  if (!capture) return null;
  const note = await fileNote(quoteBody(selector.exact), capture);
  const { type: _type, ...quote } = selector;
  const saved = await updateNote(note.id, { anchor: { ...note.anchor, quote } });
  await badge(tab.id, '❝');
  return saved;
}
