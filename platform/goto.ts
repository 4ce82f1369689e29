/** Brings a tab back to where a note was written (its slide or video time), through the tab's capture module. */
import type { GotoTarget } from '../capture/types';
import { sendMessage } from '../messaging/protocol';
import { askTab, gotoRequest } from '../messaging/tab';

async function ask(tabId: number, target: GotoTarget): Promise<boolean | undefined> {
  try {
    return (await askTab(tabId, gotoRequest(target))) === true;
  } catch {
    return undefined; // no capture module in the tab yet
  }
}

/** True when the page moved there; false when the platform offers no way to. */
export async function gotoInTab(tabId: number, target: GotoTarget): Promise<boolean> {
  let done = await ask(tabId, target);
  if (done === undefined) {
    await sendMessage('captureTab', { tabId }).catch(() => null); // injects the module where allowed
    done = await ask(tabId, target);
  }
  return done === true;
}
