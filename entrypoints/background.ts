/** Background: wires messages, commands and tab events to the capture and thumbnail services. */
import { browser } from 'wxt/browser';
import { onContentMessage } from '../messaging/content';
import { onPageMessage } from '../messaging/protocol';
import { captureTab, injectIntoFrame, withSiteHints } from '../platform/capture-service';
import { runDailyRound, watchDailyChecks } from '../platform/daily-check-service';
import { relayFrameCaptures } from '../platform/frame-captures';
import { watchHighlights } from '../platform/highlights';
import { changeTag, setNoteKind, setNoteVisibility, trashAdmin, undoTag } from '../platform/library-service';
import {
  destinationOf,
  editNote,
  moveNotesTo,
  saveNoteFromPopup,
  setTrashed,
  starTalkOf,
} from '../platform/note-service';
import { openPanel } from '../platform/panel';
import { QUOTE_MENU_ID, quoteSelection, registerQuoteMenu } from '../platform/quote';
import { watchSiteAccess } from '../platform/site-access';
import { connectSync, disconnectSync, pauseSync, syncNow, watchSync } from '../platform/sync-service';
import { forgetTabCapture, saveTabCapture } from '../platform/tab-captures';
import { thumbnailOfTab } from '../platform/thumbnail';
import { moveNotes, placeNotes } from '../storage/move-notes';
import { countNotesForUrl, knownTags } from '../storage/notes';

export default defineBackground(() => {
  // From tabs (content scripts, the PDF viewer): page data, validated by onContentMessage first.
  onContentMessage('captureChanged', async ({ data, tabId, frameId }) => {
    // Frames report through their top frame; the user's corrections for the site apply here.
    if (frameId === 0) await saveTabCapture(tabId, await withSiteHints(data));
  });
  onContentMessage('loadCapture', async ({ tabId, frameId }) => {
    await injectIntoFrame(tabId, frameId);
  });
  relayFrameCaptures(); // embedded players and decks report here, for their top frame (never to the page)
  // Notes on the page itself (issue 16): drawn again as pages load; a slide badge's click opens the panel.
  watchHighlights();
  onContentMessage('openNotes', ({ tabId, frameId }) => (frameId === 0 ? openPanel(tabId) : undefined));

  // From extension pages only (onPageMessage refuses anything a content script sends).
  onPageMessage('captureTab', ({ data }) => captureTab(data.tabId));
  onPageMessage('captureThumbnail', ({ data }) => thumbnailOfTab(data.tabId, data.rect));

  onPageMessage('saveNote', ({ data }) => saveNoteFromPopup(data.body, data.capture, data.tabId, data.to));
  onPageMessage('noteDestination', ({ data }) => destinationOf(data.capture));
  onPageMessage('starTalk', ({ data }) => starTalkOf(data.capture, data.talkId, data.starred));
  onPageMessage('editNote', ({ data }) => editNote(data.id, data.body, data));
  onPageMessage('moveNotes', ({ data }) => moveNotesTo(() => moveNotes(data.ids, data.to)));
  onPageMessage('placeNotes', ({ data }) => moveNotesTo(() => placeNotes(data.placements)));
  onPageMessage('trashNote', ({ data }) => setTrashed(data.id, data.restore));
  onPageMessage('countNotes', ({ data }) => countNotesForUrl(data.url));
  onPageMessage('knownTags', () => knownTags());

  onPageMessage('setNoteKind', ({ data }) => setNoteKind(data.id, data.kind));
  onPageMessage('setNoteVisibility', ({ data }) => setNoteVisibility(data.id, data.private === true));
  onPageMessage('changeTag', ({ data }) => changeTag(data.from, data.to));
  onPageMessage('undoTagChange', ({ data }) => undoTag(data.change));
  onPageMessage('trashAdmin', ({ data }) => trashAdmin(data.action, data.ids));

  onPageMessage('openSidePanel', ({ data }) => openPanel(data.tabId, data.windowId));

  // Sync with the user's own WebDAV folder: on demand, after changes, on an alarm.
  onPageMessage('syncConnect', ({ data }) => connectSync(data.settings, data.passphrase));
  onPageMessage('syncNow', () => syncNow());
  onPageMessage('syncPause', ({ data }) => pauseSync(data.paused));
  onPageMessage('syncDisconnect', () => disconnectSync());
  watchSync();

  watchSiteAccess(); // "Enable on this site": capture registered for the origins the user granted
  watchDailyChecks(); // "Check daily" on a promised talk: its session page, at most once a day, 30 days
  if (__TALKMARKS_E2E__) Object.assign(globalThis, { __talkmarksDailyRound: runDailyRound });

  // "Quote in Talkmarks": the selection becomes a quote note (context menu, or the shortcut).
  registerQuoteMenu();
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === QUOTE_MENU_ID && tab) void quoteSelection(tab, info);
  });
  if (__TALKMARKS_E2E__) Object.assign(globalThis, { __talkmarksQuote: quoteSelection });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'open-side-panel') void openPanel(tab?.id, tab?.windowId);
    if (command === QUOTE_MENU_ID && tab) void quoteSelection(tab);
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetTabCapture(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void forgetTabCapture(tabId); // a new page: its script reports afresh
  });

  if (!import.meta.env.FIREFOX) {
    // The panel opens from the popup's button or the shortcut; the toolbar icon keeps the popup.
    void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
  }
});
