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
    pool: 'threads',
    maxWorkers: 2,
  },
});
