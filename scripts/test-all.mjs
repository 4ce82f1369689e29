#!/usr/bin/env node
/**
 * `npm test`: every check and test, in order — types, lint, unit tests, release builds (Chrome MV3 and
 * Firefox) with their budget, manifest and web-ext checks, the end-to-end build, end-to-end tests in
 * Chromium and Firefox (E2E build and release build). Ends with one line `N passed, N failed` counted
 * over everything it ran — and over everything it could not run: a step whose prerequisite failed is
 * not silently left out but counted as failed (for a test suite, every test in it), and named.
 * `--skip-e2e` leaves the browsers out (quick local run) and says so; skipped tests are reported as
 * `, N skipped` after the counts, never as passed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const skipE2e = process.argv.includes('--skip-e2e');
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const notRun = [];
const skippedSteps = [];
const retried = [];

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
  if (ok) tally.passed++;
  else {
    tally.failed++;
    failures.push(name);
  }
  return ok;
}

/** A step that could not run because `why`: counted as `count` failures and named at the end. */
function didNotRun(name, why, count = 1) {
  console.log(`\n✖ ${name}: not run (${why}); counted as ${count} failed`);
  tally.failed += count;
  notRun.push(`${name} — ${why} (${count} counted as failed)`);
}

/** How many tests a Vitest config holds, without running them (for suites that could not run). */
function testCount(args) {
  mkdirSync('.tmp', { recursive: true });
  const file = '.tmp/test-list.json';
  rmSync(file, { force: true });
  spawnSync(`npx vitest list ${args} --json=${file}`, { shell: true, stdio: 'ignore' });
  try {
    return Math.max(1, JSON.parse(readFileSync(file, 'utf8')).length);
  } catch {
    return 1;
  }
}

/** A Vitest run whose tests are counted one by one by scripts/tally-reporter.mjs. */
function vitest(name, args, env = {}) {
  mkdirSync('.tmp', { recursive: true });
  const file = `.tmp/${name.replace(/\W+/g, '-')}.tally.json`;
  rmSync(file, { force: true });
  console.log(`\n▶ ${name}`);
  const { ok, seconds } = run(
    `npx vitest run ${args} --reporter=default --reporter=./scripts/tally-reporter.mjs`,
    { ...env, TALLY_FILE: file },
  );
  if (!existsSync(file)) {
    didNotRun(name, 'Vitest ended without a report', testCount(args));
    return;
  }
  const t = JSON.parse(readFileSync(file, 'utf8'));
  tally.passed += t.passed;
  tally.failed += t.failed;
  tally.skipped += t.skipped;
  failures.push(...t.failures.map((f) => `${name}: ${f}`));
  retried.push(...t.retried.map((r) => `${name}: ${r}`));
  if (t.skipped)
    skippedSteps.push(`${name}: ${t.skipped} tests marked skip/todo (${t.skippedNames.join('; ')})`);
  if (!ok && t.failed === 0) {
    tally.failed++;
    failures.push(`${name}: Vitest exited non-zero with no failed test`);
  }
  console.log(`${ok ? '✔' : '✖'} ${name}: ${t.passed} passed, ${t.failed} failed (${seconds} s)`);
}

check('typecheck', 'npx tsc --noEmit');
check('lint and format', 'npx biome ci .');
vitest('unit tests', '');

const release = { TALKMARKS_OUTDIR: '.output-release', TALKMARKS_E2E: '0' };
const chromeRelease = check('release build (Chrome MV3)', 'npx wxt build', release);
if (chromeRelease) {
  check('bundle budgets (DESIGN §7)', 'node scripts/size-check.mjs .output-release/chrome-mv3');
  check(
    'release manifest asks for no all-sites host access',
    'node scripts/manifest-check.mjs .output-release/chrome-mv3',
  );
} else {
  didNotRun('bundle budgets (DESIGN §7)', 'the Chrome release build failed');
  didNotRun('release manifest check', 'the Chrome release build failed');
}
if (check('release build (Firefox)', 'npx wxt build -b firefox', release)) {
  check('web-ext lint (Firefox build, no errors)', 'npx web-ext lint -s .output-release/firefox-mv2');
} else {
  didNotRun('web-ext lint', 'the Firefox release build failed');
}

const e2eArgs = '-c vitest.e2e.config.ts';
if (skipE2e) {
  const n = testCount(e2eArgs);
  tally.skipped += n;
  skippedSteps.push(`end-to-end builds and ${n} end-to-end tests (--skip-e2e)`);
  console.log(`\n↷ Skipped the end-to-end builds and ${n} end-to-end tests (--skip-e2e)`);
} else {
  // Test builds go to folders of their own: `.output/` stays what the user last built (npm start,
  // a hand-loaded extension).
  const e2e = { TALKMARKS_E2E: '1', TALKMARKS_OUTDIR: '.output-e2e' };
  const chrome = check('end-to-end build (Chrome)', 'npx wxt build', e2e);
  const firefox = check('end-to-end build (Firefox)', 'npx wxt build -b firefox', e2e);
  if (chrome && firefox)
    vitest('end-to-end tests', e2eArgs, {
      TALKMARKS_EXT_DIR: resolve('.output-e2e/chrome-mv3'),
      TALKMARKS_FIREFOX_EXT_DIR: resolve('.output-e2e/firefox-mv2'),
      TALKMARKS_RELEASE_EXT_DIR: resolve('.output-release/chrome-mv3'),
    });
  else didNotRun('end-to-end tests', 'an end-to-end build failed', testCount(e2eArgs));
}

if (skippedSteps.length) console.log(`\nSkipped:\n  ${skippedSteps.join('\n  ')}`);
if (notRun.length) console.log(`\nNot run (counted as failed):\n  ${notRun.join('\n  ')}`);
console.log(`\nRetried tests: ${retried.length ? `\n  ${retried.join('\n  ')}` : 'none'}`);
if (failures.length) console.log(`\nFailed:\n  ${failures.join('\n  ')}`);
console.log(
  `\n${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`,
);
process.exit(tally.failed ? 1 : 0);
