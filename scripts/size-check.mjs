#!/usr/bin/env node
/**
 * Bundle budgets of DESIGN.md §7, checked on a release build: the popup's and the side panel's
 * initial JS (every script their HTML loads, and its static imports) ≤ 45 KB gzip; each static content
 * script ≤ 4 KB minified. Gzip is measured over the page's initial chunks as one bundle, as
 * size-limit does. Prints a table; exits 1 when a budget is exceeded.
 * Usage: node scripts/size-check.mjs [buildDir=.output/chrome-mv3] [--json]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? '.output/chrome-mv3';
const KB = 1024;
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

/**
 * Files an HTML page loads up front: its module scripts and, transitively, every chunk they import
 * statically (`import … from "./x.js"`, `import "./x.js"`). Dynamic `import()`s are not counted.
 */
function initialScripts(htmlFile) {
  const html = readFileSync(join(dir, htmlFile), 'utf8');
  const queue = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
  const seen = new Set();
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(join(dirname(file), m[1]));
    }
  }
  return [...seen];
}

const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const raw = (file) => readFileSync(join(dir, file)).length;

const rows = [];
for (const [name, html] of [
  ['popup', 'popup.html'],
  ['side panel', 'sidepanel.html'],
]) {
  if (!existsSync(join(dir, html))) continue;
  const files = initialScripts(html);
  // Gzipped as one bundle, the way size-limit measures an entry; the per-file sum (which also counts
  // one gzip header and dictionary per tiny chunk) is reported beside it.
  const bundle = gzipSync(Buffer.concat(files.map((f) => readFileSync(join(dir, f)))), { level: 9 }).length;
  const perFile = files.reduce((sum, f) => sum + gz(f), 0);
  rows.push({
    bundle: `${name} initial JS (gzip as one bundle; ${(perFile / KB).toFixed(1)} KB as ${files.length} files)`,
    bytes: bundle,
    budget: 45 * KB,
    files,
  });
}
for (const cs of manifest.content_scripts ?? []) {
  for (const file of cs.js ?? []) {
    rows.push({
      bundle: `static content script ${file} (minified)`,
      bytes: raw(file),
      budget: 4 * KB,
      files: [file],
    });
  }
}
const csDir = join(dir, 'content-scripts');
if (existsSync(csDir)) {
  for (const f of readdirSync(csDir).filter((f) => f.endsWith('.js'))) {
    const file = `content-scripts/${f}`;
    if (rows.some((r) => r.files[0] === file)) continue;
    rows.push({
      bundle: `on-demand ${file} (minified / gzip ${(gz(file) / KB).toFixed(1)} KB)`,
      bytes: raw(file),
      files: [file],
    });
  }
}

let failed = 0;
for (const r of rows) {
  const over = r.budget !== undefined && r.bytes > r.budget;
  if (over) failed++;
  const budget = r.budget === undefined ? 'report only' : `budget ${(r.budget / KB).toFixed(0)} KB`;
  console.log(`${over ? 'FAIL' : 'ok  '} ${r.bundle}: ${(r.bytes / KB).toFixed(1)} KB (${budget})`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
process.exit(failed ? 1 : 0);
