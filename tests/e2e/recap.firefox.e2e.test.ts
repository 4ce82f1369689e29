/**
 * The recap in Firefox ESR: the Red Hat Summit 2012 backup imported through the options page (its
 * worker and Dexie in Firefox), then the wide composer renders "Day recap" equal to the golden file.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackupData, serializeBackup } from '../../recap/backup/format';
import { EVENT, NOTES, RECAP_INTRO, TALKS } from '../fixtures/recap/summit-2012';
import { type FirefoxSession, launchFirefox, poll } from './firefox';

const GOLDEN = readFileSync('tests/fixtures/recap/red-hat-summit-2012-wednesday.md', 'utf8');
let ff: FirefoxSession;

beforeAll(async () => {
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
});

const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);

async function clickButton(page: Page, label: RegExp) {
  await poll(
    () =>
      page.evaluate((source) => {
        const re = new RegExp(source);
        const b = [...document.querySelectorAll('button')].find((x) => re.test(x.textContent?.trim() ?? ''));
        b?.click();
        return Boolean(b);
      }, label.source),
    (found) => found,
  );
}

/** Sets a form field the way a user does (value, then the event Preact listens to). */
async function setField(page: Page, label: string, value: string, byText = false) {
  await poll(
    () =>
      page.evaluate(
        (l, v, t) => {
          const el = document.querySelector<HTMLSelectElement | HTMLTextAreaElement>(`[aria-label="${l}"]`);
          if (!el) return false;
          if (t && el instanceof HTMLSelectElement) {
            const option = [...el.options].find((o) => o.text === v);
            if (!option) return false;
            el.value = option.value;
          } else el.value = v;
          el.dispatchEvent(
            new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
          );
          return true;
        },
        label,
        value,
        byText,
      ),
    (ok) => ok,
  );
}

describe('recap in Firefox ESR', () => {
  it('imports a backup and composes the golden Day recap', async () => {
    const text = await serializeBackup(
      {
        events: [EVENT],
        talks: TALKS,
        decks: [],
        blobs: [],
        notes: NOTES,
        recaps: [],
        templates: [],
      } as unknown as BackupData,
      'e2e',
    );
    const options = await ff.openPage('options.html');
    await poll(
      () =>
        options.evaluate((t) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="backup-file"]');
          if (!input) return false;
          const dt = new DataTransfer();
          dt.items.add(new File([t], 'summit.json', { type: 'application/json' }));
          input.files = dt.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
          return true;
        }, text),
      (ok) => ok,
    );
    await clickButton(options, /^Import \d+ records$/);
    await poll(
      () => textOf(options, '[data-testid="backup-status"]'),
      (s) => s.includes('Import finished'),
      20_000,
    );

    const composer = await ff.openPage('composer.html');
    await setField(composer, 'Event', 'Red Hat Summit 2012', true);
    await setField(composer, 'Day', 'Wednesday, June 27, 2012 (3 talks)', true);
    await setField(composer, 'Intro', RECAP_INTRO);
    const markdown = await poll(
      () =>
        composer.evaluate(
          () => document.querySelector<HTMLTextAreaElement>('[aria-label="Markdown"]')?.value,
        ),
      (v) => v === GOLDEN,
      20_000,
    );
    expect(markdown).toBe(GOLDEN);
    expect(await textOf(composer, '[data-testid="recap-preview"] h1')).toBe('Red Hat Summit 2012: Wednesday');
  });
});
