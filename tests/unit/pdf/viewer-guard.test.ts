// @vitest-environment jsdom
/**
 * The PDF viewer page (issue 14, item 7): it answers `talkmarks:capture` / `talkmarks:goto` only to
 * Talkmarks' own pages, and reaching a site it may not read is an explicit, labelled choice.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerOwnPages } from '../../../components/pdf/answer';

vi.mock('../../../components/pdf/viewer', () => ({
  openPdf: () => Promise.reject(new Error('Failed to fetch')), // the site gives the extension no access, or the file is bad
}));

const BASE = 'chrome-extension://abcdefghijklmnop/';
type Listener = (message: unknown, sender: unknown, respond: (answer: unknown) => void) => unknown;

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('the PDF viewer’s answers', () => {
  const capture = { url: 'https://fosdem.org/slides.pdf', title: 'Deck', kind: 'slides', platform: 'pdf' };
  function listen() {
    const add = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    const goto = vi.fn(() => true);
    answerOwnPages({ 'talkmarks:capture': () => capture as never, 'talkmarks:goto': goto }, BASE);
    return { listener: add.mock.calls[0]?.[0] as unknown as Listener, goto };
  }

  it('answers the background, the popup and the side panel', async () => {
    const { listener, goto } = listen();
    for (const url of [`${BASE}background.js`, `${BASE}popup.html`, `${BASE}sidepanel.html?tabId=3`]) {
      const answer = await new Promise((done) => {
        expect(listener({ type: 'talkmarks:capture' }, { id: 'x', url }, done)).toBe(true);
      });
      expect(answer).toEqual(capture);
    }
    const moved = await new Promise((done) =>
      listener({ type: 'talkmarks:goto', target: { time: 3 } }, { url: `${BASE}sidepanel.html` }, done),
    );
    expect(moved).toBe(true);
    expect(goto).toHaveBeenCalledTimes(1);
  });

  it('stays silent for content scripts in web pages, other extensions and senders without an address', () => {
    const { listener, goto } = listen();
    const respond = vi.fn();
    const strangers = [
      { id: 'x', url: 'https://evil.example/', tab: { id: 4 }, frameId: 0 }, // a content script's runtime.sendMessage
      { id: 'x', url: 'https://www.youtube.com/embed/abc', tab: { id: 4 }, frameId: 3 },
      { id: 'other', url: 'chrome-extension://zzzzzzzzzzzzzzzz/page.html' },
      { id: 'x', url: 'chrome-extension://abcdefghijklmnop.evil.example/' },
      { id: 'x' },
      {},
    ];
    for (const sender of strangers) {
      expect(listener({ type: 'talkmarks:capture' }, sender, respond)).toBeUndefined();
      expect(listener({ type: 'talkmarks:goto', target: { time: 1 } }, sender, respond)).toBeUndefined();
    }
    expect(respond).not.toHaveBeenCalled();
    expect(goto).not.toHaveBeenCalled();
  });
});

describe('reaching a PDF on a site Talkmarks may not read', () => {
  it('asks nothing by itself; the button says what it enables and asks for that origin only', async () => {
    const { openDeck } = await import('../../../components/pdf/open-deck');
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false); // the site is not allowed
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    const status = document.createElement('p');
    document.body.append(status);
    await openDeck('https://files.example.org:8443/decks/talk.pdf', status, () => undefined);
    expect(request).not.toHaveBeenCalled();

    const button = status.querySelector('button');
    expect(button?.textContent).toBe('Allow Talkmarks on files.example.org (reading and capture)');
    const why = document.getElementById(button?.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toContain('read every page and file on files.example.org:');
    expect(why?.textContent).toContain('captures talks on that site’s pages without a click');
    expect(why?.textContent).toContain('Sites you enabled');
    expect(status.textContent).toContain('Talkmarks has no access to files.example.org.');

    button?.click();
    // Every port of the host: Firefox takes no port in a match pattern.
    expect(request).toHaveBeenCalledWith({ origins: ['https://files.example.org/*'] });
  });
});

describe('a PDF that fails on a site Talkmarks may read', () => {
  it('says what went wrong and offers no permission, which would not help', async () => {
    const { openDeck } = await import('../../../components/pdf/open-deck');
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    const request = vi.spyOn(fakeBrowser.permissions, 'request');
    const status = document.createElement('p');
    document.body.append(status);
    await openDeck('https://files.example.org/decks/talk.pdf', status, () => undefined);
    expect(status.textContent).toBe('The PDF could not be opened: Failed to fetch.');
    expect(status.querySelector('button')).toBeNull();
    expect(request).not.toHaveBeenCalled();
  });
});
