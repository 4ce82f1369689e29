/**
 * Content scripts run beside untrusted pages: a message from one that asks the background to write
 * or delete must be refused. In Firefox, code run by `scripting.executeScript` lives in the
 * extension's content-script world of the page, the capture module's own (the test checks it sees
 * the module's flag), and its messages reach the background as a content script's do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxSession, launchFirefox, poll, pressCtrlEnter, texts, typeInto } from './firefox';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let ff: FirefoxSession;

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

describe('messages from content scripts in Firefox', () => {
  it('are refused when they ask to write or delete, and change nothing', async () => {
    const { tabId } = await ff.openTab(server.url('/talk.html'));

    // A note exists, saved the proper way (popup → background); the popup has the capture module injected.
    const popup = await ff.openPage('popup.html', { tabId });
    await poll(
      () => texts(popup, 'h1'),
      (t) => t[0] === 'GlusterFS: the road ahead — demo page',
    );
    await typeInto(popup, '#note-body', 'Keep me #safe');
    await pressCtrlEnter(popup);
    const count = () => texts(popup, '[data-testid="page-note-count"]');
    await poll(count, (t) => t[0] === '1 note on this page');

    // The capture module's world: its flag is visible here, and only here (not to the page).
    await poll(
      () =>
        ff.inContentScript(
          tabId,
          () => (window as unknown as { __talkmarksCapture?: boolean }).__talkmarksCapture === true,
          null,
        ),
      Boolean,
    );
    const send = (message: object) =>
      ff.inContentScript(
        tabId,
        async (m) => {
          const api = (globalThis as unknown as { browser: typeof chrome }).browser;
          return api.runtime.sendMessage(m).then(
            (r: unknown) => JSON.stringify(r),
            (e: Error) => `rejected: ${e.message}`,
          );
        },
        message,
      );
    const msg = (type: string, data: unknown) => ({ id: 1, type, data, timestamp: Date.now() });

    expect(await send(msg('trashAdmin', { action: 'empty' }))).toContain('only Talkmarks');
    expect(
      await send(
        msg('saveNote', {
          body: 'injected #evil',
          capture: { url: 'https://e.org/', title: 'x', kind: 'page', platform: 'page' },
        }),
      ),
    ).toContain('only Talkmarks');
    expect(await send(msg('changeTag', { from: 'safe', to: null }))).toContain('only Talkmarks');
    expect(await send(msg('trashNote', { id: 'x', restore: false }))).toContain('only Talkmarks');

    // Nothing changed: a fresh popup counts one note, the sidebar shows the one tag.
    const again = await ff.openPage('popup.html', { tabId });
    await poll(
      () => texts(again, '[data-testid="page-note-count"]'),
      (t) => t[0] === '1 note on this page',
    );
    const panel = await ff.openPage('sidepanel.html', { tabId });
    const tags = await poll(
      () => texts(panel, '[data-tag]'),
      (t) => t.length > 0,
    );
    expect(tags).toEqual(['safe']);
    const bodies = await poll(
      () => texts(panel, '.note-body'),
      (t) => t.length > 0,
    );
    // The tag shows as a chip (above), not again at the end of the text.
    expect(bodies).toEqual(['Keep me']);
  });
});
