#!/usr/bin/env node
/**
 * Walking-skeleton budgets in real Chromium with the end-to-end build (DESIGN §7), on a profile
 * holding 1,000 notes:
 *  - note put (repository createNote: one Dexie transaction), p95 ≤ 5 ms;
 *  - popup opened for a tab → page, note box and note count shown (fresh tab each time);
 *  - popup Ctrl+Enter → the note is saved through the background and the page's count updated;
 *  - side panel "This page" opened fresh → the page's notes painted, p95 ≤ 200 ms at 1k notes.
 *   TALKMARKS_E2E=1 npx wxt build && node bench/skeleton.bench.mjs   (TALKMARKS_EXT_DIR for another build)
 * Prints a Markdown table and one JSON line. Informational: exits 1 only when something breaks.
 */
import { launchExtension, percentile as pct, servePage } from './_launch.mjs';

const RUNS = Number(process.env.RUNS ?? 12);
const WARMUP = 2;

const stat = (xs) => ({ p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1), n: xs.length });

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench talk</title>
<link rel="canonical" href="http://127.0.0.1/bench-talk"></head><body><h1>Bench talk</h1></body></html>`;
const server = await servePage(PAGE, '/talk');
const url = server.url;

const { context, base, close } = await launchExtension({ extraArgs: ['--disable-sync', '--disable-quic'] });
try {
  const page = await context.newPage();
  await page.goto(url);

  // Seed 1,000 notes, 20 of them on this page, and time single puts.
  const panel = await context.newPage();
  await panel.goto(`${base}/sidepanel.html?view=trash&tabId=0`);
  await panel.waitForFunction(() => '__talkmarksLibrary' in window);
  await panel.evaluate(() => window.__talkmarksLibrary.seed({ notes: 980 }));
  const puts = await panel.evaluate(async () => {
    const times = [];
    for (let i = 0; i < 220; i++) {
      const started = performance.now();
      await window.__talkmarksLibrary.createNote({
        body: `Bench note ${i} #bench`,
        url: 'http://127.0.0.1/bench-talk',
      });
      times.push(performance.now() - started);
    }
    return times.slice(20); // the first ones warm Dexie up
  });
  const tabId = await panel.evaluate(
    async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id,
    url,
  );
  await panel.close();

  // Popup opened fresh: until the page's title, the note box and the count are on screen.
  const popupOpen = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const popup = await context.newPage();
    const started = Date.now();
    await popup.goto(`${base}/popup.html?tabId=${tabId}`);
    await popup.waitForFunction(
      () =>
        /note/.test(document.querySelector('[data-testid="page-note-count"]')?.textContent ?? '') &&
        document.querySelector('h1'),
      undefined,
      { polling: 'raf' },
    );
    if (i >= WARMUP) popupOpen.push(Date.now() - started);
    await popup.close();
  }

  // Popup save: Ctrl+Enter → saved by the background → count updated on screen (in-page clock).
  const popup = await context.newPage();
  await popup.goto(`${base}/popup.html?tabId=${tabId}`);
  await popup.waitForFunction(() =>
    /note/.test(document.querySelector('[data-testid="page-note-count"]')?.textContent ?? ''),
  );
  const saves = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    await popup.fill('#note-body', `Saved from the popup ${i} #bench`);
    await popup.evaluate(() => {
      const count = document.querySelector('[data-testid="page-note-count"]');
      const before = count.textContent;
      window.__saved = new Promise((done) => {
        document.addEventListener(
          'keydown',
          () => {
            const started = performance.now();
            const mo = new MutationObserver(() => {
              if (count.textContent !== before) {
                mo.disconnect();
                done(performance.now() - started);
              }
            });
            mo.observe(count, { characterData: true, childList: true, subtree: true });
          },
          { once: true, capture: true },
        );
      });
    });
    await popup.press('#note-body', 'Control+Enter');
    const ms = await popup.evaluate(() => window.__saved);
    if (i >= WARMUP) saves.push(ms);
  }
  await popup.close();

  // Side panel "This page" opened fresh: until the page's notes are listed.
  const panelOpen = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const p = await context.newPage();
    const started = Date.now();
    await p.goto(`${base}/sidepanel.html?tabId=${tabId}`);
    await p.waitForFunction(
      () => document.querySelectorAll('[aria-label="Notes on this page"] [data-note-id]').length > 0,
      undefined,
      { polling: 'raf' },
    );
    if (i >= WARMUP) panelOpen.push(Date.now() - started);
    await p.close();
  }

  const result = {
    notes: 1000,
    put: stat(puts),
    popupOpen: stat(popupOpen),
    popupSave: stat(saves),
    panelOpen: stat(panelOpen),
  };
  console.log('| 1,000 notes | budget | p50 | p95 |\n|---|---|---|---|');
  console.log(
    `| note put (createNote, one transaction) | p95 ≤ 5 ms | ${result.put.p50} ms | ${result.put.p95} ms |`,
  );
  console.log(
    `| popup opened → page, note box, count shown | — | ${result.popupOpen.p50} ms | ${result.popupOpen.p95} ms |`,
  );
  console.log(
    `| popup Ctrl+Enter → saved via background, count updated | — | ${result.popupSave.p50} ms | ${result.popupSave.p95} ms |`,
  );
  console.log(
    `| side panel opened → this page's notes painted | p95 ≤ 200 ms | ${result.panelOpen.p50} ms | ${result.panelOpen.p95} ms |`,
  );
  console.log(JSON.stringify(result));
} finally {
  await close();
  await server.close();
}
