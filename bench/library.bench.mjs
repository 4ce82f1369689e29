#!/usr/bin/env node
/**
 * The side panel's library beside its floors (issue 17), in real Chromium with the built extension
 * (TALKMARKS_E2E=1 build), at 1,000 and at 50,000 notes of tests/corpus.ts (Markdown, 5 % non-Latin,
 * long-tailed lengths, 200 events × 25 talks, thumbnails with real PNG bytes on 10 % of notes), each
 * size in its own fresh profile, every floor in the same browser session on the same data:
 *   - side panel opened on "All notes" → first notes painted (`talkmarks:list-painted`), fresh tabs,
 *     beside the paint floor (an extension page painting the same number of plain rows from an array
 *     already in memory) and the read floor (the same rows read with raw IndexedDB, then painted);
 *     opens alternate panel / paint floor / read floor, the first of each is the cold run.
 *     Budgets: p95 ≤ 150 ms at 1,000 notes, ≤ 200 ms at 50,000, ≤ 1.5 × the paint floor.
 *   - note saved from another extension page → visible in the open panel, beside a raw IndexedDB put
 *     of the same kind of record (budget from the commit: one frame, 16.7 ms);
 *   - the panel's JS heap, idle on "All notes", after GC (≤ 10 MB).
 * Search is bench/search.bench.mjs's. Writes its rows with writeRows (bench/run.mjs prints them).
 *   TALKMARKS_E2E=1 npx wxt build && node bench/library.bench.mjs   (or: npm run bench -- library)
 *   SIZES=1000 OPENS=6 SAVES=8 for a quick run.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createJiti } from 'jiti';
import { coldAndWarm, installFloorPage, launchExtension, timeMarkOnOpen, writeRows } from './_launch.mjs';

const jiti = createJiti(import.meta.url);
const { makeCorpus, THUMBNAIL_FILES, pngSize } = await jiti.import('../tests/corpus.ts');

const SIZES = (process.env.SIZES ?? process.env.NOTES ?? '1000,50000').split(',').map(Number);
const OPENS = Number(process.env.OPENS ?? 30);
// 60 saves, not 20: the p95 of 20 is the second slowest of them, so one collection or one busy
// moment of the machine decided the row (p95 22.6 ms at 1,000 notes and 14.3 at 50,000 in one run of
// one build). Sixty take a few seconds.
const SAVES = Number(process.env.SAVES ?? 60);
const SEED = 17;
const extDir = resolve(process.env.TALKMARKS_EXT_DIR ?? '.output/chrome-mv3');
const images = THUMBNAIL_FILES.map((f) => {
  const bytes = new Uint8Array(readFileSync(f));
  return { base64: Buffer.from(bytes).toString('base64'), mime: 'image/png', ...pngSize(bytes) };
});
const r1 = (x) => Math.round(x * 10) / 10;

const rows = [];
const printed = [];
for (const size of SIZES) {
  const label = `${size.toLocaleString('en')} notes`;
  const corpus = makeCorpus({ notes: size, seed: SEED });
  const talkTitle = new Map(corpus.talks.map((t) => [t.id, t.title]));
  // The panel's "All notes" shows the newest first (by id); the paint floor gets the same rows.
  const newest = [...corpus.notes]
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .slice(0, 60)
    .map((n) => ({
      id: n.id,
      body: n.body,
      where: (n.talkId && talkTitle.get(n.talkId)) || n.pageTitle || n.url,
      createdAt: n.createdAt,
      tags: n.tags,
    }));
  installFloorPage(extDir, newest);

  const ext = await launchExtension({
    extDir,
    viewport: { width: 400, height: 800 },
    extraArgs: ['--disable-sync', '--disable-quic', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const { context, base } = ext;
  try {
    const open = async (query) => {
      const page = await context.newPage();
      await page.goto(`${base}/sidepanel.html?${query}`);
      await page.waitForFunction(() => window.__talkmarksLibrary);
      return page;
    };
    // 1. Seed through the repositories, then the thumbnails' bytes (raw IndexedDB, one transaction).
    const seeder = await open('view=trash&tabId=0');
    const seeded = await seeder.evaluate((n) => window.__talkmarksLibrary.seed({ notes: n, seed: 17 }), size);
    const thumbs = corpus.thumbnails.map((t) => [t.id, t.createdAt, t.image]);
    await seeder.evaluate(
      async ({ thumbs, images }) => {
        const blobs = images.map(
          (im) => new Blob([Uint8Array.from(atob(im.base64), (c) => c.charCodeAt(0))], { type: im.mime }),
        );
        const db = await new Promise((ok, ko) => {
          const r = indexedDB.open('talkmarks');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => ko(r.error);
        });
        const tx = db.transaction('blobs', 'readwrite');
        for (const [id, at, k] of thumbs) {
          const im = images[k % images.length];
          tx.objectStore('blobs').put({
            id,
            createdAt: at,
            updatedAt: at,
            mime: im.mime,
            data: blobs[k % images.length],
            width: im.width,
            height: im.height,
          });
        }
        await new Promise((ok, ko) => {
          tx.oncomplete = ok;
          tx.onerror = () => ko(tx.error);
        });
        db.close();
      },
      { thumbs, images },
    );
    await seeder.close();

    // 2. How many rows the panel paints first (its window over an 800 px viewport).
    const probe = await open('view=library&scope=all&tabId=0');
    await probe.waitForFunction(() => performance.getEntriesByName('talkmarks:list-painted').length > 0);
    const shownRows = await probe.evaluate(() => document.querySelectorAll('[data-note-id]').length);
    const shownIds = await probe.evaluate(() =>
      [...document.querySelectorAll('[data-note-id]')].map((e) => e.getAttribute('data-note-id')),
    );
    // The panel keeps its first screen for the next open (storage/first-page.ts) once it has been
    // open a moment, as a user's panel is: wait until it is kept.
    const firstPageKept = await probe.evaluate(async () => {
      for (let i = 0; i < 300; i++) {
        const got = await chrome.storage.local.get('firstPage');
        if (got.firstPage) return got.firstPage.rows.length;
        await new Promise((r) => setTimeout(r, 50));
      }
      return 0;
    });
    await probe.close();
    if (shownIds[0] !== newest[0].id)
      throw new Error(`the panel's first row is ${shownIds[0]}, not ${newest[0].id}`);

    // 3. Panel, paint floor and read floor, alternating; the first of each is its cold run.
    const series = { panel: [], live: [], paint: [], read: [] };
    const urls = {
      panel: [`${base}/sidepanel.html?view=library&scope=all&tabId=0`, 'talkmarks:list-painted'],
      paint: [`${base}/bench-floor.html?mode=paint&n=${shownRows}`, 'talkmarks:floor-painted'],
      read: [`${base}/bench-floor.html?mode=read&n=${shownRows}`, 'talkmarks:floor-painted'],
    };
    for (let i = 0; i <= OPENS; i++) {
      for (const [k, [url, mark]] of Object.entries(urls)) {
        if (k === 'panel') {
          // Both marks: first notes painted (the kept first page, or the live list) and live rows painted.
          const page = await context.newPage();
          await page.goto(url);
          const [painted, live] = await (
            await page.waitForFunction(() => {
              const at = (m) => performance.getEntriesByName(m)[0]?.startTime;
              return at('talkmarks:list-painted') && at('talkmarks:list-live')
                ? [at('talkmarks:list-painted'), at('talkmarks:list-live')]
                : null;
            })
          ).jsonValue();
          await page.close();
          series.panel.push(painted);
          series.live.push(live);
          continue;
        }
        const t = await timeMarkOnOpen(context, url, mark);
        if (t === null) throw new Error(`${k}: ${mark} never came`);
        series[k].push(t);
      }
    }
    const paint = coldAndWarm(series.paint);
    const read = coldAndWarm(series.read);
    const panel = coldAndWarm(series.panel);
    rows.push(
      {
        measure: `side panel opened → first notes painted, "All notes" (${label}, ${shownRows} rows)`,
        ...panel,
        floor: { measure: 'paint floor', value: paint.value },
        max: size >= 50_000 ? 200 : 150,
        maxRatio: 1.5,
      },
      {
        measure: `side panel opened → live rows painted (kept first page replaced: ${firstPageKept ? 'yes' : 'none kept'}) (${label})`,
        ...coldAndWarm(series.live),
        floor: { measure: 'read floor', value: read.value },
      },
      { measure: `paint floor: ${shownRows} plain rows from memory (${label})`, ...paint },
      {
        measure: `read floor: ${shownRows} rows read with raw IndexedDB, painted (${label})`,
        ...read,
        floor: { measure: 'paint floor', value: paint.value },
      },
    );

    // 4. Save → visible in the open panel (index warm, steady state), and raw puts from the same page.
    const shown = await open('view=library&scope=all&tabId=0');
    await shown.waitForSelector('[data-note-id]');
    await shown.evaluate(async (n) => {
      const lib = window.__talkmarksLibrary;
      lib.warm();
      for (let i = 0; i < 2400 && (lib.status().state !== 'ready' || lib.status().indexed < n); i++)
        await new Promise((r) => setTimeout(r, 50));
    }, size);
    const writer = await open('view=trash&tabId=0');
    await shown.bringToFront();
    const save = { visible: [], painted: [], callToVisible: [] };
    for (let i = 0; i < SAVES + 1; i++) {
      const id = `bench-${i}-${Date.now()}`;
      const seen = shown.evaluate(
        (marker) =>
          new Promise((done) => {
            const check = () =>
              [...document.querySelectorAll('[data-note-id]')].find((el) => el.textContent?.includes(marker));
            const obs = new MutationObserver(() => {
              if (!check()) return;
              obs.disconnect();
              const visible = performance.timeOrigin + performance.now();
              requestAnimationFrame(() =>
                done({ visible, painted: performance.timeOrigin + performance.now() }),
              );
            });
            obs.observe(document.body, { subtree: true, childList: true, characterData: true });
          }),
        id,
      );
      const times = await writer.evaluate(async (marker) => {
        const called = performance.timeOrigin + performance.now();
        await window.__talkmarksLibrary.createNote({
          body: `Saved now ${marker} #bench`,
          url: 'https://example.org/bench',
        });
        return { called, committed: performance.timeOrigin + performance.now() };
      }, id);
      const at = await seen;
      save.visible.push(Math.max(0, at.visible - times.committed));
      save.painted.push(Math.max(0, at.painted - times.committed));
      save.callToVisible.push(at.visible - times.called);
    }
    // The floor: a raw IndexedDB put of a note record (a trashed one, so no list shows it), call → commit.
    const puts = await writer.evaluate(async (runs) => {
      const db = await new Promise((ok, ko) => {
        const r = indexedDB.open('talkmarks');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const times = [];
      for (let i = 0; i < runs; i++) {
        const now = Date.now();
        const t0 = performance.now();
        const tx = db.transaction('notes', 'readwrite');
        tx.objectStore('notes').put({
          id: '00000000000000000000FLOOR0',
          createdAt: now,
          updatedAt: now,
          deletedAt: now,
          url: 'https://example.org/bench',
          body: `Saved now bench-floor-${i} #bench`,
          tags: ['bench'],
          kind: 'note',
        });
        await new Promise((ok, ko) => {
          tx.oncomplete = ok;
          tx.onerror = () => ko(tx.error);
        });
        times.push(performance.now() - t0);
      }
      const tx = db.transaction('notes', 'readwrite');
      tx.objectStore('notes').delete('00000000000000000000FLOOR0');
      await new Promise((ok) => {
        tx.oncomplete = ok;
      });
      db.close();
      return times;
    }, SAVES + 1);
    await writer.close();
    const putStats = coldAndWarm(puts);
    const call = coldAndWarm(save.callToVisible);
    rows.push(
      {
        measure: `note saved (another page) → visible in the open panel, from the call (${label})`,
        ...call,
        floor: { measure: 'raw IndexedDB put', value: putStats.value },
      },
      {
        measure: `the same, from the commit to the row in the DOM (${label})`,
        ...coldAndWarm(save.visible),
        max: 16.7,
      },
      { measure: `raw IndexedDB put of a note, call → committed (${label})`, ...putStats },
    );

    // 5. Idle heap of that panel after GC, once its saves settled.
    await shown.evaluate(
      () =>
        new Promise((done) => {
          let last = performance.now();
          const obs = new MutationObserver(() => {
            last = performance.now();
          });
          obs.observe(document.body, { subtree: true, childList: true, characterData: true });
          const tick = () => {
            if (performance.now() - last <= 1500) return setTimeout(tick, 250);
            obs.disconnect();
            done();
          };
          tick();
        }),
    );
    const heap = await shown.evaluate(async () => {
      for (let i = 0; i < 3; i++) {
        window.gc?.();
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.memory.usedJSHeapSize / 2 ** 20;
    });
    rows.push({
      measure: `side panel JS heap, idle on "All notes", after GC (${label})`,
      unit: 'MB',
      value: heap,
      max: 10,
    });
    printed.push({
      size,
      seedMs: Math.round(seeded.ms),
      shownRows,
      series: Object.fromEntries(Object.entries(series).map(([k, v]) => [k, v.map(r1)])),
    });
  } finally {
    await ext.close();
  }
}

const written = writeRows('library', rows);
console.log('\n| measure | cold | p50 | p95 | floor | ratio | budget |\n|---|---|---|---|---|---|---|');
for (const r of written) {
  console.log(
    `| ${r.measure} | ${r.cold == null ? '—' : r1(r.cold)} | ${r.p50 == null ? '—' : r1(r.p50)} | ${r1(r.value)}${r.unit === 'ms' ? '' : ` ${r.unit}`} | ${
      r.floor ? `${r.floor.measure} ${r1(r.floor.value)}` : '—'
    } | ${r.ratio ? `${r.ratio.toFixed(2)}×` : '—'} | ${[r.max !== undefined ? `≤ ${r.max}` : '', r.maxRatio ? `≤ ${r.maxRatio}×` : ''].filter(Boolean).join(', ')}${r.ok ? '' : ' MISSED'} |`,
  );
}
console.log(JSON.stringify({ bench: 'library', runs: printed }));
process.exit(written.some((r) => !r.ok) ? 1 : 0);
