/**
 * The background's part in frame reports (platform/frame-captures.ts): kept per tab and frame,
 * handed to the tab's top frame (pushed to frame 0 only), bounded, and forgotten with the tab.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageCapture } from '../../../capture/types';
import { forgetFrameCaptures, frameCapturesOf, saveFrameCapture } from '../../../platform/frame-captures';

const video: PageCapture = {
  url: 'https://www.youtube.com/watch?v=DIsktwOQZuU',
  title: 'Talk',
  kind: 'video',
  platform: 'youtube',
  video: { currentTime: 12 },
};
const EMBED = 'https://www.youtube.com/embed/DIsktwOQZuU';

describe('frame reports in the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('keeps each frame’s latest report per tab and pushes the tab’s list to its top frame only', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await saveFrameCapture(4, 7, EMBED, video);
    await saveFrameCapture(4, 7, EMBED, { ...video, video: { currentTime: 30 } });
    await saveFrameCapture(5, 2, EMBED, video);
    const four = await frameCapturesOf(4);
    expect(four.map((r) => [r.frameId, r.url, r.capture.video?.currentTime])).toEqual([[7, EMBED, 30]]);
    expect((await frameCapturesOf(5)).map((r) => r.frameId)).toEqual([2]);
    expect(sent).toHaveBeenLastCalledWith(
      5,
      { type: 'talkmarks:frame-reports', reports: await frameCapturesOf(5) },
      {
        frameId: 0,
      },
    );
    for (const call of sent.mock.calls) expect(call[2]).toEqual({ frameId: 0 });
  });

  it('ignores the top frame (it reports its own capture) and keeps the newest 16 frames', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    await saveFrameCapture(4, 0, 'https://blog.example/', video);
    expect(await frameCapturesOf(4)).toEqual([]);
    for (let id = 1; id <= 20; id++) await saveFrameCapture(4, id, `${EMBED}?n=${id}`, video);
    const kept = await frameCapturesOf(4);
    expect(kept).toHaveLength(16);
    expect(kept.map((r) => r.frameId)).not.toContain(1);
    expect(kept.map((r) => r.frameId)).toContain(20);
  });

  it('forgets a tab’s reports, and only that tab’s', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await saveFrameCapture(1, 3, EMBED, video);
    await saveFrameCapture(12, 3, EMBED, video);
    await forgetFrameCaptures(1);
    expect(await frameCapturesOf(1)).toEqual([]);
    expect(await frameCapturesOf(12)).toHaveLength(1);
  });
});
