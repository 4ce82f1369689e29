// @vitest-environment jsdom
/** The static detector's watch: it loads the module once a deck appears, and stops once the module runs. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detect } from '../../../capture/detector';
import { CAPTURE_MODULE_FLAG } from '../../../capture/module-flag';

const scope = window as unknown as Record<string, unknown>;

/** Appends what a reveal.js deck renders once its script has run. */
function renderDeck() {
  const deck = document.createElement('div');
  deck.className = 'reveal';
  deck.innerHTML = '<div class="slides"><section>One</section></div>';
  document.body.append(deck);
}

/** Lets the MutationObserver's callback run, then the detector's 200 ms timer. */
async function settle() {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(250);
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<p>An article, no deck yet.</p>';
});
afterEach(() => {
  Reflect.deleteProperty(scope, CAPTURE_MODULE_FLAG);
  vi.useRealTimers();
});

describe('static detector watch', () => {
  it('loads the module once, when a deck is rendered after the page loaded', async () => {
    const load = vi.fn();
    detect(window, load);
    expect(load).not.toHaveBeenCalled();
    renderDeck();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    renderDeck();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('stops watching once the module runs in the frame, loaded another way', async () => {
    const load = vi.fn();
    const scans = vi.spyOn(document, 'querySelector');
    detect(window, load);
    scope[CAPTURE_MODULE_FLAG] = true; // a toolbar click injected it
    document.body.append(document.createElement('p')); // the page changes: one more check
    await settle();
    const after = scans.mock.calls.length;
    renderDeck();
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(scans.mock.calls.length).toBe(after); // no more scans of the page
  });
});
