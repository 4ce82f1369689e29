import { defineConfig } from 'vitest/config';

/**
 * How long any end-to-end wait may last before it fails (expect.poll, Playwright actions, the
 * harness's polls read it through `inject('waitMs')`). Sized for a busy 2-core machine running a
 * browser: a condition not true by then is a failure, not a slow machine.
 */
const WAIT_MS = 30_000;

declare module 'vitest' {
  export interface ProvidedContext {
    waitMs: number;
  }
}

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
    provide: { waitMs: WAIT_MS },
  },
});
