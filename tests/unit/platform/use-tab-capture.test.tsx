// @vitest-environment jsdom
/**
 * useTabCapture with an answer asked before the hook began (the side panel asks as it opens,
 * components/capture/ThisPageStart.ts): a change the page reported between that ask and the hook's
 * watch must still be shown. Seen in Chromium: a PDF deck's slide title, read after the deck opened,
 * stayed missing from "This page". Real (fake-browser) session storage; no background.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageCapture } from '../../../capture/types';
import { saveTabCapture } from '../../../platform/tab-captures';
import { useTabCapture } from '../../../platform/use-tab-capture';

const EARLY: PageCapture = {
  url: 'https://x.example/deck.pdf',
  title: 'Deck',
  kind: 'slides',
  platform: 'pdf',
};
const LATER: PageCapture = { ...EARLY, slide: { index: 1, label: '2', title: 'Why replicate?' } };

function Shown({ answer }: { answer: Promise<PageCapture | null> }) {
  const state = useTabCapture(3, '', { tabId: 3, answer });
  if (state.status === 'loading') return <p>loading</p>;
  return <p>{state.capture?.slide?.title ?? 'no title'}</p>;
}

afterEach(() => {
  cleanup();
  fakeBrowser.reset();
});

describe('useTabCapture with an answer asked before it began', () => {
  it('shows a change reported between the ask and the watch', async () => {
    let answer!: (c: PageCapture) => void;
    const asked = new Promise<PageCapture | null>((r) => {
      answer = r;
    });
    // The page reported its slide title after the early ask was answered in the page, before the
    // hook watched: the background kept it.
    await saveTabCapture(3, LATER);
    render(<Shown answer={asked} />);
    answer(EARLY);
    await waitFor(() => expect(screen.getByText('Why replicate?')).toBeTruthy());
  });

  it('shows the answer when nothing newer was reported', async () => {
    render(<Shown answer={Promise.resolve(EARLY)} />);
    await waitFor(() => expect(screen.getByText('no title')).toBeTruthy());
    await saveTabCapture(3, LATER);
    await waitFor(() => expect(screen.getByText('Why replicate?')).toBeTruthy());
  });
});
