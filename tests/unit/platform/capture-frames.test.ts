// @vitest-environment jsdom
/**
 * The capture module in an embedded frame tells the background, never its parent window (issue 14,
 * item 1): the embedding page gets no message event and no answer to the old "hello". The top
 * frame merges what the background hands it. The deck is the real marp-cli fixture.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameReport } from '../../../capture/frames';
import type { PageCapture } from '../../../capture/types';
import type { TabHandlers } from '../../../messaging/tab-receiver';
import { type CaptureModuleDeps, startCaptureModule } from '../../../platform/capture-module';

const deck = readFileSync('tests/fixtures/slides/marp/deck.html', 'utf8');
const stops: AbortController[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s.abort();
  vi.useRealTimers();
});

function fakeDeps(frameReports: unknown = []) {
  const calls = { report: [] as PageCapture[], reportFrame: [] as PageCapture[], asked: 0 };
  let handlers: TabHandlers | undefined;
  let push: ((raw: unknown) => void) | undefined;
  const deps: CaptureModuleDeps = {
    report: async (c) => calls.report.push(c),
    reportFrame: async (c) => calls.reportFrame.push(c),
    frameReports: async () => {
      calls.asked++;
      return frameReports;
    },
    onFrameReports: (listener) => {
      push = listener;
    },
    answer: (h) => {
      handlers = h;
    },
    fetchJson: async () => null,
  };
  return {
    deps,
    calls,
    ask: () => handlers?.['talkmarks:capture']({ type: 'talkmarks:capture' }),
    push: (raw: unknown) => push?.(raw),
  };
}

function start(win: Window, deps: CaptureModuleDeps) {
  const stop = new (win as unknown as { AbortController: typeof AbortController }).AbortController();
  stops.push(stop);
  return startCaptureModule(win, stop.signal, deps);
}

/** An embedding page on another site with one iframe that holds the deck. */
function embeddingPage() {
  const top = new JSDOM(
    '<!doctype html><title>Blog</title><h1>My post</h1><iframe src="https://slides.example/deck.html" width="800" height="450"></iframe>',
    { url: 'https://blog.example/post' },
  ).window;
  const iframe = top.document.querySelector('iframe') as HTMLIFrameElement;
  const child = iframe.contentWindow as Window;
  child.document.open();
  child.document.write(deck);
  child.document.close();
  return { top: top as unknown as Window, child, iframe };
}

describe('the capture module in an embedded frame', () => {
  it('reports to the background only: no message reaches the embedding page, and a hello gets no answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { top, child } = embeddingPage();
    const heard: unknown[] = [];
    top.addEventListener('message', (e) => heard.push((e as MessageEvent).data));
    const posted = vi.spyOn(top, 'postMessage');
    const { deps, calls, ask } = fakeDeps();
    expect(start(child, deps)).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.reportFrame.map((c) => c.platform)).toEqual(['marp']);
    expect(calls.report).toEqual([]); // a frame never speaks for the tab
    expect(calls.asked).toBe(0); // nor asks for other frames' reports

    // The embedding page probes with the old hello (and anything else) for a while.
    for (const data of [{ type: 'talkmarks:frame-hello' }, { type: 'talkmarks:capture' }, 'hello']) {
      child.postMessage(data, '*');
    }
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.reportFrame).toHaveLength(1); // no answer, no re-report
    expect(posted).not.toHaveBeenCalled();
    expect(heard).toEqual([]);
    expect(ask()).toBeUndefined(); // the tab's capture request is the top frame's to answer
  });

  it('the top frame asks the background for its frames’ reports and merges the one it shows', async () => {
    const { top } = embeddingPage();
    Object.assign(top, { innerWidth: 1000, innerHeight: 1000 });
    const slide: PageCapture = {
      url: 'https://slides.example/deck.html',
      title: 'Replication in practice',
      kind: 'slides',
      platform: 'marp',
      deck: { title: 'Replication in practice', url: 'https://slides.example/deck.html' },
      slide: { index: 1, label: '2', title: 'Why replicate?' },
    };
    const reports: FrameReport[] = [
      { frameId: 5, url: 'https://slides.example/deck.html#2', capture: slide, at: 1 },
    ];
    const iframe = top.document.querySelector('iframe') as HTMLIFrameElement;
    iframe.getBoundingClientRect = () => ({ left: 100, top: 200, width: 500, height: 250 }) as DOMRect;
    const { deps, calls, ask, push } = fakeDeps(reports);
    start(top, deps);
    const answer = (await ask()) as PageCapture;
    expect(answer).toMatchObject({
      url: 'https://blog.example/post',
      kind: 'slides',
      platform: 'marp',
      slide: { index: 1, label: '2' },
      slideRect: { x: 0.1, y: 0.2, width: 0.5, height: 0.25 },
    });
    expect(calls.asked).toBeGreaterThan(0);

    // A flip inside the frame arrives as a push and the top frame reports it.
    push([{ ...reports[0], capture: { ...slide, slide: { index: 2, label: '3' } }, at: 2 }]);
    expect(calls.report.at(-1)?.slide).toEqual({ index: 2, label: '3' });
    // A push that is not a report list changes nothing it would merge.
    push({ not: 'a list' });
    expect(calls.report.at(-1)?.slide).toBeUndefined();
  });
});
