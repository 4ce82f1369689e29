/**
 * Slides promised for later (issue 16, item 2; issue 13, item 4), in Chromium: a real pretalx talk
 * page (DemoCon's static export, served at its address http://localhost/democon/talk/8GXXJZ/) with
 * no slides; the talk starred and marked "slides promised" by Friday from its card, a note taken;
 * the Day post says the slides are promised for Friday. Then the same page is served with a slides
 * link added (as pretalx lists a talk's resources); on the next visit the side panel links the
 * deck, says the promised slides arrived, and the Day post now links them.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, until } from './harness';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';

const TALK = 'Balanced demand-driven Graphical User Interface';
const TALK_URL = 'http://localhost/democon/talk/8GXXJZ/';
const SLIDES = 'https://speakerdeck.com/democon/balanced-demand-driven-gui';

let server: FixtureServer;
let session: ExtensionSession;
/** Whether the talk page lists its slides yet. */
let slidesPosted = false;

function pages(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host !== 'localhost') return false;
  if (req.url === '/democon/talk/8GXXJZ/') {
    let html = readFileSync('tests/fixtures/sessions/pretalx-democon2022-talk.html', 'utf8');
    if (slidesPosted) {
      // pretalx lists a talk's resources in a section of their own; the speaker uploaded the deck.
      html = html.replace(
        '<section class="abstract">',
        `<section class="resources"><h3>Resources</h3><a href="${SLIDES}">Slides</a></section><section class="abstract">`,
      );
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
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
  slidesPosted = false;
  session = await launchExtension({
    args: [`--host-resolver-rules=MAP localhost ${new URL(server.origin).host}`],
  });
});
afterEach(async () => {
  await session?.close(true);
});

interface StoredTalk {
  id: string;
  title: string;
  slidesUrl?: string;
  slidesPromise?: { at: number; by?: string; fulfilledAt?: number };
}

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

describe('slides promised for later', () => {
  it('marks the promise, finds the slides on the next visit, tells the user and links them in the post', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

    // 1. The talk page, no slides yet: star the talk, set it to today, mark the slides promised by Friday.
    const page = await session.context.newPage();
    await page.goto(TALK_URL);
    const tabId = await session.tabIdOf(page.url());
    let panel = await session.openPage('sidepanel.html', { tabId });
    let card = panel.getByTestId('talk-card');
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

    await card.getByRole('button', { name: 'Slides promised…' }).click();
    await card.getByLabel('Slides expected by (optional)').fill('Friday');
    await card.getByRole('button', { name: 'Mark slides promised' }).click();
    await expect
      .poll(() => card.getByTestId('promise-pending').textContent())
      .toContain('Slides promised for Friday');

    const box = panel.getByRole('combobox', { name: 'Note' });
    await box.fill('Portals make the layout vertical');
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');

    // The post says what the speaker promised.
    let composer = await dayPost(today);
    const before = await until(
      () => composer.getByTestId('recap-markdown').inputValue(),
      // The Day post's paragraph, not the default template's list.
      (v) => v.includes('First, [') && v.includes('Portals make the layout vertical'),
    );
    expect(before).toContain('Portals make the layout vertical. The slides are promised for Friday.');
    expect(before).not.toContain(SLIDES);
    await composer.close();
    await panel.close();

    // 2. Later the session page links the slides; the user visits it again.
    slidesPosted = true;
    await page.goto(TALK_URL);
    panel = await session.openPage('sidepanel.html', { tabId });
    const banner = panel.getByTestId('promise-banner');
    await expect.poll(() => banner.count()).toBe(1);
    expect(await banner.textContent()).toContain(`The slides promised for “${TALK}” are online now`);
    expect(await banner.getByRole('link', { name: 'Slides' }).getAttribute('href')).toBe(SLIDES);
    card = panel.getByTestId('talk-card');
    await expect.poll(() => card.getByTestId('promise-kept').count()).toBe(1);

    const db = (await panel.evaluate(readDatabase)) as { talks: StoredTalk[] };
    expect(db.talks).toHaveLength(1);
    expect(db.talks[0]!.slidesUrl).toBe(SLIDES);
    expect(db.talks[0]!.slidesPromise?.by).toBe('Friday');
    expect(db.talks[0]!.slidesPromise?.fulfilledAt).toBeGreaterThan(0);

    // 3. The post now links the slides instead of promising them.
    composer = await dayPost(today);
    const after = await until(
      () => composer.getByTestId('recap-markdown').inputValue(),
      (v) => v.includes('First, [') && v.includes('The slides are now'),
    );
    expect(after).toContain(`([slides](${SLIDES}))`);
    expect(after).toContain(`Portals make the layout vertical. The slides are now [online](${SLIDES}).`);
    expect(after).not.toContain('promised for Friday');
  });
});
