#!/usr/bin/env node
/**
 * Library and search benchmark in real Chromium with the built extension (TALKMARKS_E2E=1 build):
 * 50,000 synthetic notes (lognormal lengths, Zipf vocabulary and tags, 40 events × 60 talks) seeded
 * through the side panel page, then:
 *   - search p95 per query, in the worker and round trip (budget 25 ms), over 1- and 2-word, prefix,
 *     typo, #tag and filtered queries;
 *   - the index built off the main thread (longest main-thread task while it builds), and reloaded
 *     from its saved snapshot;
 *   - side panel list painted, p95 over fresh opens (budget 300 ms): the library's start and "All notes";
 *   - save → visible in the open side panel (budget one frame, 16.7 ms), saved from another page;
 *   - side panel JS heap, idle, after GC (budget 10 MB; the index lives in the worker).
 * Prints a Markdown table and one JSON line. Exits 1 when a number misses its budget by more than
 * half (this 2-core VM is noisy; see docs/benchmarks.md).
 *   TALKMARKS_E2E=1 npx wxt build && node bench/library.bench.mjs   (or: npm run bench -- library)
 */
import { launchExtension, percentile as pct } from './_launch.mjs';

const NOTES = Number(process.env.NOTES ?? 50_000);
const OPENS = Number(process.env.OPENS ?? 12);
const SAVES = Number(process.env.SAVES ?? 20);

const stats = (values) => ({
  n: values.length,
  p50: pct(values, 50),
  p95: pct(values, 95),
  max: Math.max(...values),
});
const r1 = (x) => Math.round(x * 10) / 10;

const ext = await launchExtension({
  viewport: { width: 400, height: 800 },
  extraArgs: ['--disable-sync', '--disable-quic', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const { context } = ext;

const results = {};
try {
  const base = `${ext.base}/sidepanel.html`;
  const open = async (query) => {
    const page = await context.newPage();
    await page.goto(`${base}?${query}`);
    await page.waitForFunction(() => window.__talkmarksLibrary);
    return page;
  };

  // 1. Seed.
  const seeder = await open('view=trash&tabId=0');
  const seeded = await seeder.evaluate(
    (n) => window.__talkmarksLibrary.seed({ notes: n, events: 40, talksPerEvent: 60 }),
    NOTES,
  );
  results.seed = { notes: NOTES, ms: Math.round(seeded.ms) };

  // 2. Build the index in the worker, watching the main thread for long tasks meanwhile.
  const build = await seeder.evaluate(async (n) => {
    const longTasks = [];
    new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
    });
    const lib = window.__talkmarksLibrary;
    const t0 = performance.now();
    lib.warm();
    let firstAnswer;
    while (lib.status().state !== 'ready' || lib.status().indexed < n) {
      if (firstAnswer === undefined) {
        const r = await lib.search('replicate');
        if (r.total > 0) firstAnswer = performance.now() - t0;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const built = performance.now() - t0;
    const t1 = performance.now();
    await lib.release(); // saves the snapshot, stops the worker
    const saved = performance.now() - t1;
    const t2 = performance.now();
    lib.warm();
    while (lib.status().state !== 'ready' || lib.status().indexed < n)
      await new Promise((r) => setTimeout(r, 20));
    const reloaded = performance.now() - t2;
    return {
      built,
      firstAnswer,
      saved,
      reloaded,
      longestMainThreadTask: Math.max(0, ...longTasks),
      longTasks: longTasks.length,
    };
  }, NOTES);
  results.index = Object.fromEntries(Object.entries(build).map(([k, v]) => [k, Math.round(v ?? -1)]));

  // 3. Search latency (index warm in the worker).
  const words = seeded.vocabulary;
  const mid = words.slice(40, 1500);
  const pick = (i) => mid[(i * 7919) % mid.length];
  const topTags = seeded.tags.slice(0, 20).map((t) => t.tag);
  const typo = (w) => (w.length > 5 ? `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}` : w);
  const kinds = {
    '1 word': (i) => [pick(i), {}],
    '2 words': (i) => [`${pick(i)} ${pick(i + 50)}`, {}],
    'prefix 3': (i) => [pick(i).slice(0, 3), {}],
    'prefix 5': (i) => [pick(i).slice(0, 5), {}],
    typo: (i) => [typo(words.slice(200, 3000).filter((w) => w.length > 6)[i] ?? pick(i)), {}],
    '#tag + word': (i) => [`#${topTags[i % topTags.length]} ${pick(i)}`, {}],
    'word + 2 tags + event': (i) => [
      pick(i),
      { tags: topTags.slice(0, 2), eventId: seeded.events[i % 40].id },
    ],
  };
  results.search = {};
  const panel = await open('view=library&tabId=0');
  await panel.evaluate(async (n) => {
    const lib = window.__talkmarksLibrary;
    lib.warm();
    while (lib.status().state !== 'ready' || lib.status().indexed < n)
      await new Promise((r) => setTimeout(r, 50));
  }, NOTES);
  const all = { worker: [], roundTrip: [] };
  for (const [name, make] of Object.entries(kinds)) {
    const queries = Array.from({ length: 40 }, (_, i) => make(i));
    const times = await panel.evaluate(async (qs) => {
      const lib = window.__talkmarksLibrary;
      for (const [q, f] of qs.slice(0, 3)) await lib.search(q, f); // warm-up
      const out = [];
      for (const [q, f] of qs) out.push(await lib.search(q, f));
      return out;
    }, queries);
    const worker = times.map((t) => t.workerMs);
    const roundTrip = times.map((t) => t.roundTripMs);
    all.worker.push(...worker);
    all.roundTrip.push(...roundTrip);
    results.search[name] = {
      worker: stats(worker),
      roundTrip: stats(roundTrip),
      medianHits: pct(
        times.map((t) => t.total),
        50,
      ),
    };
  }
  results.search.all = { worker: stats(all.worker), roundTrip: stats(all.roundTrip) };
  await panel.close();
  await seeder.close();

  // 4. List painted, fresh opens of the side panel page (2 warm-ups).
  results.listPainted = {};
  for (const [name, query] of [
    ['library start', 'view=library&tabId=0'],
    ['all notes', 'view=library&scope=all&tabId=0'],
  ]) {
    const times = [];
    for (let i = 0; i < OPENS + 2; i++) {
      const page = await context.newPage();
      await page.goto(`${base}?${query}`);
      const t = await page.evaluate(async () => {
        for (let k = 0; k < 200; k++) {
          const m = performance.getEntriesByName('talkmarks:list-painted')[0];
          if (m) return m.startTime;
          await new Promise((r) => setTimeout(r, 10));
        }
        return Number.NaN;
      });
      if (i >= 2) times.push(t);
      await page.close();
    }
    results.listPainted[name] = stats(times);
  }

  // 5. Save → visible in the open panel, saved from another page; 6. idle heap of that panel.
  const shown = await open('view=library&scope=all&tabId=0');
  await shown.waitForSelector('[data-note-id]');
  // Steady state: the panel has been open a moment and its search index is loaded.
  await shown.evaluate(async (n) => {
    const lib = window.__talkmarksLibrary;
    lib.warm();
    while (lib.status().state !== 'ready' || lib.status().indexed < n)
      await new Promise((r) => setTimeout(r, 50));
  }, NOTES);
  const writer = await open('view=trash&tabId=0');
  await shown.bringToFront(); // the panel is on screen while the user saves elsewhere
  const save = { visible: [], painted: [], callToVisible: [] };
  for (let i = 0; i < SAVES + 2; i++) {
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
    if (i >= 2) {
      save.visible.push(Math.max(0, at.visible - times.committed));
      save.painted.push(Math.max(0, at.painted - times.committed));
      save.callToVisible.push(at.visible - times.called);
    }
  }
  results.saveToVisible = Object.fromEntries(Object.entries(save).map(([k, v]) => [k, stats(v)]));
  await writer.close();
  await shown.waitForTimeout(3000);
  results.heapIdle = await shown.evaluate(async () => {
    for (let i = 0; i < 3; i++) {
      window.gc?.();
      await new Promise((r) => setTimeout(r, 200));
    }
    return {
      usedMB: performance.memory.usedJSHeapSize / 2 ** 20,
      totalMB: performance.memory.totalJSHeapSize / 2 ** 20,
    };
  });
} finally {
  await ext.close();
}

const budgets = [
  ['search p95, in the worker (all queries)', results.search.all.worker.p95, 25],
  ['search p95, round trip from the panel', results.search.all.roundTrip.p95, 25],
  ['list painted p95, library start', results.listPainted['library start'].p95, 300],
  ['list painted p95, all notes', results.listPainted['all notes'].p95, 300],
  ['save → visible p95 (from commit)', results.saveToVisible.visible.p95, 16.7],
  ['side panel heap, idle, after GC (MB)', results.heapIdle.usedMB, 10],
];
console.log(`\n| ${NOTES.toLocaleString('en')} notes | measured | budget |\n|---|---|---|`);
for (const [name, value, budget] of budgets) {
  console.log(`| ${name} | ${r1(value)} | ${budget}${value > budget ? ' (over)' : ''} |`);
}
console.log(
  '\n| query kind | worker p50 / p95 ms | round trip p50 / p95 ms | median hits |\n|---|---|---|---|',
);
for (const [name, s] of Object.entries(results.search)) {
  console.log(
    `| ${name} | ${r1(s.worker.p50)} / ${r1(s.worker.p95)} | ${r1(s.roundTrip.p50)} / ${r1(s.roundTrip.p95)} | ${s.medianHits ?? ''} |`,
  );
}
const idx = results.index;
console.log(
  `\nindex: built in ${idx.built} ms (first answers after ${idx.firstAnswer} ms), longest main-thread task during the build ${idx.longestMainThreadTask} ms; snapshot saved in ${idx.saved} ms, reloaded in ${idx.reloaded} ms; seeding took ${results.seed.ms} ms`,
);
console.log(JSON.stringify({ bench: 'library', ...results }));
process.exit(budgets.some(([, value, budget]) => !(value <= budget * 1.5)) ? 1 : 0);
