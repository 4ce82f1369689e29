#!/usr/bin/env node
/**
 * Capture benchmark in real Chromium: how long `talkmarks:capture` takes to answer on a page of
 * 10,000 slides (tests/fixtures/slides/hostile/huge.html), measured from an extension page as the
 * popup and side panel ask it (message round trip included). Budget: p95 ≤ 50 ms.
 *   TALKMARKS_E2E=1 npx wxt build && node bench/capture-slides.mjs   (TALKMARKS_EXT_DIR to use another build)
 * Prints one JSON line; exits 1 when over budget.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const EXT = resolve(process.env.TALKMARKS_EXT_DIR ?? '.output/chrome-mv3');
const RUNS = Number(process.env.RUNS ?? 40);
const BUDGET_MS = 50;

const page = readFileSync('tests/fixtures/slides/hostile/huge.html');
const http = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
await new Promise((done) => http.listen(0, '127.0.0.1', done));
const server = {
  url: (path) => `http://127.0.0.1:${http.address().port}${path}`,
  close: () => new Promise((done) => http.close(done)),
};
const profile = mkdtempSync(join(tmpdir(), 'talkmarks-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [
    `--disable-extensions-except=${EXT}`,
    `--load-extension=${EXT}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const deck = await context.newPage();
  await deck.goto(server.url('/huge.html'));
  const probe = await context.newPage();
  await probe.goto(`chrome-extension://${id}/popup.html?tabId=0`);
  const result = await probe.evaluate(
    async ({ url, runs }) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      if (!tab?.id) throw new Error('deck tab not found');
      const ask = () => chrome.tabs.sendMessage(tab.id, { type: 'talkmarks:capture' });
      // Wait for the detector to load the capture module.
      for (let i = 0; i < 100; i++) {
        const answer = await ask().catch(() => null);
        if (answer?.slide) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const times = [];
      let last;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        last = await ask();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
      return {
        p50: q(0.5),
        p95: q(0.95),
        max: times[times.length - 1],
        slide: last?.slide?.label,
        count: last?.deck?.slideCount,
      };
    },
    { url: deck.url(), runs: RUNS },
  );
  const round = (n) => Math.round(n * 10) / 10;
  const out = {
    bench: 'capture-10k-slides',
    runs: RUNS,
    p50_ms: round(result.p50),
    p95_ms: round(result.p95),
    max_ms: round(result.max),
    budget_ms: BUDGET_MS,
    slide: result.slide,
    slideCount: result.count,
  };
  console.log(JSON.stringify(out));
  if (result.count !== 10_000 || result.p95 > BUDGET_MS) process.exitCode = 1;
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
