/**
 * "Open in Talkmarks" on a PDF tab (platform/pdf-open.ts): the popup closes only once the tab shows
 * the viewer. A tab that stays on the PDF after a resolved update (Firefox under load, seen in the
 * end-to-end run) is asked once more, and a move that never happens is reported, not hidden. The
 * tabs API is the faked boundary: each fake tab decides, per update, whether it really navigates.
 */
import { describe, expect, it } from 'vitest';
import { openInPdfViewer, type PdfOpenTabs } from '../../../platform/pdf-open';

const PDF = 'http://127.0.0.1:8000/deck.pdf';
const VIEWER = 'chrome-extension://abc/pdf.html?file=http%3A%2F%2F127.0.0.1%3A8000%2Fdeck.pdf';

/** A tab on the PDF whose n-th update (0-based) navigates when `navigates[n]` is true. */
function fakeTab(navigates: boolean[], shownAs: (target: string) => string = (t) => t) {
  let url = PDF;
  const updates: string[] = [];
  const tabs: PdfOpenTabs = {
    async update(_id, props) {
      const n = updates.push(props.url) - 1;
      if (navigates[n]) setTimeout(() => (url = shownAs(props.url)), 5); // commits a moment later
    },
    async get() {
      return { url };
    },
  };
  return { tabs, updates, url: () => url };
}

const fast = { waitMs: 100, everyMs: 5 };

describe('openInPdfViewer', () => {
  it('moves the tab with one update when the browser navigates', async () => {
    const tab = fakeTab([true]);
    expect(await openInPdfViewer(7, VIEWER, { tabs: tab.tabs, ...fast })).toBe(true);
    expect(tab.updates).toEqual([VIEWER]);
    expect(tab.url()).toBe(VIEWER);
  });

  it('asks once more when the tab stayed on the PDF after a resolved update', async () => {
    const tab = fakeTab([false, true]);
    expect(await openInPdfViewer(7, VIEWER, { tabs: tab.tabs, ...fast })).toBe(true);
    expect(tab.updates).toEqual([VIEWER, VIEWER]);
    expect(tab.url()).toBe(VIEWER);
  });

  it('reports a tab that never moves, after two updates', async () => {
    const tab = fakeTab([false, false, true]);
    expect(await openInPdfViewer(7, VIEWER, { tabs: tab.tabs, ...fast })).toBe(false);
    expect(tab.updates).toEqual([VIEWER, VIEWER]);
    expect(tab.url()).toBe(PDF);
  });

  it('counts the viewer as shown when it has changed its own #page', async () => {
    const tab = fakeTab([true], (t) => `${t}#page=1`);
    expect(await openInPdfViewer(7, `${VIEWER}#page=3`, { tabs: tab.tabs, ...fast })).toBe(true);
    expect(tab.updates).toEqual([`${VIEWER}#page=3`]);
  });

  it('rejects when the browser refuses the update (the tab was closed)', async () => {
    const tabs: PdfOpenTabs = {
      update: async () => {
        throw new Error('No tab with id: 7.');
      },
      get: async () => ({ url: PDF }),
    };
    await expect(openInPdfViewer(7, VIEWER, { tabs, ...fast })).rejects.toThrow('No tab with id: 7.');
  });
});
