/**
 * messaging/early-call.ts against the real library on the other side: the background's
 * `onPageMessage` (@webext-core/messaging's root listener, behind the page guard) answers an early
 * call as it answers the library's own `sendMessage`, refuses it from a content script, and an error
 * thrown by the handler reaches the caller as its message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlyCall } from '../../../messaging/early-call';
import { onPageMessage } from '../../../messaging/protocol';
import { EXTENSION_ORIGIN, fakeRuntime } from './harness';

const popup = { id: 'ext', url: `${EXTENSION_ORIGIN}/popup.html` };
const contentScript = {
  id: 'ext',
  url: 'https://talks.example/',
  tab: { id: 7 } as chrome.tabs.Tab,
  frameId: 0,
};

describe('earlyCall', () => {
  const removers: (() => void)[] = [];
  afterEach(() => {
    for (const remove of removers.splice(0)) remove();
    vi.unstubAllGlobals();
  });

  it("is answered by the background's typed listener, with the data it sent", async () => {
    const runtime = fakeRuntime();
    const handler = vi.fn(({ data }: { data: { tabId: number } }) => ({
      url: `https://talks.example/${data.tabId}`,
      title: 'A talk',
      kind: 'page' as const,
      platform: 'tab',
    }));
    removers.push(onPageMessage('captureTab', handler));
    const answer = await earlyCall({ sendMessage: (m) => runtime.send(m, popup) }, 'captureTab', {
      tabId: 42,
    });
    expect(answer).toEqual({
      url: 'https://talks.example/42',
      title: 'A talk',
      kind: 'page',
      platform: 'tab',
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('rejects with the reason when the guard refuses the sender, and the handler never runs', async () => {
    const runtime = fakeRuntime();
    const handler = vi.fn(() => null);
    removers.push(onPageMessage('captureTab', handler));
    await expect(
      earlyCall({ sendMessage: (m) => runtime.send(m, contentScript) }, 'captureTab', { tabId: 1 }),
    ).rejects.toThrow(`Refused "captureTab": only Talkmarks' own pages may send it.`);
    expect(handler).not.toHaveBeenCalled();
  });

  it("rejects with the handler's error, and when nobody answers", async () => {
    const runtime = fakeRuntime();
    removers.push(
      onPageMessage('captureTab', () => {
        throw new Error('The tab is gone.');
      }),
    );
    await expect(
      earlyCall({ sendMessage: (m) => runtime.send(m, popup) }, 'captureTab', { tabId: 1 }),
    ).rejects.toThrow('The tab is gone.');
    for (const remove of removers.splice(0)) remove();
    await expect(
      earlyCall({ sendMessage: (m) => runtime.send(m, popup) }, 'captureTab', { tabId: 1 }),
    ).rejects.toThrow('No answer to "captureTab".');
  });
});
