#!/usr/bin/env node
/**
 * `npm test`: every check and test, in order — types, lint, unit tests, release builds (Chrome MV3 and
 * Firefox) with their budget, manifest and web-ext checks, the end-to-end build, end-to-end tests in
 * Chromium and Firefox. Ends with one line `N passed, N failed` counted over everything it ran.
 * `--skip-e2e` leaves the browsers out (quick local run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const skipE2e = process.argv.includes('--skip-e2e');
let passed = 0;
let failed = 0;
const failures = [];

function run(cmd, env = {}) {
  const started = Date.now();
  const res = spawnSync(cmd, { shell: true, stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: res.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

/** One command that counts as one check. */
function check(name, cmd, env) {
  console.log(`\n▶ ${name}: ${cmd}`);
  const { ok, seconds } = run(cmd, env);
  console.log(`${ok ? '✔' : '✖'} ${name} (${seconds} s)`);
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return ok;
}

/** A Vitest run whose individual tests are counted (from its JSON report). */
function vitest(name, args, env) {
  mkdirSync('.tmp', { recursive: true });
  const report = `.tmp/${name.replace(/\W+/g, '-')}.json`;
  rmSync(report, { force: true });
  console.log(`\n▶ ${name}`);
  const { ok, seconds } = run(
    `npx vitest run ${args} --reporter=default --reporter=json --outputFile.json=${report}`,
    env,
  );
  if (!existsSync(report)) {
    failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A file that fails to load has no tests to count: count it as a failure.
  const broken = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  failed += broken;
  if (r.numFailedTests || broken)
    failures.push(`${name}: ${r.numFailedTests} failed tests, ${broken} broken files`);
  if (!ok && !r.numFailedTests && !broken) {
    failed++;
    failures.push(`${name} exited non-zero`);
  }
  console.log(
    `${ok ? '✔' : '✖'} ${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed (${seconds} s)`,
  );
}

check('typecheck', 'npx tsc --noEmit');
check('lint and format', 'npx biome ci .');
vitest('unit tests', '');

const release = { TALKMARKS_OUTDIR: '.output-release', TALKMARKS_E2E: '0' };
if (check('release build (Chrome MV3)', 'npx wxt build', release)) {
  check('bundle budgets (DESIGN §7)', 'node scripts/size-check.mjs .output-release/chrome-mv3');
  check(
    'release manifest asks for no all-sites host access',
    'node scripts/manifest-check.mjs .output-release/chrome-mv3',
  );
}
if (check('release build (Firefox)', 'npx wxt build -b firefox', release)) {
  check('web-ext lint (Firefox build, no errors)', 'npx web-ext lint -s .output-release/firefox-mv2');
}

if (!skipE2e) {
  const e2e = { TALKMARKS_E2E: '1', TALKMARKS_OUTDIR: '.output' };
  const built =
    check('end-to-end build (Chrome)', 'npx wxt build', e2e) &&
    check('end-to-end build (Firefox)', 'npx wxt build -b firefox', e2e);
  if (built) vitest('end-to-end tests', '-c vitest.e2e.config.ts');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
