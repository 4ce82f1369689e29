/**
 * Content scripts run beside untrusted pages: a message from one that asks the background to write
 * or delete must be refused. Acted out from inside the capture content script's own isolated world
 * (reached over CDP), as a compromised content script would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension } from './harness';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close(true);
  await server?.close();
});

describe('messages from content scripts', () => {
  it('are refused when they ask to write or delete, and change nothing', async () => {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    await page.goto(server.url('/talk.html'));
    const tabId = await session.tabIdOf(server.url('/talk.html'));

    // A note exists, saved the proper way (popup → background).
    const popup = await session.openPage('popup.html', { tabId });
    const box = popup.getByRole('combobox', { name: 'Note' });
    await box.fill('Keep me #safe');
    await box.press('Control+Enter');
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');

    await expect
      .poll(() => contexts.filter((c) => c.auxData?.type === 'isolated' && c.name === 'Talkmarks').length)
      .toBeGreaterThan(0);
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Talkmarks')!;
    const send = async (message: object) => {
      const { result } = await cdp.send('Runtime.evaluate', {
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
        expression: `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((r) => JSON.stringify(r), (e) => 'rejected: ' + e.message)`,
      });
      return String(result.value);
    };
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

    // Nothing changed.
    await popup.reload();
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');
    const panel = await session.openPage('sidepanel.html', { tabId });
    await expect.poll(() => panel.locator('[data-tag]').allTextContents()).toEqual(['safe']);
  });
});
