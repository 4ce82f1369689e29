/**
 * The PDF viewer answers the public tab requests (`talkmarks:capture`, `talkmarks:goto`) like the
 * capture module does in web pages, but as an extension page it also hears what content scripts send
 * with `runtime.sendMessage`: it answers only Talkmarks' own pages (the background, the popup, the
 * side panel), whose address lies under the extension's base URL, and stays silent for anyone else.
 */
import { browser } from 'wxt/browser';
import { isExtensionPage } from '../../messaging/protocol';
import { parseTabRequest, type TabHandlers } from '../../messaging/tab-receiver';

/** Answers well-formed tab requests from Talkmarks' own pages with `handlers`; nothing else is answered. */
export function answerOwnPages(handlers: TabHandlers, extensionBase = browser.runtime.getURL('/')): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isExtensionPage(sender as chrome.runtime.MessageSender, extensionBase)) return undefined;
    const request = parseTabRequest(message);
    if (!request) return undefined;
    const answer =
      request.type === 'talkmarks:capture'
        ? handlers['talkmarks:capture'](request)
        : handlers['talkmarks:goto'](request);
    if (answer === undefined) return undefined;
    // Both ways of answering: a promise (webextension-polyfill) and sendResponse + true (Chrome).
    const reply = Promise.resolve(answer);
    void reply.then(sendResponse);
    return true;
  });
}
