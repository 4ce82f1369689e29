#!/usr/bin/env node
/**
 * Import beside its write floor (issue 17), in real Chromium with the built extension: a backup of
 * 50,000 notes of tests/corpus.ts (Markdown, 5 % non-Latin, long-tailed lengths, 200 events × 25
 * talks) with thumbnails of real PNG bytes (≈ 30 KB each) on 10 % of them, imported through the
 * options page as a user does (file input → worker reads and checks → summary → confirm → written),
 * timed from choosing the file to "Import finished", with the longest main-thread task of the
 * options page meanwhile (Long Tasks API). The write floor, in the same browser session: the same
 * records (thumbnails as Blobs) written by ONE raw IndexedDB transaction into a scratch database
 * with the same stores and indexes, measured before and after the import (the mean is the floor).
 * Beside it, the check floor (checkFloor below): the least checking any import must do before it
 * writes, with the platform's own code, so the import is also shown against write + check floors.
 * Budgets: import ≤ 1.3 × the write floor; no main-thread task over 50 ms.
 *   TALKMARKS_E2E=1 npx wxt build && node bench/import.bench.mjs   (NOTES=… for another size)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJiti } from 'jiti';
import { launchExtension, writeRows } from './_launch.mjs';

const jiti = createJiti(import.meta.url);
const { makeCorpus, THUMBNAIL_FILES, pngSize } = await jiti.import('../tests/corpus.ts');
const { serializeBackup } = await jiti.import('../storage/backup/format.ts');
const { SCHEMA_VERSIONS } = await jiti.import('../storage/schema.ts');

const NOTES = Number(process.env.NOTES ?? 50_000);
const TIMEOUT = Number(process.env.IMPORT_TIMEOUT_S ?? 900) * 1000;
const corpus = makeCorpus({ notes: NOTES, seed: 2012 });
const images = THUMBNAIL_FILES.map((f) => {
  const bytes = new Uint8Array(readFileSync(f));
  return { base64: Buffer.from(bytes).toString('base64'), mime: 'image/png', ...pngSize(bytes) };
});
const blobs = corpus.thumbnails.map((t) => {
  const im = images[t.image % images.length];
  return {
    id: t.id,
    createdAt: t.createdAt,
    updatedAt: t.createdAt,
    mime: im.mime,
    data: im.base64,
    width: im.width,
    height: im.height,
  };
});
const text = await serializeBackup(
  {
    events: corpus.events,
    talks: corpus.talks,
    decks: [],
    blobs,
    notes: corpus.notes,
    recaps: [],
    templates: [],
  },
  'bench',
);
const dir = mkdtempSync(join(tmpdir(), 'talkmarks-bench-import-'));
const file = join(dir, 'backup.json');
writeFileSync(file, text);
const fileMB = text.length / 1e6;
// The stores (and indexes) the database has at its latest version, for the scratch database.
const stores = {};
for (const v of SCHEMA_VERSIONS) for (const [name, spec] of Object.entries(v.stores)) stores[name] = spec;
const wanted = ['events', 'talks', 'blobs', 'notes'];

const { context, base, close } = await launchExtension({
  profileDir: join(dir, 'profile'),
  extraArgs: ['--disable-sync', '--disable-quic'],
});

/** One raw transaction writing every record of the file (blob bytes as Blobs) into a fresh database. */
async function writeFloor(page) {
  return page.evaluate(
    async ({ data, images, specs }) => {
      const req = (r) =>
        new Promise((ok, ko) => {
          r.onsuccess = () => ok(r.result);
          r.onerror = () => ko(r.error);
        });
      await req(indexedDB.deleteDatabase('talkmarks-floor'));
      const open = indexedDB.open('talkmarks-floor', 1);
      open.onupgradeneeded = () => {
        for (const [name, spec] of Object.entries(specs)) {
          const [key, ...indexes] = spec.split(',').map((s) => s.trim());
          const store = open.result.createObjectStore(name, { keyPath: key.replace(/^\+\+/, '') });
          for (const ix of indexes) {
            const multi = ix.startsWith('*');
            const path = ix.replace(/^[*&]/, '');
            store.createIndex(path, path, { multiEntry: multi });
          }
        }
      };
      const db = await req(open);
      const imageBlobs = images.map(
        (im) => new Blob([Uint8Array.from(atob(im.base64), (c) => c.charCodeAt(0))], { type: im.mime }),
      );
      const records = {
        events: data.events,
        talks: data.talks,
        notes: data.notes,
        blobs: data.blobs.map(([id, at, k]) => {
          const im = images[k % images.length];
          return {
            id,
            createdAt: at,
            updatedAt: at,
            mime: im.mime,
            data: imageBlobs[k % images.length],
            width: im.width,
            height: im.height,
          };
        }),
      };
      const t0 = performance.now();
      const tx = db.transaction(Object.keys(specs), 'readwrite');
      for (const [name, list] of Object.entries(records)) {
        const store = tx.objectStore(name);
        for (const r of list) store.put(r);
      }
      await new Promise((ok, ko) => {
        tx.oncomplete = ok;
        tx.onerror = () => ko(tx.error);
        tx.onabort = () => ko(tx.error);
      });
      const ms = performance.now() - t0;
      db.close();
      await req(indexedDB.deleteDatabase('talkmarks-floor'));
      return ms;
    },
    {
      data: {
        events: corpus.events,
        talks: corpus.talks,
        notes: corpus.notes,
        blobs: corpus.thumbnails.map((t) => [t.id, t.createdAt, t.image]),
      },
      images,
      specs: Object.fromEntries(wanted.map((w) => [w, stores[w]])),
    },
  );
}

/**
 * The check floor: the cheapest check of the same file with the platform's own code, in the same
 * session — the file read whole, its SHA-256 (Web Crypto), JSON.parse of all of it, every image's
 * base64 decoded (Uint8Array.fromBase64) — without a schema, limits or a worker. What the import
 * must do on top of the write floor, at the least, before it may write.
 */
async function checkFloor(page) {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'check-floor-file';
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles('#check-floor-file', file);
  return page.evaluate(async () => {
    const input = document.getElementById('check-floor-file');
    const chosen = input.files[0];
    const t0 = performance.now();
    const bytes = await chosen.arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    let decoded = 0;
    for (const b of parsed.data.blobs) decoded += Uint8Array.fromBase64(b.data).length;
    const ms = performance.now() - t0;
    input.remove();
    if (!digest.byteLength || !decoded) throw new Error('check floor read nothing');
    return ms;
  });
}

let rows;
try {
  const floorPage = await context.newPage();
  await floorPage.goto(`${base}/options.html`);
  const floorBefore = await writeFloor(floorPage);
  const checkBefore = await checkFloor(floorPage);

  const page = await context.newPage();
  page.on('crash', () => console.error('the options page crashed'));
  page.on('close', () => console.error('the options page closed'));
  page.on('pageerror', (e) => console.error(`options page error: ${e.message}`));
  await page.goto(`${base}/options.html`);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.duration, e.startTime]);
    }).observe({ type: 'longtask' });
  });
  const started = Date.now();
  await page.setInputFiles('[data-testid="backup-file"]', file);
  const confirm = page.getByRole('button', { name: /^Import [\d,]+ records$/ });
  // Waits on a condition in slices, printing the status line as it changes (where a slow import is).
  const deadline = started + TIMEOUT;
  const until = async (pred, what) => {
    let last = '';
    for (;;) {
      try {
        await page.waitForFunction(pred, undefined, { timeout: 5000, polling: 50 });
        return;
      } catch (err) {
        if (!/Timeout/.test(String(err))) throw err;
      }
      const s = (
        (await page
          .getByTestId('backup-status')
          .textContent()
          .catch(() => '')) ?? ''
      ).slice(0, 200);
      if (s !== last) console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${s}`);
      last = s;
      if (Date.now() > deadline) throw new Error(`${what} not within ${TIMEOUT / 1000} s; status: ${s}`);
    }
  };
  await until(
    () =>
      /Nothing was imported/.test(
        document.querySelector('[data-testid="backup-status"]')?.textContent ?? '',
      ) ||
      [...document.querySelectorAll('button')].some((b) =>
        /^Import [\d,]+ records$/.test(b.textContent ?? ''),
      ),
    'checked',
  );
  const status = await page.getByTestId('backup-status').textContent();
  if (/Nothing was imported/.test(status ?? '')) throw new Error(status ?? 'import refused');
  const checkedMs = Date.now() - started;
  const confirmedAt = Date.now();
  const confirmedPerf = await page.evaluate(() => performance.now());
  await confirm.click();
  await until(() => /Import finished/.test(document.body.textContent ?? ''), 'written');
  const totalMs = Date.now() - started;
  const writeMs = Date.now() - confirmedAt;
  const tasks = await page.evaluate(() => window.__longTasks);
  const longTasks = tasks.map(([d]) => d);
  // Which phase each long task fell in (the options page's clock), to say where one comes from.
  const inCheck = tasks.filter(([, at]) => at < confirmedPerf).length;
  const counts = await page.evaluate(async () => {
    const db = await new Promise((ok, ko) => {
      const r = indexedDB.open('talkmarks');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const count = (s) =>
      new Promise((ok) => {
        const r = db.transaction(s).objectStore(s).count();
        r.onsuccess = () => ok(r.result);
      });
    const out = { notes: await count('notes'), blobs: await count('blobs'), talks: await count('talks') };
    db.close();
    return out;
  });
  if (counts.notes < NOTES || counts.blobs < corpus.thumbnails.length)
    throw new Error(`imported ${JSON.stringify(counts)}`);
  const floorAfter = await writeFloor(floorPage);
  const checkAfter = await checkFloor(floorPage);
  const floor = (floorBefore + floorAfter) / 2;
  const check = (checkBefore + checkAfter) / 2;
  const label = `${NOTES.toLocaleString('en')} notes, ${corpus.thumbnails.length.toLocaleString('en')} thumbnails, ${fileMB.toFixed(0)} MB`;
  rows = writeRows('import', [
    {
      measure: `import of a backup (${label}): file chosen → "Import finished"`,
      cold: totalMs,
      value: totalMs,
      floor: { measure: 'one raw IndexedDB transaction', value: floor },
      maxRatio: 1.3,
    },
    {
      measure: 'the same import beside the write floor plus the check floor (the least any import can do)',
      value: totalMs,
      cold: totalMs,
      floor: { measure: 'write + check floor', value: floor + check },
    },
    {
      measure: '… of which read and checked (file chosen → summary)',
      value: checkedMs,
      cold: checkedMs,
      floor: { measure: 'check floor', value: check },
    },
    {
      measure: '… of which written (confirm → finished)',
      value: writeMs,
      cold: writeMs,
      floor: { measure: 'one raw IndexedDB transaction', value: floor },
    },
    {
      measure: `write floor: the same records in one raw IndexedDB transaction (before / after: ${Math.round(floorBefore)} / ${Math.round(floorAfter)} ms)`,
      value: floor,
    },
    {
      measure: `check floor: the file read whole, SHA-256 (Web Crypto), JSON.parse, images decoded, page main thread (before / after: ${Math.round(checkBefore)} / ${Math.round(checkAfter)} ms)`,
      value: check,
    },
    {
      measure: `longest main-thread task in the options page during the import (${longTasks.length} over 50 ms: ${inCheck} while checking, ${longTasks.length - inCheck} while writing)`,
      value: Math.max(0, ...longTasks),
      max: 50,
    },
  ]);
} catch (err) {
  console.error(err);
  rows = writeRows('import', [
    {
      measure: `import of a backup (${NOTES.toLocaleString('en')} notes, ${corpus.thumbnails.length.toLocaleString('en')} thumbnails, ${fileMB.toFixed(0)} MB) did not finish: ${String(err.message ?? err).slice(0, 160)}`,
      value: Number.NaN,
      ok: false,
    },
  ]);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
for (const r of rows) console.log(JSON.stringify(r));
process.exit(rows.some((r) => !r.ok) ? 1 : 0);
