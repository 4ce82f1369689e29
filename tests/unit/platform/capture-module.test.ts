// @vitest-environment jsdom
/**
 * The capture module in one frame, on the real marp-cli deck (tests/fixtures/slides/marp/deck.html,
 * rendered from deck.md): it answers the tab's capture request with the slide the URL names, reports
 * each real change once (a flip), not repeats, and starts only once per frame.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import type { TabHandlers } from '../../../messaging/tab-receiver';
import { startCaptureModule } from '../../../platform/capture-module';

const html = readFileSync('tests/fixtures/slides/marp/deck.html', 'utf8');
const stops: AbortController[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s.abort();
});

function start(url: string) {
  const win = new JSDOM(html, { url }).window as unknown as Window;
  const reports: PageCapture[] = [];
  let handlers: TabHandlers | undefined;
  // The page's own realm: its addEventListener takes only its own AbortSignal.
  const stop = new (win as unknown as { AbortController: typeof AbortController }).AbortController();
  stops.push(stop);
  const deps = {
    report: async (c: PageCapture) => {
      reports.push(c);
    },
    reportFrame: async () => undefined,
    frameReports: vi.fn(async () => []),
    onFrameReports: () => undefined,
    answer: (h: TabHandlers) => {
      handlers = h;
    },
    fetchJson: async () => null,
  };
  const started = startCaptureModule(win, stop.signal, deps);
  return {
    win,
    reports,
    started,
    deps,
    ask: () => handlers!['talkmarks:capture']({ type: 'talkmarks:capture' }),
  };
}

describe('the capture module in a frame', () => {
  it('answers the capture request with the slide the URL names', async () => {
    const { started, ask } = start('http://127.0.0.1:8000/deck.html#2');
    expect(started).toBe(true);
    const capture = (await ask()) as PageCapture;
    expect(capture).toMatchObject({
      kind: 'slides',
      platform: 'marp',
      url: 'http://127.0.0.1:8000/deck.html',
      deck: { title: 'Replication in practice', author: 'Talkmarks fixture', slideCount: 4 },
      slide: { index: 1, label: '2', title: 'Why replicate?' },
    });
  });

  it('asks the background for frames’ reports only on a page that has a frame', async () => {
    const plain = start('http://127.0.0.1:8000/deck.html#2');
    await plain.ask();
    await plain.ask();
    expect(plain.deps.frameReports).not.toHaveBeenCalled();

    const framed = start('http://127.0.0.1:8000/deck.html#2');
    framed.win.document.body.append(framed.win.document.createElement('iframe'));
    await framed.ask();
    expect(framed.deps.frameReports).toHaveBeenCalledTimes(1);
  });

  it('reports a flip once, with the new slide, and nothing for a repeat of the same state', async () => {
    // The module follows the page through an 80 ms throttle: fake timers make each step explicit.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { win, reports } = start('http://127.0.0.1:8000/deck.html#2');
      const settle = () => vi.advanceTimersByTimeAsync(200);
      await settle();
      expect(reports.map((r) => r.slide?.label)).toEqual(['2']); // the state at start
      win.location.hash = '#3';
      await settle();
      win.document.dispatchEvent(new (win as unknown as typeof globalThis).MouseEvent('click')); // a trigger, but the same slide
      await settle();
      win.location.hash = '#4';
      await settle();
      expect(reports.map((r) => r.slide?.label)).toEqual(['2', '3', '4']);
      expect(reports[1]?.slide).toMatchObject({ index: 2, label: '3', title: 'Quorums' });
      expect(reports[2]?.slide).toMatchObject({ index: 3, label: '4', title: 'Questions?' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts once per frame: a second injection is a no-op', () => {
    const { win, deps } = start('http://127.0.0.1:8000/deck.html#1');
    const again = new (win as unknown as { AbortController: typeof AbortController }).AbortController();
    stops.push(again);
    expect(startCaptureModule(win, again.signal, deps)).toBe(false);
  });
});
