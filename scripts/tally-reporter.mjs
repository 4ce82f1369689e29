/**
 * A Vitest reporter that counts honestly for `npm test` (scripts/test-all.mjs): it writes a JSON tally
 * to the file named by `TALLY_FILE`.
 *
 * Why not Vitest's JSON report: when a `beforeAll` throws, Vitest marks the file failed but reports
 * its tests as "skipped", and a retried test that passed the second time looks like any other pass.
 * Here a test that was meant to run and did not pass is a failure (a failed hook fails every test it
 * guards), an error outside any test (a file that does not load, an `afterAll` that throws, an
 * unhandled rejection) is a failure of its own, and every retried test is named.
 */
import { writeFileSync } from 'node:fs';

/** Each test case of a module or suite, depth first. */
function* testsOf(collection) {
  for (const child of collection) {
    if (child.type === 'test') yield child;
    else yield* testsOf(child.children);
  }
}

/** Each suite (describe block) of a module, depth first. */
function* suitesOf(collection) {
  for (const child of collection) {
    if (child.type === 'suite') {
      yield child;
      yield* suitesOf(child.children);
    }
  }
}

export default class TallyReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    const tally = { passed: 0, failed: 0, skipped: 0, failures: [], retried: [], skippedNames: [] };
    const fail = (name) => {
      tally.failed++;
      tally.failures.push(name);
    };
    for (const mod of testModules) {
      const file = mod.relativeModuleId ?? mod.moduleId;
      let failedTests = 0;
      for (const test of testsOf(mod.children)) {
        const name = `${file} > ${test.fullName}`;
        const state = test.result().state;
        const retries = test.diagnostic()?.retryCount ?? 0;
        if (retries > 0)
          tally.retried.push(`${name} (${retries} ${retries === 1 ? 'retry' : 'retries'}, ${state})`);
        if (state === 'passed') tally.passed++;
        else if (state === 'skipped' && (test.options.mode === 'skip' || test.options.mode === 'todo')) {
          tally.skipped++;
          tally.skippedNames.push(name);
        } else {
          // Failed, or meant to run but never finished: a hook before it failed, or the run stopped.
          failedTests++;
          fail(state === 'failed' ? name : `${name} (did not run: ${state})`);
        }
      }
      // Errors outside tests: a file that does not load, a beforeAll that throws (its tests are
      // counted above; the error says why), an afterAll that throws after every test passed (a
      // failure of its own).
      const outside = [...mod.errors(), ...[...suitesOf(mod.children)].flatMap((s) => s.errors())];
      const why = outside.map((e) => `${file}: ${String(e.message ?? e).split('\n')[0]}`);
      if (failedTests > 0) tally.failures.push(...why.map((w) => `${w} (the tests above did not pass)`));
      else for (const w of why) fail(w);
      if (!outside.length && failedTests === 0 && mod.state() === 'failed')
        fail(`${file}: failed outside its tests`);
    }
    for (const e of unhandledErrors) fail(`unhandled error: ${String(e.message ?? e).split('\n')[0]}`);
    if (process.env.TALLY_FILE) writeFileSync(process.env.TALLY_FILE, JSON.stringify(tally, null, 2));
  }
}
