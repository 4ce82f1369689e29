import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ContentEnvelope, onContentMessage } from '../../../messaging/content';
import { fakeRuntime } from './harness';

const capture = { url: 'https://talks.example/deck', title: 'Deck', kind: 'slides', platform: 'reveal' };
const inTab = (tabId: number, frameId = 0) => ({
  url: 'https://talks.example/deck',
  tab: { id: tabId } as chrome.tabs.Tab,
  frameId,
});

describe('onContentMessage (content script → background)', () => {
  let runtime: ReturnType<typeof fakeRuntime>;
  const removers: (() => void)[] = [];
  beforeEach(() => {
    runtime = fakeRuntime();
  });
  afterEach(() => {
    for (const remove of removers.splice(0)) remove();
    vi.unstubAllGlobals();
  });

  it('hands the handler the validated capture with its tab and frame', async () => {
    const handler = vi.fn();
    removers.push(onContentMessage('captureChanged', handler));
    const sent = { ...capture, slide: { index: 2, label: '3', imageUrl: 'javascript:alert(1)' } };
    await runtime.deliver('captureChanged', sent, inTab(4, 0));
    // The schema's output, not the raw message: the script link is gone.
    expect(handler).toHaveBeenCalledWith({
      data: { ...capture, slide: { index: 2, label: '3' } },
      tabId: 4,
      frameId: 0,
      url: 'https://talks.example/deck',
    });
  });

  it('drops page data that fails the schema', async () => {
    const handler = vi.fn();
    removers.push(onContentMessage('captureChanged', handler));
    for (const bad of [null, 'x', {}, { ...capture, kind: 'evil' }, { ...capture, url: 42 }]) {
      expect(await runtime.deliver('captureChanged', bad, inTab(4))).toEqual({ res: undefined });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('drops messages that do not come from a tab', async () => {
    const handler = vi.fn();
    removers.push(onContentMessage('captureChanged', handler));
    await runtime.deliver('captureChanged', capture, { id: 'ext', url: 'chrome-extension://x/popup.html' });
    expect(handler).not.toHaveBeenCalled();
  });

  it("accepts the detector's hand-written loadCapture envelope", async () => {
    const handler = vi.fn();
    removers.push(onContentMessage('loadCapture', handler));
    const envelope: ContentEnvelope<'loadCapture'> = { id: 0, type: 'loadCapture', data: null, timestamp: 1 };
    const [listener] = [...runtime.listeners];
    await new Promise((done) => listener?.(envelope, inTab(9, 3), done));
    expect(handler).toHaveBeenCalledWith({
      data: undefined,
      tabId: 9,
      frameId: 3,
      url: 'https://talks.example/deck',
    });
  });

  it('hands a child frame’s report over validated, with the frame’s own address as the browser gives it', async () => {
    const handler = vi.fn();
    removers.push(onContentMessage('frameCaptureChanged', handler));
    const sender = { ...inTab(4, 6), url: 'https://www.youtube.com/embed/DIsktwOQZuU' };
    await runtime.deliver('frameCaptureChanged', { ...capture, kind: 'evil' }, sender);
    expect(handler).not.toHaveBeenCalled();
    await runtime.deliver('frameCaptureChanged', capture, sender);
    expect(handler).toHaveBeenCalledWith({ data: capture, tabId: 4, frameId: 6, url: sender.url });
  });
});
