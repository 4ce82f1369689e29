import { defineConfig } from 'vitest/config';

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
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // On CI's shared 2-core machine a browser test may lose a race to load; one retry there (as
    // Playwright's own CI default does). A test that fails twice fails the run; locally, none.
    retry: process.env.CI ? 1 : 0,
  },
});
