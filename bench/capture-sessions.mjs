#!/usr/bin/env node
/**
 * Session-capture benchmark in real Chromium: how long `talkmarks:capture` takes to answer on a
 * schedule page carrying 500 schema.org events in one JSON-LD `@graph` (each with a performer, a
 * Place and its superEvent — the shape a conference CMS emits), measured from an extension page as
 * the popup and side panel ask it (message round trip and the 500-talk schedule's transfer
 * included), both as asked again on an unchanged page and cold (the JSON-LD changed before each ask,
 * so the whole page is parsed and read again). Budget: p95 ≤ 30 ms for both.
 * Then a 2 MB talk page with no structured data (a label table, a byline, slides and video links, and
 * 2 MB of article text, navigation and sponsor tables around them), read by the generic talk-page
 * reader cold (a text node changes before each ask). Budget: p95 ≤ 30 ms.
 * Beside it, in the same page and run, the reader's own cost and its floor: the capture pipeline and
 * the generic reader alone (bundled from the sources with esbuild, run in the page), a walk of
 * `document.querySelectorAll('*')` and a read of `document.body.textContent` — each cold (the page
 * changes before each), so a slow round trip can be told apart from a slow reader or a busy machine
 * (the load average is printed too). Beside each changed-page ask, alternating with it, the floor of
 * the message itself: the same change, then an ask of the same tab that no listener answers.
 *   TALKMARKS_E2E=1 npx wxt build && node bench/capture-sessions.mjs   (TALKMARKS_EXT_DIR for another build)
 * Prints one JSON line per page; exits 1 when over budget or when a page is not read in full.
 */
import { loadavg } from 'node:os';
import { launchExtension, quantile, servePage, timeCapture, writeRows } from './_launch.mjs';

const RUNS = Number(process.env.RUNS ?? 40);
const BUDGET_MS = 30;
const EVENTS = 500;

/** A schedule page with 500 talks in JSON-LD, plus the visible list a CMS would render next to it. */
function schedulePage() {
  const talks = Array.from({ length: EVENTS }, (_, i) => ({
    '@type': i % 5 === 0 ? 'EducationEvent' : 'Event',
    '@id': `#talk-${i}`,
    name: `Talk ${i}: ${'distributed systems '.repeat(2).trim()}`,
    url: `/talks/${i}/`,
    startDate: `2026-09-${10 + (i % 3)}T${String(9 + (i % 9)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00+02:00`,
    endDate: `2026-09-${10 + (i % 3)}T${String(9 + (i % 9)).padStart(2, '0')}:${i % 2 ? '55' : '25'}:00+02:00`,
    description: `Abstract of talk ${i}. `.repeat(8),
    performer: [
      { '@type': 'Person', name: `Speaker ${i}`, url: `/speakers/${i}/` },
      { '@type': 'Person', name: `Co-speaker ${i}` },
    ],
    location: { '@type': 'Place', name: `Room ${i % 12}` },
    superEvent: { '@id': '#conf' },
  }));
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'EventSeries',
        '@id': '#conf',
        name: 'BenchConf 2026',
        url: '/',
        startDate: '2026-09-10',
        endDate: '2026-09-12',
      },
      ...talks,
    ],
  };
  const rows = talks
    .map((t) => `<li><a href="${t.url}">${t.name}</a> · ${t.performer[0].name}</li>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>BenchConf 2026 schedule</title>
<script type="application/ld+json">${JSON.stringify(graph)}</script></head>
<body><h1>Schedule</h1><ul>${rows}</ul></body></html>`;
}

/** A 2 MB talk page without structured data: what the generic reader has to find, inside a lot of page. */
function bigTalkPage() {
  const nav = Array.from(
    { length: 400 },
    (_, i) => `<li><a href="/talks/${i}/">Talk ${i}: a video of it</a></li>`,
  ).join('');
  const sponsors = Array.from(
    { length: 300 },
    (_, i) => `<tr><th>Speaker</th><td>Sponsor ${i} Inc.</td></tr>`,
  ).join('');
  const paragraph = (i) =>
    `<p>Paragraph ${i} of the write-up: caches, <b>eviction</b> and <a href="/ref/${i}.pdf">paper ${i}</a> ${'lorem ipsum dolor sit amet '.repeat(12)}</p>`;
  let body = '';
  for (let i = 0; body.length < 2_000_000; i++) body += paragraph(i);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deep dive into caches | BenchConf 2026</title>
<meta property="og:site_name" content="BenchConf 2026"></head>
<body><nav><ul>${nav}</ul></nav><main><article><h1>Deep dive into caches</h1>
<dl><dt>Speaker</dt><dd><a href="/speakers/ada">Ada Lovelace</a></dd><dt>Event</dt><dd>BenchConf 2026</dd>
<dt>Date</dt><dd>September 10, 2026, 14:30 CEST</dd><dt>Room</dt><dd>Hall 3</dd></dl>
<p><a href="/files/deep-dive-slides.pdf">Download slides</a> · <a href="https://www.youtube.com/watch?v=abcdefghijk">Recording</a></p>
<section id="text">${body}</section></article></main>
<footer><table class="sponsors">${sponsors}</table></footer></body></html>`;
}

/**
 * The capture pipeline and the generic reader run in the page itself (bundled from the sources),
 * beside the floor of any reader of the same page: a walk of every element and one read of the
 * body's text. Each is timed cold (a text node changes first); p50, p95 and the fastest run in ms.
 */
async function readerBesideFloor(page) {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: {
      contents:
        "import { capturePage } from './capture'; import { readTalkPage } from './capture/sessions/generic'; globalThis.__talkmarksBench = { capturePage, readTalkPage };",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
  });
  await page.addScriptTag({ content: out.outputFiles[0].text });
  return page.evaluate((runs) => {
    const { capturePage, readTalkPage } = globalThis.__talkmarksBench;
    const p = document.querySelector('#text p');
    const stats = (t) => {
      const s = [...t].sort((a, b) => a - b);
      const at = (q) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10;
      return { p50: at(0.5), p95: at(0.95), min: at(0) };
    };
    const timed = (f) => {
      const t = [];
      for (let i = 0; i < runs; i++) {
        p?.append(` ${i}`);
        const t0 = performance.now();
        f();
        t.push(performance.now() - t0);
      }
      return stats(t);
    };
    let sink = 0;
    const result = {
      floor_walk_all_elements: timed(() => {
        for (const el of document.querySelectorAll('*')) sink += el.nodeType;
      }),
      floor_body_textContent: timed(() => {
        sink += document.body.textContent.length;
      }),
      generic_reader: timed(() => {
        sink += readTalkPage(document, new URL(location.href)).capture ? 1 : 0;
      }),
      capture_pipeline: timed(() => {
        sink += capturePage(document, location.href).title.length;
      }),
      elements: document.getElementsByTagName('*').length,
    };
    return sink > 0 ? result : result;
  }, RUNS);
}

/** @type {import('./_launch.mjs').BenchRow[]} */
const rows = [];
const server = await servePage(schedulePage(), '/schedule/');
const url = server.url;
const ext = await launchExtension();
try {
  const page = await ext.context.newPage();
  await page.goto(url);
  const { probe, tabId, times } = await timeCapture(ext, url, { runs: RUNS, ready: 'schedule' });
  const result = await probe.evaluate(
    async ({ tabId, runs }) => {
      const ask = () => chrome.tabs.sendMessage(tabId, { type: 'talkmarks:capture' });
      let last;
      // Cold reads: the page's JSON-LD changes before each ask (a trailing space), so nothing cached helps.
      const cold = [];
      const floor = [];
      const change = () =>
        chrome.scripting.executeScript({
          target: { tabId },
          world: 'MAIN',
          func: () => {
            const s = document.querySelector('script[type="application/ld+json"]');
            if (s) s.textContent += ' ';
          },
        });
      for (let i = 0; i < runs; i++) {
        // The floor, alternating with the capture: the same change, then an ask no listener answers.
        await change();
        const f0 = performance.now();
        await chrome.tabs.sendMessage(tabId, { type: 'talkmarks:bench-nobody-answers' }).catch(() => null);
        floor.push(performance.now() - f0);
        await change();
        const t0 = performance.now();
        last = await ask();
        cold.push(performance.now() - t0);
      }
      return {
        cold,
        floor,
        talks: last?.schedule?.length ?? 0,
        event: last?.event?.name,
        withTimes: (last?.schedule ?? []).filter((t) => t.startsAt).length,
      };
    },
    { tabId, runs: RUNS },
  );
  const { cold } = result;
  const p95 = quantile(times, 0.95);
  const coldP95 = quantile(cold, 0.95);
  const round = (n) => Math.round(n * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'capture-500-event-schedule',
      runs: RUNS,
      p50_ms: round(quantile(times, 0.5)),
      p95_ms: round(p95),
      max_ms: round(Math.max(...times)),
      cold_p50_ms: round(quantile(cold, 0.5)),
      cold_p95_ms: round(coldP95),
      cold_floor_p50_ms: round(quantile(result.floor, 0.5)),
      cold_floor_p95_ms: round(quantile(result.floor, 0.95)),
      budget_ms: BUDGET_MS,
      talks: result.talks,
      withTimes: result.withTimes,
      event: result.event,
    }),
  );
  rows.push(
    {
      measure: `capture answered, ${EVENTS}-event JSON-LD schedule, unchanged page (round trip)`,
      p50: quantile(times, 0.5),
      p95,
      n: times.length,
      value: p95,
      max: BUDGET_MS,
    },
    {
      measure: `capture answered, ${EVENTS}-event JSON-LD schedule, changed before each ask (round trip)`,
      p50: quantile(cold, 0.5),
      p95: coldP95,
      n: cold.length,
      value: coldP95,
      max: BUDGET_MS,
      floor: {
        measure: 'the same change, then an ask no listener answers (round trip)',
        value: quantile(result.floor, 0.95),
      },
    },
  );
  const over = p95 > BUDGET_MS || coldP95 > BUDGET_MS;
  if (result.talks !== EVENTS || result.withTimes !== EVENTS || over) process.exitCode = 1;

  // The 2 MB talk page, read by the generic reader (no platform, no structured data).
  const html = bigTalkPage();
  const talkServer = await servePage(html, '/talks/deep-dive/');
  try {
    const talkPage = await ext.context.newPage();
    await talkPage.goto(talkServer.url);
    // No adapter's cheap check matches this page, so the detector leaves it alone (as on a user's
    // unknown site): the capture module is injected the way the toolbar click has it injected.
    const injector = await ext.context.newPage();
    await injector.goto(`${ext.base}/popup.html?tabId=0`);
    await injector.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      if (!tab?.id) throw new Error(`no tab shows ${url}`);
      await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        files: ['content-scripts/capture.js'],
      });
    }, talkServer.url);
    await injector.close();
    const warm = await timeCapture(ext, talkServer.url, { runs: 5, ready: 'talk' });
    const big = await warm.probe.evaluate(
      async ({ tabId, runs }) => {
        const change = (n) =>
          chrome.scripting.executeScript({
            target: { tabId },
            world: 'MAIN',
            func: (n) => {
              const p = document.querySelector('#text p');
              if (p) p.append(` ${n}`);
            },
            args: [n],
          });
        const times = [];
        const floor = [];
        let last;
        for (let i = 0; i < runs; i++) {
          // The floor: the same change, then an ask of the same tab that no listener answers (the
          // message's hop to the page's renderer and back, and whatever the renderer does first with a
          // changed 2 MB page), alternating with the capture so both see the same machine.
          await change(2 * i);
          const f0 = performance.now();
          await chrome.tabs.sendMessage(tabId, { type: 'talkmarks:bench-nobody-answers' }).catch(() => null);
          floor.push(performance.now() - f0);
          await change(2 * i + 1);
          const t0 = performance.now();
          last = await chrome.tabs.sendMessage(tabId, { type: 'talkmarks:capture' });
          times.push(performance.now() - t0);
        }
        return {
          times,
          floor,
          platform: last?.platform,
          speakers: (last?.talk?.speakers ?? []).map((s) => s.name),
          event: last?.event?.name,
          slides: last?.talk?.slidesUrl,
          video: last?.talk?.videoUrl,
          startsAt: last?.talk?.startsAt,
        };
      },
      { tabId: warm.tabId, runs: RUNS },
    );
    const inPage = await readerBesideFloor(talkPage);
    const bigP95 = quantile(big.times, 0.95);
    console.log(
      JSON.stringify({
        bench: 'capture-2mb-talk-page-generic',
        bytes: html.length,
        runs: RUNS,
        p50_ms: round(quantile(big.times, 0.5)),
        p95_ms: round(bigP95),
        max_ms: round(Math.max(...big.times)),
        floor_p50_ms: round(quantile(big.floor, 0.5)),
        floor_p95_ms: round(quantile(big.floor, 0.95)),
        budget_ms: BUDGET_MS,
        platform: big.platform,
        speakers: big.speakers,
        event: big.event,
        slides: big.slides,
        video: big.video,
        startsAt: big.startsAt,
        in_page: inPage,
        loadavg: loadavg().map((n) => Math.round(n * 10) / 10),
      }),
    );
    const read =
      big.platform === 'generic' &&
      big.speakers.join() === 'Ada Lovelace' &&
      big.event === 'BenchConf 2026' &&
      big.slides?.endsWith('/files/deep-dive-slides.pdf') &&
      big.video === 'https://www.youtube.com/watch?v=abcdefghijk' &&
      big.startsAt === '2026-09-10T14:30:00+02:00';
    const floorP95 = quantile(big.floor, 0.95);
    rows.push(
      {
        measure: '2 MB talk page (generic reader), changed before each ask: capture answered (round trip)',
        p50: quantile(big.times, 0.5),
        p95: bigP95,
        n: big.times.length,
        value: bigP95,
        max: BUDGET_MS,
        floor: { measure: 'the same change, then an ask no listener answers (round trip)', value: floorP95 },
      },
      {
        measure: '2 MB talk page, in the page: the whole capture pipeline (no message)',
        p50: inPage.capture_pipeline.p50,
        p95: inPage.capture_pipeline.p95,
        n: RUNS,
        value: inPage.capture_pipeline.p95,
        floor: { measure: 'one body.textContent read', value: inPage.floor_body_textContent.p95 },
      },
    );
    if (!read || bigP95 > BUDGET_MS) process.exitCode = 1;
  } finally {
    await talkServer.close();
  }
} finally {
  writeRows('capture-sessions', rows);
  await ext.close();
  await server.close();
}
