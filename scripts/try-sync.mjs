#!/usr/bin/env node
/**
 * `npm run try-sync`: sync between two browsers on one machine. Starts Apache's WebDAV (Debian
 * `apache2`, as the tests do: tests/support/dav-servers.ts) on 127.0.0.1 in a temporary folder,
 * builds the extension if needed (the end-to-end build, as `npm start` does, so 127.0.0.1 needs no
 * permission prompt), and opens two Chromium windows with fresh profiles — "device A" and "device B"
 * — each on a page that says what to type and on Talkmarks' options page. Ctrl+C (or closing both
 * windows) stops everything and deletes the temporary folders.
 *
 * Options: CHROMIUM_PATH (default: /usr/bin/chromium, else chromium or google-chrome on PATH);
 * TALKMARKS_OUTDIR (default `.output`) to build and load elsewhere; `--build` builds even when the
 * build looks current.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createJiti } from 'jiti';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const outDir = process.env.TALKMARKS_OUTDIR ?? '.output';
const extDir = join(root, outDir, 'chrome-mv3');

/** The newest modification time of the extension's sources (what a build is made of). */
function newestSource() {
  let newest = 0;
  // tests/ stays in: the end-to-end build includes its hooks (tests/e2e/hooks, tests/corpus.ts).
  const skip = new Set(['node_modules', 'docs', 'bench', 'scripts', 'coverage', 'test-results']);
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.') || skip.has(name)) continue;
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else newest = Math.max(newest, stat.mtimeMs);
    }
  };
  walk(root);
  return newest;
}

/** A build is reused when it is an end-to-end build (it may use 127.0.0.1) newer than every source. */
function buildIsCurrent() {
  const manifest = join(extDir, 'manifest.json');
  if (process.argv.includes('--build') || !existsSync(manifest)) return false;
  const hosts = JSON.parse(readFileSync(manifest, 'utf8')).host_permissions ?? [];
  return hosts.includes('http://127.0.0.1/*') && statSync(manifest).mtimeMs > newestSource();
}

if (!buildIsCurrent()) {
  const build = spawnSync('npx', ['wxt', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TALKMARKS_E2E: '1', TALKMARKS_OUTDIR: outDir },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

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
const executablePath = findChromium();

const { startApacheDav } = await createJiti(import.meta.url).import('../tests/support/dav-servers.ts');
let dav;
try {
  dav = await startApacheDav();
} catch (error) {
  console.error(`Could not start Apache's WebDAV: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
const folder = dav.newFolder().url;

const WORDS =
  'amber basil cedar delta ember fjord garnet harbor indigo juniper kelp lantern maple nectar orbit pepper quartz'
    .split(' ')
    .concat('raven saffron timber umber velvet willow yarrow zephyr'.split(' '));
const pick = () => WORDS[Math.floor(Math.random() * WORDS.length)];
const passphrase = `${pick()} ${pick()} ${pick()} ${10 + Math.floor(Math.random() * 90)}`;

const html = (s) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const devicePage = (name, other) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Device ${name} · Talkmarks sync on one machine</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
dt{font-weight:600}dd{margin:0 0 .6rem;font-family:monospace;font-size:15px}
h1{font-size:1.6rem}.badge{background:${name === 'A' ? '#2a76dd' : '#c2410c'};color:#fff;padding:.1rem .6rem;border-radius:.4rem}</style>
</head><body>
<h1><span class="badge">Device ${name}</span> Talkmarks sync on one machine</h1>
<p>This window is one browser profile, the other window (device ${other}) another: two devices.
In the <b>Talkmarks options</b> tab of each, under <b>Sync</b>, type:</p>
<dl>
<dt>WebDAV URL</dt><dd>${html(folder)}</dd>
<dt>User name</dt><dd>${html(dav.user)}</dd>
<dt>Password</dt><dd>${html(dav.pass)}</dd>
<dt>Encryption passphrase (any, the same on both)</dt><dd>${html(passphrase)}</dd>
</dl>
<p>${
  name === 'A'
    ? 'Connect here first: it starts the vault. Then write a note on this page (<b>Alt+Shift+N</b>) and press <b>Sync now</b>.'
    : 'Connect here second: it joins the vault and gets device A’s notes (the same key fingerprint shows on both). Press <b>Sync now</b> to fetch new ones.'
}</p>
<p>The side panel (<b>Alt+Shift+L</b>) shows the notes. Edit the same note on both devices, sync both, and both keep every line.</p>
</body></html>`;

const pages = createServer((req, res) => {
  const name = req.url === '/device-b' ? 'B' : 'A';
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(devicePage(name, name === 'A' ? 'B' : 'A'));
});
await new Promise((done) => pages.listen(0, '127.0.0.1', done));
const pagesOrigin = `http://127.0.0.1:${pages.address().port}`;

const profiles = [];
const contexts = [];
const closed = new Set();
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of contexts) await c.close().catch(() => undefined);
  await dav?.stop().catch(() => undefined);
  pages.close();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

// Chromium runs sandboxed, as for any user; as root (where it refuses to) without, as `npm start` does.
const sandbox = process.getuid?.() !== 0;
async function device(name, x) {
  const profile = mkdtempSync(join(tmpdir(), `talkmarks-try-sync-${name}-`));
  profiles.push(profile);
  const launch = (withSandbox) =>
    chromium.launchPersistentContext(profile, {
      executablePath,
      headless: false,
      viewport: null,
      chromiumSandbox: withSandbox,
      // Ctrl+C is ours: stop() closes both browsers, then the server, then removes the folders.
      handleSIGINT: false,
      handleSIGTERM: false,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${extDir}`,
        `--load-extension=${extDir}`,
        `--window-name=Talkmarks device ${name}`,
        `--window-position=${x},0`,
        '--window-size=940,1000',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--hide-crash-restore-bubble',
        ...(withSandbox ? [] : ['--test-type']),
      ],
    });
  let context;
  try {
    context = await launch(sandbox);
  } catch (error) {
    if (!sandbox) throw error;
    console.warn(
      `Chromium did not start with its sandbox (${String(error).split('\n')[0]}); starting it without.`,
    );
    context = await launch(false);
  }
  contexts.push(context);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const base = `chrome-extension://${new URL(worker.url()).host}`;
  const intro = context.pages()[0] ?? (await context.newPage());
  await intro.goto(`${pagesOrigin}/device-${name.toLowerCase()}`);
  const options = await context.newPage();
  await options.goto(`${base}/options.html#sync`);
  context.on('close', () => {
    closed.add(context);
    if (closed.size === contexts.length) void stop(0);
  });
  return context;
}

try {
  await device('A', 0);
  await device('B', 960);
} catch (error) {
  console.error(`Could not open the two browsers: ${error instanceof Error ? error.message : error}`);
  await stop(1);
}

console.log(`
Two devices are open: the windows "Talkmarks device A" and "Talkmarks device B" (two Chromium profiles).
In each, on the Talkmarks options tab under Sync, type:

  WebDAV URL             ${folder}
  User name              ${dav.user}
  Password               ${dav.pass}
  Encryption passphrase  ${passphrase}   (a suggestion: any, the same on both)

Connect on A first (it starts the vault), then on B (it joins). Write a note on A (Alt+Shift+N),
press Sync now on A, then on B. The server is Apache on 127.0.0.1, in ${dav.dataDir}.
Ctrl+C stops both browsers and the server and deletes the temporary profiles and folder.`);
