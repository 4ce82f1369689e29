#!/usr/bin/env node
/**
 * Capture benchmark in real Chromium: how long `talkmarks:capture` takes to answer on a page of
 * 10,000 slides (tests/fixtures/slides/hostile/huge.html), measured from an extension page as the
 * popup and side panel ask it (message round trip included). Budget: p95 ≤ 50 ms.
 *   TALKMARKS_E2E=1 npx wxt build && node bench/capture-slides.mjs   (TALKMARKS_EXT_DIR to use another build)
 * Beside it, alternating with the asks, the floor: an ask of the same tab that no listener answers
 * (the message's hop to the page and back). Prints one JSON line and writes its rows for
 * `npm run bench`'s summary; exits 1 when over budget.
 */
import { readFileSync } from 'node:fs';
import { launchExtension, quantile, servePage, timeCapture, writeRows } from './_launch.mjs';

const RUNS = Number(process.env.RUNS ?? 40);
const BUDGET_MS = 50;

const server = await servePage(readFileSync('tests/fixtures/slides/hostile/huge.html'), '/huge.html');
const ext = await launchExtension();
try {
  const deck = await ext.context.newPage();
  await deck.goto(server.url);
  const { times, last, probe, tabId } = await timeCapture(ext, deck.url(), { runs: RUNS, ready: 'slide' });
  const floor = await probe.evaluate(
    async ({ tabId, runs }) => {
      const out = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await chrome.tabs.sendMessage(tabId, { type: 'talkmarks:bench-nobody-answers' }).catch(() => null);
        out.push(performance.now() - t0);
        await chrome.tabs.sendMessage(tabId, { type: 'talkmarks:capture' });
      }
      return out;
    },
    { tabId, runs: RUNS },
  );
  const slideCount = last?.deck?.slideCount;
  const p95 = quantile(times, 0.95);
  const round = (n) => Math.round(n * 10) / 10;
  const out = {
    bench: 'capture-10k-slides',
    runs: RUNS,
    p50_ms: round(quantile(times, 0.5)),
    p95_ms: round(p95),
    max_ms: round(Math.max(...times)),
    floor_p50_ms: round(quantile(floor, 0.5)),
    floor_p95_ms: round(quantile(floor, 0.95)),
    budget_ms: BUDGET_MS,
    slide: last?.slide?.label,
    slideCount,
  };
  console.log(JSON.stringify(out));
  writeRows('capture-slides', [
    {
      measure: 'capture answered, a hostile deck of 10,000 slides (round trip)',
      p50: quantile(times, 0.5),
      p95,
      n: times.length,
      value: p95,
      max: BUDGET_MS,
      floor: {
        measure: 'an ask of the same tab no listener answers (round trip)',
        value: quantile(floor, 0.95),
      },
    },
  ]);
  if (slideCount !== 10_000 || p95 > BUDGET_MS) process.exitCode = 1;
} finally {
  await ext.close();
  await server.close();
}
