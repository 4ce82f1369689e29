/**
 * The popup's early ask (platform/capture-early.ts, run by entrypoints/popup-early.ts): the tab is
 * read as platform/tabs.ts's targetTab reads it, `captureTab` goes out once for it in the typed map's
 * envelope, and any failure is "none" — the popup then shows what it shows without a capture. The
 * tabs API and the runtime are the faked boundary (the envelope meets the real listener in
 * tests/unit/messaging/early-call.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { askCaptureEarly, type EarlyTabs, takeCaptureEarly } from '../../../platform/capture-early';

const TAB = { id: 7, windowId: 1, url: 'https://conf.example/talks/a', title: 'A talk' };
const ACTIVE = { id: 9, windowId: 1, url: 'https://conf.example/talks/b', title: 'B talk' };
const tabs: EarlyTabs = {
  get: async (id) => {
    if (id !== TAB.id) throw new Error(`No tab with id: ${id}`);
    return TAB;
  },
  query: async () => [ACTIVE],
};

function runtime(reply: (m: { type: string; data: { tabId: number } }) => unknown) {
  const sent: { type: string; data: { tabId: number } }[] = [];
  return {
    sent,
    sendMessage: async (m: unknown) => {
      const message = m as { type: string; data: { tabId: number } };
      sent.push(message);
      return reply(message);
    },
  };
}

describe('askCaptureEarly', () => {
  it('asks captureTab for the tab of ?tabId=, else for the active tab', async () => {
    const r = runtime((m) => ({
      res: { url: `tab ${m.data.tabId}`, title: '', kind: 'page', platform: 'tab' },
    }));
    const byId = askCaptureEarly({ tabs, runtime: r }, '?tabId=7');
    expect(await byId.tab).toEqual(TAB);
    expect((await byId.answer)?.url).toBe('tab 7');
    const active = askCaptureEarly({ tabs, runtime: r }, '');
    expect(await active.tab).toEqual(ACTIVE);
    expect((await active.answer)?.url).toBe('tab 9');
    expect(r.sent.map((m) => [m.type, m.data.tabId])).toEqual([
      ['captureTab', 7],
      ['captureTab', 9],
    ]);
  });

  it('answers null without a tab, on a refusal and on no answer, and asks nothing without a tab', async () => {
    const none = runtime(() => undefined);
    const gone = askCaptureEarly({ tabs, runtime: none }, '?tabId=123');
    expect(await gone.tab).toBeNull();
    expect(await gone.answer).toBeNull();
    expect(none.sent).toHaveLength(0);
    expect(await askCaptureEarly({ tabs, runtime: none }, '?tabId=7').answer).toBeNull();
    const refused = runtime(() => ({ err: { message: 'Refused' } }));
    expect(await askCaptureEarly({ tabs, runtime: refused }, '?tabId=7').answer).toBeNull();
  });

  it('is taken once: a later popup render asks for itself', () => {
    const started = askCaptureEarly({ tabs, runtime: runtime(() => undefined) }, '?tabId=7');
    globalThis.__talkmarksPopupEarly = started;
    expect(takeCaptureEarly()).toBe(started);
    expect(takeCaptureEarly()).toBeUndefined();
  });
});
