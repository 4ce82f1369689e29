/**
 * The background's side of the daily check (daily-check.ts): an hourly alarm while any check is on
 * (each check asks its page at most once a day), and the round it runs: Firefox's background page
 * reads the page itself, Chromium's service worker has an offscreen document read it.
 */
import { browser } from 'wxt/browser';
import { keepPromise, promisedTalks } from '../storage/promises';
import { DAILY_CHECK_ALARM, DAILY_CHECKS_KEY, dailyChecks, dailyRound, READ_SLIDES } from './daily-check';
import { loadNoteSettings } from './note-settings';
import { readSlidesFromHtml } from './read-slides';
import { notifySlidesFound } from './slides-notice';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
}

const offscreenApi = () => (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;

/** Chromium: the slides link read in the offscreen document (created for the round, closed after). */
async function readInOffscreen(html: string, url: string): Promise<string | undefined> {
  const api = offscreenApi();
  if (!api) return undefined;
  if (!(await api.hasDocument?.().catch(() => false))) {
    await api
      .createDocument({
        url: 'offscreen.html',
        reasons: ['DOM_PARSER'],
        justification: 'Read the session page of a talk whose slides were promised, for its slides link.',
      })
      .catch(() => undefined);
  }
  const answer = (await browser.runtime.sendMessage({ type: READ_SLIDES, html, url }).catch(() => null)) as {
    slidesUrl?: string | null;
  } | null;
  return answer?.slidesUrl ?? undefined;
}

let running: Promise<void> | null = null;

/** One round now (the alarm's job); rounds never overlap. */
export function runDailyRound(now = Date.now()): Promise<void> {
  running ??= (async () => {
    try {
      await loadNoteSettings(); // the promise words and the notification choice
      const waiting = new Set((await promisedTalks()).map((t) => t.id));
      await dailyRound(
        {
          stillPromised: async (talkId) => waiting.has(talkId),
          readSlides: async (html, url) =>
            import.meta.env.FIREFOX ? readSlidesFromHtml(html, url) : readInOffscreen(html, url),
          keep: (talkId, slidesUrl) => keepPromise(talkId, slidesUrl, { now }),
          tell: (talk) => notifySlidesFound(talk),
        },
        now,
      );
    } finally {
      if (!import.meta.env.FIREFOX)
        await offscreenApi()
          ?.closeDocument()
          .catch(() => undefined);
      running = null;
    }
  })();
  return running;
}

/** The alarm on while any check is on, off when none is. */
async function scheduleAlarm(): Promise<void> {
  const any = (await dailyChecks()).length > 0;
  const alarm = await browser.alarms.get(DAILY_CHECK_ALARM);
  if (any && !alarm) browser.alarms.create(DAILY_CHECK_ALARM, { delayInMinutes: 1, periodInMinutes: 60 });
  if (!any && alarm) await browser.alarms.clear(DAILY_CHECK_ALARM);
}

/** Wires the daily check into the background (called once at start). */
export function watchDailyChecks(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DAILY_CHECK_ALARM) void runDailyRound().catch(() => undefined);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && DAILY_CHECKS_KEY in changes) void scheduleAlarm().catch(() => undefined);
  });
  void scheduleAlarm().catch(() => undefined);
}
