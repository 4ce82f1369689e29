#!/usr/bin/env node
/**
 * `npm start`: builds the extension (with capture on local pages, like the test build), serves a demo
 * deck — reveal.js's own demo — on 127.0.0.1, and opens Chromium with Talkmarks loaded and the deck
 * in a tab. Close the browser (or Ctrl+C) to stop.
 *
 * Offline: the demo links images, videos and pages on the internet; the server rewrites those
 * addresses to stand-ins it serves itself (the reveal.js logo as a local SVG), so the deck shows
 * no broken image and nothing is fetched from outside 127.0.0.1.
 *
 * Options: CHROMIUM_PATH (default: /usr/bin/chromium, else chromium or google-chrome on PATH);
 * TALKMARKS_OUTDIR (default `.output`) to build and load elsewhere.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const outDir = process.env.TALKMARKS_OUTDIR ?? '.output';
const build = spawnSync('npx', ['wxt', 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TALKMARKS_E2E: '1', TALKMARKS_OUTDIR: outDir },
});
if (build.status !== 0) process.exit(build.status ?? 1);

function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (existsSync(p)) return p;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    console.error('No Chromium found. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

// Stand-ins for what the demo would fetch from the internet, served under /offline/.
const OFFLINE = {
  'reveal-logo.svg': {
    type: TYPES['.svg'],
    body: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 560 120" role="img" aria-label="reveal.js">
  <text x="280" y="88" text-anchor="middle" font-family="Source Sans Pro, Helvetica, sans-serif" font-size="96" font-weight="600" fill="#fff">reveal.js</text>
</svg>`,
  },
  'image.svg': {
    type: TYPES['.svg'],
    body: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180" role="img" aria-label="Picture">
  <rect width="320" height="180" rx="12" fill="#2a76dd"/>
  <circle cx="96" cy="70" r="24" fill="#fff" opacity=".85"/>
  <path d="M40 150 120 90l50 40 40-30 70 50z" fill="#fff" opacity=".85"/>
</svg>`,
  },
  'page.html': {
    type: TYPES['.html'],
    body: `<!doctype html><meta charset="utf-8"><title>Embedded page</title>
<body style="margin:0;display:grid;place-items:center;height:100vh;background:#222;color:#eee;font:24px sans-serif">
<p>An embedded web page would be here (the demo is offline).</p></body>`,
  },
};

/** The demo's external addresses, each rewritten to its local stand-in (links to read later stay). */
function offlineDemo(html) {
  return html
    .replace(
      /https:\/\/static\.slid\.es\/reveal\/logo-v1\/reveal-white-text\.svg/g,
      '/offline/reveal-logo.svg',
    )
    .replace(
      /(\s(?:src|data-src|data-background|data-background-image|data-preview-image)=")https?:\/\/[^"]+\.(?:png|jpe?g|gif|svg|webp)"/g,
      '$1/offline/image.svg"',
    )
    .replace(/(\sdata-preview-video|\sdata-background-video)="https?:\/\/[^"]*"/g, '$1-offline=""')
    .replace(/(\s(?:data-src|src|data-background-iframe)=")https?:\/\/[^"]+"/g, '$1/offline/page.html"');
}

const roots = [join(root, 'node_modules/reveal.js'), join(root, 'tests/fixtures/pages')];
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const stand = path.startsWith('/offline/') && OFFLINE[path.slice('/offline/'.length)];
  if (stand) {
    res.writeHead(200, { 'content-type': stand.type }).end(stand.body);
    return;
  }
  for (const dir of roots) {
    const file = normalize(join(dir, path === '/' ? 'demo.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) continue;
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    if (file === join(roots[0], 'demo.html')) res.end(offlineDemo(readFileSync(file, 'utf8')));
    else createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404).end('not found');
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const deck = `http://127.0.0.1:${server.address().port}/demo.html`;

const ext = join(root, outDir, 'chrome-mv3');
const profile = join(homedir(), '.cache/talkmarks-dev-profile');
mkdirSync(profile, { recursive: true });
// Chromium runs sandboxed, as for any user. Without a usable sandbox (as root, where Chromium refuses
// to start sandboxed, or in a container without user namespaces) it needs --no-sandbox; --test-type
// then keeps away the "unsupported command-line flag" warning bar a user never sees otherwise.
const launch = (sandbox) =>
  chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: false,
    viewport: null,
    chromiumSandbox: sandbox,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      // The demo opens its deck each time; after a Ctrl+C (which also reaches Chromium) there is no
      // session worth offering to restore.
      '--hide-crash-restore-bubble',
      ...(sandbox ? [] : ['--test-type']),
    ],
  });
let context;
if (process.getuid?.() === 0) context = await launch(false);
else {
  try {
    context = await launch(true);
  } catch (e) {
    console.warn(
      `Chromium did not start with its sandbox (${String(e).split('\n')[0]}); starting it without.`,
    );
    context = await launch(false);
  }
}
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(deck);
console.log(
  `\nTalkmarks is loaded. Demo deck: ${deck}\nProfile (your notes stay here): ${profile}\nAlt+Shift+N writes a note; Alt+Shift+L opens the side panel. Close the browser to stop.`,
);
context.on('close', () => {
  server.close();
  process.exit(0);
});
process.on('SIGINT', () => void context.close());
