import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAPTURE_REQUEST, gotoRequest } from '../../../messaging/tab';
import { answerTabRequests, parseTabRequest } from '../../../messaging/tab-receiver';

describe('tab requests (background / extension page → tab)', () => {
  it('builds the public wire format of DESIGN.md §4', () => {
    expect(CAPTURE_REQUEST).toEqual({ type: 'talkmarks:capture' });
    expect(gotoRequest({ slide: { index: 0, label: '1' } })).toEqual({
      type: 'talkmarks:goto',
      target: { slide: { index: 0, label: '1' } },
    });
  });

  it('parses every valid shape', () => {
    expect(parseTabRequest({ type: 'talkmarks:capture' })).toEqual({ type: 'talkmarks:capture' });
    for (const target of [
      { slide: { index: 0, label: '1' } },
      { slide: { index: 12, label: 'intro' }, time: 95.5 },
      { time: 0 },
      {}, // a note without anchor: the receiver answers false
      { slide: undefined, time: undefined }, // what the side panel sends for such a note (Firefox keeps the keys)
    ]) {
      expect(parseTabRequest({ type: 'talkmarks:goto', target }), JSON.stringify(target)).toEqual({
        type: 'talkmarks:goto',
        target,
      });
    }
  });

  it('drops keys it does not know', () => {
    expect(parseTabRequest({ type: 'talkmarks:capture', extra: 1 })).toEqual({ type: 'talkmarks:capture' });
    expect(parseTabRequest({ type: 'talkmarks:goto', target: { time: 3, html: '<b>' }, x: 1 })).toEqual({
      type: 'talkmarks:goto',
      target: { time: 3 },
    });
  });

  it('rejects junk and other messages', () => {
    for (const junk of [
      null,
      undefined,
      'talkmarks:capture',
      42,
      [],
      {},
      { type: 'talkmarks:Capture' },
      { type: 'talkmarks:frame-capture', capture: {} },
      { id: 1, type: 'captureTab', data: { tabId: 1 }, timestamp: 1 }, // a typed page → background call
      { type: 'talkmarks:goto' },
      { type: 'talkmarks:goto', target: null },
      { type: 'talkmarks:goto', target: 'slide 3' },
      { type: 'talkmarks:goto', target: { slide: { index: -1, label: '0' } } },
      { type: 'talkmarks:goto', target: { slide: { index: 1.5, label: '2' } } },
      { type: 'talkmarks:goto', target: { slide: { index: '3', label: '3' } } },
      { type: 'talkmarks:goto', target: { slide: { index: 3 } } },
      { type: 'talkmarks:goto', target: { slide: { index: 3, label: 3 } } },
      { type: 'talkmarks:goto', target: { time: Number.NaN } },
      { type: 'talkmarks:goto', target: { time: Number.POSITIVE_INFINITY } },
      { type: 'talkmarks:goto', target: { time: -1 } },
      { type: 'talkmarks:goto', target: { time: '12' } },
    ]) {
      expect(parseTabRequest(junk), JSON.stringify(junk)).toBeNull();
    }
  });
});

describe('answerTabRequests', () => {
  afterEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  type Listener = (message: unknown, sender: unknown, respond: (answer: unknown) => void) => unknown;
  function receiver(handlers: Parameters<typeof answerTabRequests>[0]): Listener {
    const add = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    answerTabRequests(handlers);
    return add.mock.calls[0]?.[0] as unknown as Listener;
  }
  const capture = { url: 'https://talks.example/', title: 'T', kind: 'page' as const, platform: 'page' };

  it('answers a well-formed request with its handler, asynchronously', async () => {
    const goto = vi.fn(() => Promise.resolve(true));
    const listener = receiver({ 'talkmarks:capture': () => capture, 'talkmarks:goto': goto });
    const answer = await new Promise((done) => {
      expect(listener({ type: 'talkmarks:capture' }, {}, done)).toBe(true); // true: the answer comes later
    });
    expect(answer).toEqual(capture);
    const moved = await new Promise((done) => {
      listener({ type: 'talkmarks:goto', target: { time: 12 } }, {}, done);
    });
    expect(moved).toBe(true);
    expect(goto).toHaveBeenCalledWith({ type: 'talkmarks:goto', target: { time: 12 } });
  });

  it('stays silent for junk, and when the handler leaves the answer to another frame', () => {
    const handlers = { 'talkmarks:capture': vi.fn(() => undefined), 'talkmarks:goto': vi.fn(() => false) };
    const listener = receiver(handlers);
    const respond = vi.fn();
    expect(listener({ type: 'talkmarks:goto', target: 'x' }, {}, respond)).toBeUndefined();
    expect(handlers['talkmarks:goto']).not.toHaveBeenCalled();
    expect(listener({ type: 'talkmarks:capture' }, {}, respond)).toBeUndefined();
    expect(handlers['talkmarks:capture']).toHaveBeenCalledTimes(1);
    expect(respond).not.toHaveBeenCalled();
  });
});
