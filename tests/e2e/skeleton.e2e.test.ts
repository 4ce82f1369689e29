import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, type ExtensionSession, launchExtension } from './harness';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
});
afterAll(async () => {
  await server?.close();
});

// Each test starts on a new, empty profile: what one test saved is never another's starting point.
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(async () => {
  await session?.close(true);
});

describe('walking skeleton in Chromium', () => {
  it('saves a tagged note from the popup and shows it live in the side panel, across a restart', async () => {
    const pageUrl = server.url('/talk.html');
    const page = await session.context.newPage();
    await page.goto(pageUrl);
    const tabId = await session.tabIdOf(pageUrl);

    const panel = await session.openPage('sidepanel.html', { tabId });
    await expect.poll(() => panel.getByText('No notes on this page yet').count()).toBe(1);

    const popup = await session.openPage('popup.html', { tabId });
    await expect
      .poll(() => popup.getByRole('heading', { level: 1 }).textContent())
      .toBe('GlusterFS: the road ahead — demo page');
    const box = popup.getByRole('combobox', { name: 'Note' });
    await box.fill('Replicate translator needs tuning #GlusterFS #storage');
    await box.press('Control+Enter');
    await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');
    expect(await box.inputValue()).toBe('');

    // The side panel updates without reload.
    const notes = panel.getByRole('list', { name: 'Notes on this page' });
    await expect
      .poll(() => notes.getByRole('listitem').filter({ hasText: 'Replicate translator' }).count())
      .toBe(1);
    const tags = await notes.locator('[data-tag]').evaluateAll((els) => els.map((e) => e.textContent));
    expect(tags).toEqual(['glusterfs', 'storage']);

    // Edit in place.
    await notes.getByRole('button', { name: 'Edit' }).click();
    const edit = panel.getByRole('textbox', { name: 'Edit note' });
    await edit.fill('Replicate translator needs tuning for small files #GlusterFS #storage #perf');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => notes.locator('.note-body').first().textContent()).toContain('for small files');
    await expect.poll(() => notes.locator('[data-tag]').count()).toBe(3);

    // Delete, then undo.
    await notes.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => panel.getByText('No notes on this page yet').count()).toBe(1);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => notes.getByRole('listitem').filter({ hasText: 'for small files' }).count())
      .toBe(1);

    // Accessibility of both surfaces, in their populated state, in light and dark.
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      await panel.emulateMedia({ colorScheme });
      expect(await axeViolations(popup)).toEqual([]);
      expect(await axeViolations(panel)).toEqual([]);
    }

    // Relaunch on the same profile: the note is still there.
    const profileDir = session.profileDir;
    await session.close();
    session = await launchExtension({ profileDir });
    const again = await session.context.newPage();
    await again.goto(pageUrl);
    const panel2 = await session.openPage('sidepanel.html', { tabId: await session.tabIdOf(pageUrl) });
    await expect.poll(() => panel2.getByText('for small files', { exact: false }).count()).toBe(1);
    await panel2.getByRole('tab', { name: 'Library' }).click();
    await panel2.getByRole('option', { name: /All notes/ }).click();
    await expect
      .poll(() => panel2.getByRole('listbox', { name: 'All notes' }).locator('[data-note-id]').count())
      .toBe(1);
  });

  it('refuses an empty note and a 1 MB note with a clear message, and takes non-Latin tags', async () => {
    const pageUrl = server.url('/talk.html?bad-input');
    const page = await session.context.newPage();
    await page.goto(pageUrl);
    const popup = await session.openPage('popup.html', { tabId: await session.tabIdOf(pageUrl) });
    const box = popup.getByRole('combobox', { name: 'Note' });
    await expect
      .poll(() => popup.getByRole('heading', { level: 1 }).textContent())
      .toBe('GlusterFS: the road ahead — demo page');

    await box.fill('   ');
    await box.press('Control+Enter');
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('The note is empty');

    const huge = 'x'.repeat(1024 * 1024);
    await box.fill(huge);
    await box.press('Control+Enter');
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('notes hold up to');
    expect((await box.inputValue()).length).toBe(huge.length); // nothing the user typed is lost
    // Still responsive: typing replaces the text and the error goes away.
    await box.fill('Производительность ввода-вывода #Производительность #日本語');
    await expect.poll(() => popup.getByRole('alert').count()).toBe(0);
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');

    const panel = await session.openPage('sidepanel.html', { view: 'library' });
    await panel.getByRole('option', { name: /All notes/ }).click();
    const row = panel.getByRole('listbox', { name: 'All notes' }).getByRole('option');
    await expect.poll(() => row.textContent()).toContain('#производительность #日本語');
  });

  it("opens the real side panel from the popup's button", async () => {
    const pageUrl = server.url('/talk.html?panel');
    const page = await session.context.newPage();
    await page.goto(pageUrl);
    const popup = await session.openPage('popup.html', { tabId: await session.tabIdOf(pageUrl) });
    const panels = () =>
      popup.evaluate(
        async () =>
          (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] }))
            .length,
      );
    expect(await panels()).toBe(0);
    await popup.getByRole('button', { name: 'Open side panel' }).click();
    await expect.poll(panels).toBe(1);
    await expect.poll(() => popup.getByRole('status').textContent()).not.toContain('could not be opened');
  });
});
