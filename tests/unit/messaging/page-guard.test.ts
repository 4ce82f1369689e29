import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onContentMessage } from '../../../messaging/content';
import * as protocol from '../../../messaging/protocol';
import { isExtensionPage, onPageMessage } from '../../../messaging/protocol';
import { EXTENSION_BASE, EXTENSION_ORIGIN, fakeRuntime } from './harness';

const popup = { id: 'ext', url: `${EXTENSION_ORIGIN}/popup.html` };
// The popup opened as a tab (as the e2e tests do) is still one of our pages.
const popupInTab = { ...popup, tab: { id: 7 } as chrome.tabs.Tab, frameId: 0 };
const contentScript = {
  id: 'ext', // a content script's messages carry the extension id too: the id proves nothing
  url: 'https://talks.example/deck#3',
  origin: 'https://talks.example',
  tab: { id: 7 } as chrome.tabs.Tab,
  frameId: 0,
};

describe('onPageMessage (extension page → background)', () => {
  let runtime: ReturnType<typeof fakeRuntime>;
  const removers: (() => void)[] = [];
  beforeEach(() => {
    runtime = fakeRuntime();
  });
  afterEach(() => {
    for (const remove of removers.splice(0)) remove();
    vi.unstubAllGlobals();
  });

  it("answers Talkmarks' own pages, in a tab or not", async () => {
    const handler = vi.fn(() => 3);
    removers.push(onPageMessage('countNotes', handler));
    expect(await runtime.deliver('countNotes', { url: 'https://a.example/' }, popup)).toEqual({ res: 3 });
    expect(await runtime.deliver('countNotes', { url: 'https://a.example/' }, popupInTab)).toEqual({
      res: 3,
    });
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('refuses a content script, and the handler never runs', async () => {
    const handler = vi.fn(() => ({ ok: true as const, id: 'n1' }));
    removers.push(onPageMessage('trashNote', handler));
    const answer = (await runtime.deliver('trashNote', { id: 'n1' }, contentScript)) as {
      err?: { message: string };
    };
    expect(answer.err?.message).toBe(`Refused "trashNote": only Talkmarks' own pages may send it.`);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses frames inside pages, senders without a URL and other extensions', async () => {
    const handler = vi.fn(() => ['talks']);
    removers.push(onPageMessage('knownTags', handler));
    for (const sender of [
      { ...contentScript, url: 'about:blank', frameId: 4 },
      { ...contentScript, url: 'data:text/html,<p>hi' },
      { id: 'ext' },
      { id: 'other', url: 'chrome-extension://otherextensionid/popup.html' },
      { id: 'ext', url: 'https://abcdefghijklmnop/popup.html' }, // our id as a web host
    ]) {
      const answer = (await runtime.deliver('knownTags', undefined, sender)) as { err?: unknown };
      expect(answer.err, JSON.stringify(sender)).toBeDefined();
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('isExtensionPage wants a URL under the extension base, slash included', () => {
    expect(isExtensionPage(popup, EXTENSION_BASE)).toBe(true);
    expect(isExtensionPage({ url: `${EXTENSION_ORIGIN}.evil.example/x` }, EXTENSION_BASE)).toBe(false);
    expect(isExtensionPage({ url: 'https://talks.example/' }, EXTENSION_BASE)).toBe(false);
    expect(isExtensionPage({}, EXTENSION_BASE)).toBe(false);
    // A base without its slash would let `…id.evil.example` through: refused outright.
    expect(isExtensionPage(popup, EXTENSION_ORIGIN)).toBe(false);
  });

  it('has no unguarded way to register a page message', () => {
    expect(Object.keys(protocol)).not.toContain('onMessage');
    // Each direction's helper accepts only its own messages (checked by `tsc --noEmit`):
    const never = () => {
      // @ts-expect-error a page message cannot go through the content helper, which has no guard
      onContentMessage('saveNote', () => undefined);
      // @ts-expect-error a content message is not a page message
      onPageMessage('captureChanged', () => undefined);
    };
    expect(never).toBeTypeOf('function');
  });
});
