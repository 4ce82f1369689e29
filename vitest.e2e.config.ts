import { defineConfig } from 'vitest/config';
import { WAIT_MS } from './tests/e2e/wait';

/**
 * End-to-end tests: real Chromium (and Firefox) with the built extension. One file at a time —
 * browsers are heavy on this 2-core machine — and generous timeouts.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Every expect.poll waits as long as any other e2e wait (the default, 1 s, is a race on a busy
    // 2-core machine). No retries: a test that needs one is a failing test.
    expect: { poll: { timeout: WAIT_MS, interval: 100 } },
    retry: 0,
  },
});
