import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** Unit and fixture tests (Node; `// @vitest-environment jsdom` where a DOM is needed). End-to-end tests have their own config. */
export default defineConfig({
  plugins: [WxtVitest()],
  define: { __TALKMARKS_E2E__: 'false' },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', '**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', '.output*/**', '.tmp/**', 'tests/e2e/**', 'bench/**'],
    setupFiles: ['tests/unit/setup.ts'],
    // A test's time limit is not what it checks: jsdom parsing a real saved page takes seconds on a
    // busy 2-core machine (Vitest's 5 s default failed a fixture test there), so the limit is generous.
    testTimeout: 30_000,
    pool: 'threads',
    maxWorkers: 2,
  },
});
