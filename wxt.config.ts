import preact from '@preact/preset-vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

/** Local origins the end-to-end build may capture without a user gesture (never in release builds). */
const E2E_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];
const e2e = process.env.TALKMARKS_E2E === '1';

/** Keyboard shortcuts: the popup, and the side panel (Chrome) or sidebar (Firefox). */
function commands(browser: string) {
  const note = { suggested_key: { default: 'Alt+Shift+N' }, description: 'Write a note on this page' };
  const panel = { suggested_key: { default: 'Alt+Shift+L' }, description: 'Open the Talkmarks side panel' };
  return browser === 'firefox'
    ? { _execute_browser_action: note, _execute_sidebar_action: panel }
    : { _execute_action: note, 'open-side-panel': panel };
}

export default defineConfig({
  // Parallel builds (one per engineer or benchmark) can write to their own folder.
  outDir: process.env.TALKMARKS_OUTDIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), tailwindcss()],
    define: { __TALKMARKS_E2E__: JSON.stringify(e2e) },
    // Dexie's default entry wraps its UMD build; the plain ES module is 2 KB gzip smaller and
    // tree-shakes. Every bundle of ours imports this one copy.
    resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  }),
  manifest: ({ browser }) => ({
    name: 'Talkmarks',
    description: 'Notes on tech talks, filed under the slide, talk and event — recaps in minutes.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'tabs',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Host access is asked per site ("Enable on this site"); Firefox MV2 lists it as optional permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    host_permissions: e2e ? E2E_HOSTS : [],
    action: { default_title: 'Talkmarks: note this talk' },
    commands: commands(browser),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'talkmarks@talkmarks.app',
              // 140 (ESR) is the first release that reads data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
