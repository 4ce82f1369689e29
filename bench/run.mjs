#!/usr/bin/env node
/**
 * `npm run bench`: builds the end-to-end extension once (unless TALKMARKS_EXT_DIR names a build),
 * then runs every benchmark in bench/ in turn (`*.bench.mjs`, and the other `*.mjs` scripts beside
 * this one; `_*.mjs` files are helpers they share), then prints ONE summary table of every row the
 * benchmarks wrote, and exits 1 when a benchmark failed or a row missed its budget.
 *   npm run bench                  all of them
 *   npm run bench -- library       only those whose file name contains "library"
 *   npm run bench -- sync          sync through a local Apache WebDAV (two Chromium profiles)
 *   npm run bench -- --summary     the summary table of the rows already written, nothing run
 *
 * Rows: each benchmark writes `.bench-results/<name>.json` (BENCH_RESULTS_DIR, emptied here first)
 * with `writeRows(name, rows)` from bench/_launch.mjs: `{ bench, at, load, rows: [{ measure, unit,
 * cold, p50, p95, n, value, floor: { measure, value }, ratio, max, maxRatio, ok }] }` — `value` is
 * what the budget checks (usually p95), `floor` the same statistic of the floor measured in the same
 * run, `max` an absolute budget, `maxRatio` a budget on value / floor. A row without `max` or
 * `maxRatio` is informational.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
// `--summary`: only print the summary of the rows already in the results folder (no build, no run).
const summaryOnly = process.argv.includes('--summary');
const only = process.argv.slice(2).filter((a) => a !== '--summary');
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .filter((f) => !summaryOnly && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();

const env = { ...process.env };
if (!env.TALKMARKS_EXT_DIR && !summaryOnly) {
  const out = '.output-bench';
  console.log(`Building the end-to-end extension into ${out}/ …`);
  const build = spawnSync('npx', ['wxt', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, TALKMARKS_E2E: '1', TALKMARKS_OUTDIR: out },
  });
  if (build.status !== 0 || !existsSync(join(root, out, 'chrome-mv3', 'manifest.json'))) {
    console.error('The build failed: no benchmark ran.');
    process.exit(1);
  }
  env.TALKMARKS_EXT_DIR = join(root, out, 'chrome-mv3');
}
const resultsDir = resolve(root, env.BENCH_RESULTS_DIR ?? '.bench-results');
env.BENCH_RESULTS_DIR = resultsDir;
if (!summaryOnly) rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const load = (l) => l.map((x) => x.toFixed(1)).join(' / ');
const loadAtStart = loadavg();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(here, file)], { cwd: root, stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) failed++;
  console.log(`=== ${file}: ${run.status === 0 ? 'ok' : `FAILED (exit ${run.status})`} in ${secs} s`);
}

// The summary: every row of every benchmark, one table.
const fmt = (x, unit = 'ms') => {
  if (x === undefined || x === null || Number.isNaN(x)) return '—';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toLocaleString('en', { maximumFractionDigits: digits })}${unit ? ` ${unit}` : ''}`;
};
const rows = [];
for (const f of readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  try {
    const data = JSON.parse(readFileSync(join(resultsDir, f), 'utf8'));
    for (const r of data.rows ?? []) rows.push({ bench: data.bench, ...r });
  } catch (err) {
    rows.push({ bench: f, measure: `unreadable results: ${err.message}`, value: Number.NaN, ok: false });
  }
}
const missed = rows.filter((r) => r.ok === false);
console.log(
  `\n## Summary (load average 1/5/15 min: ${load(loadAtStart)} at the start, ${load(loadavg())} at the end)\n`,
);
console.log('| bench | measure | cold | p50 | p95 | floor (same run) | ratio | budget | |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const u = r.unit ?? 'ms';
  const budget = [
    r.max !== undefined ? `≤ ${fmt(r.max, u)}` : '',
    r.maxRatio !== undefined ? `≤ ${r.maxRatio}× floor` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const value = r.p95 === undefined || r.p95 === null ? fmt(r.value, u) : fmt(r.p95, u);
  console.log(
    `| ${r.bench} | ${r.measure} | ${fmt(r.cold, u)} | ${fmt(r.p50, u)} | ${value} | ${
      r.floor ? `${r.floor.measure}: ${fmt(r.floor.value, u)}` : '—'
    } | ${r.ratio === undefined || r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`} | ${budget || '—'} | ${
      r.ok === false ? '**missed**' : budget ? 'ok' : ''
    } |`,
  );
}
console.log(
  `\n${files.length - failed} benchmarks passed, ${failed} failed; ${rows.length} rows, ${missed.length} over budget`,
);
process.exit(failed || missed.length ? 1 : 0);
