/**
 * The private tag is the user's to name (issue 16, item 3, left open: "the private tag cannot be
 * changed yet"), in Chromium: on the options page the tag becomes `off-record`; on a real pretalx
 * talk page (DemoCon's static export, served at its address) a note tagged #off-record shows the
 * lock in the side panel, one tagged #private (the old default) does not; the Day post leaves the
 * #off-record note out, keeps the other, and says one private note was left out.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, until } from './harness';
import { type FixtureServer, serveFixtures } from './server';

const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';
const HIDDEN = 'Quorum reads cost a round trip';
const SHOWN = 'Leases keep the leader honest';

let server: FixtureServer;
let session: ExtensionSession;

function pages(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host !== 'localhost') return false;
  if (req.url === '/democon/talk/8GXXJZ/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html'));
  } else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  return true;
}

beforeAll(async () => {
  server = await serveFixtures([], [pages]);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  session = await launchExtension({
    args: [`--host-resolver-rules=MAP localhost ${new URL(server.origin).host}`],
  });
});
afterEach(async () => {
  await session?.close(true);
});

async function dayPost(today: string): Promise<Page> {
  const composer = await session.openPage('composer.html');
  await composer.getByLabel('Event', { exact: true }).selectOption({ label: 'DemoCon' });
  const dayOption = await until(
    () =>
      composer
        .getByLabel('Day', { exact: true })
        .locator('option')
        .evaluateAll(
          (os: HTMLOptionElement[], day: string) => os.find((o) => o.value === day)?.value ?? '',
          today,
        ),
    (v) => v === today,
  );
  await composer.getByLabel('Day', { exact: true }).selectOption(dayOption);
  await composer.getByLabel('Template', { exact: true }).selectOption({ label: 'Day post' });
  return composer;
}

describe('the private tag named on the options page', () => {
  it('makes #off-record notes private: locked in the side panel, left out of the post', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

    // 1. Options: the tag that makes a note private is now `off-record` (typed as a user might).
    const options = await session.openPage('options.html');
    const form = options.getByRole('form', { name: 'Private notes and promised slides' });
    const tagField = form.getByLabel('Tag that makes a note private');
    await expect.poll(() => tagField.inputValue()).toBe('private');
    // A tag with no letter is refused, and nothing is saved.
    await tagField.fill('2024');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => options.getByTestId('notes-status').textContent())
      .toBe('Not saved: see the field above.');
    expect(await form.getByText('A tag needs at least one letter.').count()).toBe(1);
    await tagField.fill('#Off Record');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => options.getByTestId('notes-status').textContent())
      .toContain('Saved: notes tagged #off-record are private');
    expect(await tagField.inputValue()).toBe('off-record');
    const stored = await options.evaluate(() => chrome.storage.local.get('noteSettings'));
    expect(stored).toEqual({
      noteSettings: {
        privateTag: 'off-record',
        promiseWords: ['slides later', 'slides will be posted'],
        notifySlides: false,
      },
    });

    // 2. The talk page: star the talk, set it to today, write one note of each tag.
    const page = await session.context.newPage();
    await page.goto(TALK_URL);
    const tabId = await session.tabIdOf(page.url());
    const panel = await session.openPage('sidepanel.html', { tabId });
    const card = panel.getByTestId('talk-card');
    await card.getByRole('button', { name: `Star “${TALK}”` }).click();
    await expect.poll(() => card.getByRole('button', { name: 'Edit talk' }).count()).toBe(1);
    await card.getByRole('button', { name: 'Edit talk' }).click();
    const edit = panel.getByRole('form', { name: 'Edit talk' });
    await edit.getByLabel('Start day').fill(today);
    await edit.getByLabel('Start time').fill('14:00');
    await edit.getByLabel('End day').fill(today);
    await edit.getByLabel('End time').fill('14:30');
    await edit.getByRole('button', { name: 'Save talk' }).click();
    await expect.poll(() => card.getByTestId('talk-time').count()).toBe(1);

    const box = panel.getByRole('combobox', { name: 'Note' });
    for (const body of [`${HIDDEN} #off-record`, `${SHOWN} #private`]) {
      await box.fill(body);
      await box.press('Control+Enter');
      await expect.poll(() => box.inputValue()).toBe('');
    }
    const hidden = panel.locator('li[data-note-id]', { hasText: HIDDEN });
    const shown = panel.locator('li[data-note-id]', { hasText: SHOWN });
    await expect.poll(() => hidden.count()).toBe(1);
    await expect.poll(() => shown.count()).toBe(1);
    await expect.poll(() => hidden.locator('[data-private="true"]').count()).toBe(1);
    expect(await hidden.getByRole('img', { name: 'Private' }).count()).toBe(1);
    expect(await shown.locator('[data-private="true"]').count()).toBe(0);

    // 3. The Day post: the #off-record note stays out, the #private one (no longer the tag) is in.
    const composer = await dayPost(today);
    const post = await until(
      () => composer.getByTestId('recap-markdown').inputValue(),
      (v) => v.includes('First, [') && v.includes(SHOWN),
    );
    expect(post).not.toContain(HIDDEN);
    const coverage = composer.getByTestId('recap-coverage');
    await expect
      .poll(() => coverage.locator('summary').allTextContents())
      .toEqual(['1 private note left out (tick "Include private notes" to put them in)']);
  });
});
