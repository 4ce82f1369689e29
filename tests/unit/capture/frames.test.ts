// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listenToFrames } from '../../../capture/frames';

const REPORT = 'talkmarks:frame-capture'; // the wire name frames use (capture/frames.ts)
const capture = {
  url: 'https://speakerdeck.com/a/deck',
  title: 'Deck',
  kind: 'slides',
  platform: 'speakerdeck',
};

describe('listenToFrames: reports from child frames', () => {
  let controller: AbortController;
  let frame: HTMLIFrameElement;
  beforeEach(() => {
    controller = new AbortController();
    frame = document.createElement('iframe');
    document.body.append(frame);
  });
  afterEach(() => {
    controller.abort();
    frame.remove();
  });

  const post = (data: unknown, source: Window | null = frame.contentWindow) =>
    window.dispatchEvent(new MessageEvent('message', { data, source }));

  it('keeps a report that passes the capture schema, as the schema outputs it', () => {
    const onReport = vi.fn();
    const reports = listenToFrames(window, onReport, null, controller.signal);
    post({
      type: REPORT,
      capture: { ...capture, slide: { index: 4, label: '5', imageUrl: 'javascript:alert(1)' } },
    });
    expect(onReport).toHaveBeenCalledTimes(1);
    expect(reports.list().map((r) => [r.capture, r.frame])).toEqual([
      [{ ...capture, slide: { index: 4, label: '5' } }, frame],
    ]);
  });

  it('drops reports that fail the schema', () => {
    const onReport = vi.fn();
    const reports = listenToFrames(window, onReport, null, controller.signal);
    for (const bad of [
      undefined,
      'slides',
      {},
      { ...capture, kind: 'evil' },
      { ...capture, url: 42 },
      { ...capture, slide: { index: -1, label: '0' } },
      { ...capture, slideRect: { x: 'left', y: 0, width: 1, height: 1 } },
      { ...capture, video: { currentTime: Number.NaN } },
    ]) {
      post({ type: REPORT, capture: bad });
    }
    expect(onReport).not.toHaveBeenCalled();
    expect(reports.list()).toEqual([]);
  });

  it('drops a bad report without losing the last good one', () => {
    const reports = listenToFrames(window, () => undefined, null, controller.signal);
    post({ type: REPORT, capture });
    post({ type: REPORT, capture: { ...capture, kind: 'evil' } });
    expect(reports.list().map((r) => r.capture)).toEqual([capture]);
  });

  it('ignores windows that are not its child frames', () => {
    const onReport = vi.fn();
    const reports = listenToFrames(window, onReport, null, controller.signal);
    post({ type: REPORT, capture }, window);
    post({ type: REPORT, capture }, null);
    expect(onReport).not.toHaveBeenCalled();
    expect(reports.list()).toEqual([]);
  });
});
