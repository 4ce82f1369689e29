/**
 * What the benchmarks share: headless Chromium with the built extension, a one-page HTTP server,
 * percentiles and the timed `talkmarks:capture` asks. The leading `_` keeps bench/run.mjs from
 * running this file as a benchmark.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} ExtensionBrowser
 * @property {import('playwright-core').BrowserContext} context
 * @property {string} extensionId
 * @property {string} base `chrome-extension://<id>`, to open the extension's pages.
 * @property {string} profileDir
 * @property {() => Promise<void>} close Closes Chromium, then removes the profile if it was made here.
 */

/**
 * The id of the Talkmarks extension among the `count` loaded: the one whose service worker is not a
 * bench floor's (their manifests' names start "Talkmarks bench floor").
 * @param {import('playwright-core').BrowserContext} context
 * @param {number} count
 */
async function talkmarksId(context, count) {
  // A worker that starts between the count and the wait is seen at the next count.
  const deadline = Date.now() + 30_000;
  while (context.serviceWorkers().length < count) {
    if (Date.now() > deadline) throw new Error(`${count} extensions loaded, fewer service workers`);
    await context.waitForEvent('serviceworker', { timeout: 500 }).catch(() => {});
  }
  for (const worker of context.serviceWorkers()) {
    const name = await worker.evaluate(() => chrome.runtime.getManifest().name);
    if (!name.startsWith('Talkmarks bench floor')) return new URL(worker.url()).host;
  }
  throw new Error('no Talkmarks service worker');
}

/**
 * Chromium with the built extension and its service worker up, set up once so all benches run alike.
 * `extDir` defaults to TALKMARKS_EXT_DIR (else .output/chrome-mv3); `extraArgs` are added to the
 * shared flags; without `profileDir` a temporary profile is made and removed by `close()`.
 * `alsoLoad`: other unpacked extensions loaded beside it (a floor extension, bench/_floor-action/);
 * `extensionId` is still Talkmarks'.
 * @param {{ extDir?: string, extraArgs?: string[], profileDir?: string, alsoLoad?: string[],
 *   viewport?: { width: number, height: number } }} [options]
 * @returns {Promise<ExtensionBrowser>}
 */
export async function launchExtension(options = {}) {
  // Loaded here so a bench can skip its browser part without loading Playwright.
  const { chromium } = await import('playwright-core');
  const ext = resolve(options.extDir ?? process.env.TALKMARKS_EXT_DIR ?? '.output/chrome-mv3');
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'talkmarks-bench-'));
  const removeProfile = () => {
    if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
  };
  let context;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      ...(options.viewport && { viewport: options.viewport }),
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${[ext, ...(options.alsoLoad ?? [])].join(',')}`,
        `--load-extension=${[ext, ...(options.alsoLoad ?? [])].join(',')}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        ...(options.extraArgs ?? []),
      ],
    });
  } catch (err) {
    removeProfile();
    throw err;
  }
  const close = async () => {
    await context.close();
    removeProfile();
  };
  try {
    const extensionId = await talkmarksId(context, 1 + (options.alsoLoad?.length ?? 0));
    return { context, extensionId, base: `chrome-extension://${extensionId}`, profileDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * One page (`body`, text/html, at every path) on 127.0.0.1: an http:// page the content scripts run on.
 * `url` is the origin plus `path`.
 * @param {string | Buffer} body
 * @param {string} [path]
 * @returns {Promise<{ url: string, origin: string, close: () => Promise<void> }>}
 */
export async function servePage(body, path = '/') {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: `${origin}${path}`, origin, close: () => new Promise((done) => server.close(() => done())) };
}

/**
 * The q-quantile (0–1) as the sorted values' element at floor(q·n): how the capture and recap benches
 * have always reported, so their numbers stay comparable with docs/benchmarks.md.
 * @param {number[]} xs
 * @param {number} q
 */
export const quantile = (xs, q) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/**
 * The p-th percentile (0–100) by nearest rank (NaN when empty): how the library and skeleton benches
 * have always reported, so their numbers stay comparable with docs/benchmarks.md.
 * @param {number[]} xs
 * @param {number} p
 */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : Number.NaN;
}

/**
 * Times `talkmarks:capture` on the tab showing `url`, asked from an extension page as the popup and
 * side panel ask it (message round trip included): waits until an answer carries `ready` (the
 * capture module is loaded), then times `runs` asks. Returns the probe page for more asks, the tab id,
 * the times (ms) and the last answer.
 * @param {ExtensionBrowser} ext
 * @param {string} url
 * @param {{ runs: number, ready: string }} options
 */
export async function timeCapture(ext, url, { runs, ready }) {
  const probe = await ext.context.newPage();
  await probe.goto(`${ext.base}/popup.html?tabId=0`);
  const result = await probe.evaluate(
    async ({ url, runs, ready }) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      if (!tab?.id) throw new Error(`no tab shows ${url}`);
      const ask = () => chrome.tabs.sendMessage(tab.id, { type: 'talkmarks:capture' });
      // Wait for the detector to load the capture module.
      for (let i = 0; i < 100; i++) {
        const answer = await ask().catch(() => null);
        if (answer?.[ready]) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const times = [];
      let last;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        last = await ask();
        times.push(performance.now() - t0);
      }
      return { tabId: tab.id, times, last };
    },
    { url, runs, ready },
  );
  return { probe, ...result };
}

/**
 * One row of the summary `npm run bench` prints (bench/run.mjs gathers every bench's rows).
 * Times in ms unless `unit` says otherwise. `value` is what the budget checks (p95 unless said);
 * `floor` is the same measure's floor in the same run, `ratio` = value / floor.value.
 * @typedef {object} BenchRow
 * @property {string} measure what was measured, e.g. "side panel opened → first notes painted (1,000 notes)"
 * @property {string} [unit] "ms" (default), "MB", "s", …
 * @property {number | null} [cold] the first (cold) run, reported beside the warm percentiles
 * @property {number | null} [p50]
 * @property {number | null} [p95]
 * @property {number} [n] warm runs
 * @property {number} value the number the budget is checked on (usually p95)
 * @property {{ measure: string, value: number }} [floor] the floor's measure and its value (same statistic)
 * @property {number} [ratio] value / floor.value
 * @property {number} [max] absolute budget: value ≤ max
 * @property {number} [maxRatio] ratio budget: ratio ≤ maxRatio
 * @property {boolean} [ok] computed by {@link writeRows} from max / maxRatio when left out
 */

/** Where rows go: BENCH_RESULTS_DIR (set by bench/run.mjs) or `.bench-results/` in the working directory. */
export const resultsDir = () => resolve(process.env.BENCH_RESULTS_DIR ?? '.bench-results');

/**
 * Writes a bench's rows as `<resultsDir>/<bench>.json` (`{ bench, at, load, rows }`), filling in
 * `ratio` (from `floor`) and `ok` (from `max` / `maxRatio`); returns the rows. bench/run.mjs prints
 * every file's rows as one table and fails when a row is not ok. Any bench (search, sync, …) can
 * write rows this way: import { writeRows } from './_launch.mjs'.
 * @param {string} bench
 * @param {BenchRow[]} rows
 */
export function writeRows(bench, rows) {
  const out = rows.map((r) => {
    const row = { unit: 'ms', ...r };
    if (row.floor && row.ratio === undefined && row.floor.value > 0) row.ratio = row.value / row.floor.value;
    if (row.ok === undefined) {
      row.ok =
        Number.isFinite(row.value) &&
        (row.max === undefined || row.value <= row.max) &&
        (row.maxRatio === undefined || (row.ratio !== undefined && row.ratio <= row.maxRatio));
    }
    return row;
  });
  mkdirSync(resultsDir(), { recursive: true });
  writeFileSync(
    join(resultsDir(), `${bench}.json`),
    `${JSON.stringify({ bench, at: new Date().toISOString(), load: loadavg(), rows: out }, null, 1)}\n`,
  );
  return out;
}

/** `{ cold, p50, p95, n, value: p95 }` of a series whose first element is the cold run. */
export function coldAndWarm(xs) {
  const [cold, ...warm] = xs;
  const p95 = percentile(warm, 95);
  return { cold: cold ?? null, p50: percentile(warm, 50), p95, n: warm.length, value: p95 };
}

/**
 * Copies the floor page (bench/_floor: see floor.js) into the extension build `extDir` as
 * bench-floor.html, with `rows` (objects `{ id, body, where, createdAt, tags }`) as the in-memory array
 * of its paint floor. Opened as `${base}/bench-floor.html?mode=paint|read&n=…`; it marks
 * `talkmarks:floor-painted`.
 * @param {string} extDir
 * @param {object[]} rows
 */
export function installFloorPage(extDir, rows) {
  const from = join(dirname(fileURLToPath(import.meta.url)), '_floor');
  copyFileSync(join(from, 'floor.html'), join(extDir, 'bench-floor.html'));
  copyFileSync(join(from, 'floor.js'), join(extDir, 'bench-floor.js'));
  writeFileSync(join(extDir, 'bench-floor-rows.js'), `export const ROWS = ${JSON.stringify(rows)};\n`);
}

/**
 * Opens `url` in a fresh tab and returns the start time (ms from navigation start) of the
 * performance mark `mark`, waiting for it on a condition (null when it never came within `timeout`).
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {string} mark
 * @param {number} [timeout]
 */
export async function timeMarkOnOpen(context, url, mark, timeout = 30_000) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const handle = await page.waitForFunction((m) => performance.getEntriesByName(m)[0]?.startTime, mark, {
      timeout,
    });
    return await handle.jsonValue();
  } catch {
    return null;
  } finally {
    await page.close();
  }
}
