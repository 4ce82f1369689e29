/**
 * Stands in for `chrome.runtime` in the background: keeps the root listeners the messaging library
 * adds, and delivers a message to them the way the browser does (message, sender, sendResponse).
 */
import { vi } from 'vitest';

export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnop';
/** What `runtime.getURL('/')` answers. */
export const EXTENSION_BASE = `${EXTENSION_ORIGIN}/`;

type Listener = (
  message: unknown,
  sender: chrome.runtime.MessageSender,
  respond: (r: unknown) => void,
) => unknown;

/** Replaces the global `chrome` with one whose runtime records listeners; returns how to deliver. */
export function fakeRuntime() {
  const listeners = new Set<Listener>();
  vi.stubGlobal('chrome', {
    runtime: {
      getURL: (path: string) => `${EXTENSION_ORIGIN}${path}`,
      onMessage: {
        addListener: (l: Listener) => listeners.add(l),
        removeListener: (l: Listener) => listeners.delete(l),
      },
    },
  });
  return {
    listeners,
    /** Delivers a typed-messaging envelope; resolves with the answer, or undefined when nobody answers. */
    deliver(type: string, data: unknown, sender: chrome.runtime.MessageSender): Promise<unknown> {
      return this.send({ id: 1, type, data, timestamp: Date.now() }, sender);
    },
    /** Delivers a message as it was sent; resolves with the answer, or undefined when nobody answers. */
    send(message: unknown, sender: chrome.runtime.MessageSender): Promise<unknown> {
      return new Promise((resolve) => {
        let answering = false;
        for (const listener of listeners) {
          if (listener(message, sender, resolve) === true) answering = true;
        }
        if (!answering) resolve(undefined);
      });
    },
  };
}
