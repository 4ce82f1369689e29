import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { contentScriptMatches, KNOWN_HOST_MATCHES } from './capture/hosts';
import { THIS_PAGE_MODULES_META } from './platform/panel-early';

/** Local origins the end-to-end build may capture without a user gesture (never in release builds). */
const E2E_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];
const e2e = process.env.TALKMARKS_E2E === '1';

/**
 * Extension pages load images only from the extension itself, `data:` and `blob:` (stored
 * thumbnails, the recap's inline images): a quoted page's `<img>` can never make the preview fetch
 * from its server. Scripts and objects stay as the browsers' defaults have them.
 */
const PAGE_CSP = "script-src 'self'; object-src 'self'; img-src 'self' data: blob:";

/** Keyboard shortcuts: the popup, and the side panel (Chrome) or sidebar (Firefox). */
function commands(browser: string) {
  const note = { suggested_key: { default: 'Alt+Shift+N' }, description: 'Write a note on this page' };
  const panel = { suggested_key: { default: 'Alt+Shift+L' }, description: 'Open the Talkmarks side panel' };
  const quote = {
    suggested_key: { default: 'Alt+Shift+Q' },
    description: 'Quote in Talkmarks (the selected text)',
  };
  return browser === 'firefox'
    ? { _execute_browser_action: note, _execute_sidebar_action: panel, 'quote-selection': quote }
    : { _execute_action: note, 'open-side-panel': panel, 'quote-selection': quote };
}

/**
 * The side panel's HTML lists the modules of "This page", the view it opens on (issue 17): its chunk
 * and every chunk that one imports, less those the HTML loads already. The panel's early script
 * (entrypoints/sidepanel-early.ts) preloads them when the panel opens on that view, while the first
 * bundle loads, rather than once that bundle has run: a list and not `<link rel="modulepreload">`
 * tags, so that a panel opened on another view (the library's kept first page) does not load them.
 */
function thisPageModules(): Plugin {
  return {
    name: 'talkmarks-this-page-modules',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, filename }) {
        if (!bundle || !/[\\/]sidepanel[\\/]index\.html$/.test(filename)) return;
        const view = Object.values(bundle).find(
          (c) =>
            c.type === 'chunk' && c.moduleIds.some((id) => id.endsWith('/components/capture/ThisPage.tsx')),
        );
        if (view?.type !== 'chunk') throw new Error('No chunk for components/capture/ThisPage.tsx');
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          const chunk = bundle[file];
          if (chunk?.type === 'chunk') for (const f of chunk.imports) visit(f);
        };
        visit(view.fileName);
        const hrefs = [...files].map((f) => `/${f}`).filter((href) => !html.includes(`"${href}"`));
        // Before the early script, so that the list is parsed when that script runs.
        const early = '<script src="/sidepanel-early.js"></script>';
        if (!html.includes(early)) throw new Error(`sidepanel.html has no ${early}`);
        return html.replace(
          early,
          `<meta name="${THIS_PAGE_MODULES_META}" content="${hrefs.join(' ')}">\n    ${early}`,
        );
      },
    },
  };
}

/**
 * Fewer, larger chunks on the side panel's opening path (issue 17). Measured in the panel, every file
 * costs its page main-thread time to ask for and take in (about 1 ms each on this machine), and the
 * panel opening on "This page" took 12 files for its first bundle and 14 more for the view, against
 * the paint floor's 2. Groups, each one chunk, for the pages' bundle (ES) build only:
 *  - `panel-base`: the side panel's first-bundle modules that every page loads (Preact, the browser
 *    API, the message map): one file, not six. Traced, the panel's early script (parser-blocking,
 *    the first file its HTML asks for) came back 25–35 ms after the HTML was committed, behind the
 *    nine files asked for at once, and nothing ran until it had. Five alternating rounds of the
 *    library bench at 1,000 notes: first notes p95 / paint floor 1.35–1.57× → 1.06–1.26×;
 *  - `panel-first`: the rest of the side panel's first-bundle modules that the popup, options or
 *    composer also load at start (none that help, the PDF viewer or the offscreen document load:
 *    those keep their own small chunks rather than loading the panel's);
 *  - `this-page`: the modules of "This page" (components/capture/ThisPage.tsx and its static
 *    imports) that no page loads at start but options and composer, which load most of them (the
 *    database, the repositories) at start anyway.
 * Every other module is chunked as before. A page still loads every module it imports; one that
 * loads a group loads all of it.
 */
function panelChunks(): Plugin {
  const first = new Set<string>();
  const base = new Set<string>();
  const data = new Set<string>();
  const view = new Set<string>();
  const page = (name: string) => new RegExp(`[\\\\/]${name}[\\\\/]index\\.html$`);
  return {
    name: 'talkmarks-panel-chunks',
    buildEnd() {
      for (const set of [first, base, data, view]) set.clear();
      const ids = [...this.getModuleIds()];
      const closure = (roots: string[]) => {
        const seen = new Set<string>();
        const todo = [...roots];
        while (todo.length) {
          const id = todo.pop() as string;
          if (seen.has(id)) continue;
          seen.add(id);
          todo.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const pages = ids.filter((id) => this.getModuleInfo(id)?.isEntry && id.endsWith('.html'));
      const of = (...names: string[]) => pages.filter((p) => names.some((n) => page(n).test(p)));
      const panel = closure(of('sidepanel'));
      const near = closure(of('popup', 'options', 'composer'));
      const far = closure(of('help', 'pdf', 'offscreen'));
      for (const id of panel) {
        if (!near.has(id) || id.endsWith('.html')) continue;
        (far.has(id) ? base : first).add(id);
      }
      const thisPage = closure(ids.filter((id) => id.endsWith('/components/capture/ThisPage.tsx')));
      const elsewhere = closure(of('sidepanel', 'popup', 'help', 'pdf', 'offscreen'));
      const editors = closure(of('options', 'composer'));
      for (const id of thisPage) {
        if (elsewhere.has(id)) continue;
        (editors.has(id) ? data : view).add(id);
      }
    },
    outputOptions(options) {
      if (options.format && options.format !== 'es') return null; // the IIFE scripts are one file each
      const group = (name: string, members: Set<string>) => ({
        name,
        test: (id: string) => members.has(id),
        // Only the listed modules: their imports stay where they are (the first bundle's in the
        // first bundle), or the view's group would pull the panel's first modules in, and back.
        includeDependenciesRecursively: false,
      });
      return {
        ...options,
        codeSplitting: {
          groups: [
            group('panel-base', base),
            group('panel-first', first),
            group('this-page-data', data),
            group('this-page', view),
          ],
        },
      };
    },
  };
}

export default defineConfig({
  // Parallel builds (one per engineer or benchmark) can write to their own folder.
  outDir: process.env.TALKMARKS_OUTDIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), tailwindcss(), thisPageModules(), panelChunks()],
    define: { __TALKMARKS_E2E__: JSON.stringify(e2e) },
    // TALKMARKS_MINIFY=0: readable names in CPU profiles (bench/sync.bench.mjs SYNC_PROFILE=1).
    build: { minify: process.env.TALKMARKS_MINIFY !== '0' },
    // Dexie's default entry wraps its UMD build; the plain ES module is 2 KB gzip smaller and
    // tree-shakes. Every bundle of ours imports this one copy.
    resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
    // Workers have no `document`: micromark's entity decoder is taken in its table version there
    // (its `browser` build decodes through a DOM element), so the recap render worker can parse.
    worker: {
      plugins: () => [
        {
          name: 'talkmarks-worker-entities',
          enforce: 'pre' as const,
          resolveId: (id: string) =>
            id === 'decode-named-character-reference'
              ? fileURLToPath(
                  new URL('./node_modules/decode-named-character-reference/index.js', import.meta.url),
                )
              : null,
        },
      ],
    },
  }),
  hooks: {
    // The static detector is an unlisted script (no content-script runtime, no polyfill) listed here.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts ??= [];
      manifest.content_scripts.push({
        matches: contentScriptMatches(e2e),
        js: ['detector.js'],
        all_frames: true,
        run_at: 'document_idle',
      });
    },
  },
  manifest: ({ browser }) => ({
    name: 'Talkmarks',
    description: 'Notes on tech talks, filed under the slide, talk and event — recaps in minutes.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'tabs',
      'contextMenus', // "Quote in Talkmarks" on selected text
      'alarms', // sync rounds every few minutes, when sync is connected
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Host access is asked per site ("Enable on this site"); Firefox MV2 lists it as optional permissions.
    // `notifications` too, asked only when the user turns on "Notify me when promised slides appear".
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*', 'notifications'] }
      : {
          // `offscreen` with a site, when the user turns on a promised talk's daily check (the
          // service worker reads the page in an offscreen document: it has no DOMParser).
          optional_permissions: ['notifications', 'offscreen'],
          optional_host_permissions: ['https://*/*', 'http://*/*'],
        }),
    // Known hosts: the detector asks the background to inject the capture module there (the same
    // hosts its content script already covers, so no new install warning).
    host_permissions: [...KNOWN_HOST_MATCHES, ...(e2e ? E2E_HOSTS : [])],
    action: { default_title: 'Talkmarks: note this talk' },
    // WXT writes it as MV2's plain string for Firefox.
    content_security_policy: { extension_pages: PAGE_CSP },
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
