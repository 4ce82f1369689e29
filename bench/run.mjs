#!/usr/bin/env node
/**
 * `npm run bench`: builds the end-to-end extension once (unless TALKMARKS_EXT_DIR names a build),
 * then runs every benchmark in bench/ in turn (`*.bench.mjs`, and the other `*.mjs` scripts beside
 * this one; `_*.mjs` files are helpers they share). Each prints its own JSON / Markdown result. Exits 1
 * when any benchmark did.
 *   npm run bench                  all of them
 *   npm run bench -- library       only those whose file name contains "library"
 *   npm run bench -- sync          sync through a local Apache WebDAV (two Chromium profiles)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const env = { ...process.env };
if (!env.TALKMARKS_EXT_DIR) {
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

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(here, file)], { cwd: root, stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) failed++;
  console.log(`=== ${file}: ${run.status === 0 ? 'ok' : `FAILED (exit ${run.status})`} in ${secs} s`);
}
console.log(`\n${files.length - failed} benchmarks passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
