#!/usr/bin/env node
/**
 * `npm start`: builds the extension (with capture on local pages, like the test build), serves a demo
 * deck — reveal.js's own demo — on 127.0.0.1, and opens Chromium with Talkmarks loaded and the deck
 * in a tab. Close the browser (or Ctrl+C) to stop.
 * Options: CHROMIUM_PATH (default: /usr/bin/chromium, else chromium or google-chrome on PATH).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const build = spawnSync('npx', ['wxt', 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TALKMARKS_E2E: '1' },
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
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
const roots = [join(root, 'node_modules/reveal.js'), join(root, 'tests/fixtures/pages')];
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  for (const dir of roots) {
    const file = normalize(join(dir, path === '/' ? 'demo.html' : path));
    if (file.startsWith(dir) && existsSync(file)) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      (await import('node:fs')).createReadStream(file).pipe(res);
      return;
    }
  }
  res.writeHead(404).end('not found');
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const deck = `http://127.0.0.1:${server.address().port}/demo.html`;

const ext = join(root, '.output/chrome-mv3');
const profile = join(homedir(), '.cache/talkmarks-dev-profile');
mkdirSync(profile, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: findChromium(),
  headless: false,
  viewport: null,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ],
});
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
