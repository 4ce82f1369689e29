/**
 * The daily check of a promised talk's session page (issue 16, item 2, optional): for a talk whose
 * slides were promised and whose session page's site the user granted ("Check daily" on the talk
 * card asks for that one origin), a browser alarm fetches the page at most once a day with a
 * conditional GET (If-None-Match / If-Modified-Since from the last answer's ETag / Last-Modified),
 * reads the slides link with the capture's own readers (capturePage on a parsed document: in the
 * Firefox background page directly, in Chromium's service worker, which has no DOMParser, in an
 * offscreen document), keeps the promise when one is found (and tells the user as the side panel
 * does), and stops after 30 days, when the promise is kept, or when the talk is no longer promised.
 *
 * The schedule is pure ({@link isDue}, {@link isExpired}, {@link conditionalHeaders},
 * {@link afterAnswer}, {@link runChecks} with its effects passed in); the browser side is at the end.
 */
import { browser } from 'wxt/browser';

/** The alarm that wakes the checks (hourly: each check itself runs at most once a day). */
export const DAILY_CHECK_ALARM = 'talkmarks-daily-check';
/** `storage.local` key of the checks. */
export const DAILY_CHECKS_KEY = 'dailyChecks';
export const DAY_MS = 24 * 60 * 60 * 1000;
/** A check stops this many days after it was turned on. */
export const CHECK_DAYS = 30;
/** A session page bigger than this is not read. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

export interface DailyCheck {
  talkId: string;
  /** The session page (http/https). */
  url: string;
  /** When the user turned the check on. */
  startedAt: number;
  /** When the page was last asked for (whatever the answer). */
  lastCheckedAt?: number;
  /** Validators of the last full answer, for the conditional GET. */
  etag?: string;
  lastModified?: string;
}

/** The host permission pattern of a page's origin (`https://conf.example/*`), or undefined for non-http(s). */
export function originPattern(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.origin}/*` : undefined;
  } catch {
    return undefined;
  }
}

/** Past its 30 days. */
export function isExpired(check: DailyCheck, now: number): boolean {
  return now - check.startedAt >= CHECK_DAYS * DAY_MS;
}

/** Time to ask again: not expired, and never asked or last asked a day ago or more. */
export function isDue(check: DailyCheck, now: number): boolean {
  if (isExpired(check, now)) return false;
  return check.lastCheckedAt === undefined || now - check.lastCheckedAt >= DAY_MS;
}

/** The last day the check runs (for the card: "until 4 January"). */
export function checkEndsAt(check: Pick<DailyCheck, 'startedAt'>): number {
  return check.startedAt + CHECK_DAYS * DAY_MS;
}

/** The conditional request's headers: the last answer's validators. */
export function conditionalHeaders(check: DailyCheck): Record<string, string> {
  const headers: Record<string, string> = {};
  if (check.etag) headers['If-None-Match'] = check.etag;
  if (check.lastModified) headers['If-Modified-Since'] = check.lastModified;
  return headers;
}

/** The check after an answer: asked now; a full answer's validators replace the old ones. */
export function afterAnswer(
  check: DailyCheck,
  answer: { status: number; etag?: string | null; lastModified?: string | null },
  now: number,
): DailyCheck {
  const next: DailyCheck = { ...check, lastCheckedAt: now };
  if (answer.status >= 200 && answer.status < 300) {
    delete next.etag;
    delete next.lastModified;
    if (answer.etag) next.etag = answer.etag.slice(0, 500);
    if (answer.lastModified) next.lastModified = answer.lastModified.slice(0, 100);
  }
  return next;
}

/** The checks as stored (any JSON): each well-formed one kept, one per talk. */
export function parseChecks(stored: unknown): DailyCheck[] {
  if (!Array.isArray(stored)) return [];
  const out = new Map<string, DailyCheck>();
  for (const c of stored) {
    if (!c || typeof c !== 'object') continue;
    const o = c as Record<string, unknown>;
    if (typeof o.talkId !== 'string' || typeof o.url !== 'string' || !originPattern(o.url)) continue;
    if (typeof o.startedAt !== 'number' || !Number.isFinite(o.startedAt)) continue;
    const check: DailyCheck = { talkId: o.talkId, url: o.url, startedAt: o.startedAt };
    if (typeof o.lastCheckedAt === 'number' && Number.isFinite(o.lastCheckedAt))
      check.lastCheckedAt = o.lastCheckedAt;
    if (typeof o.etag === 'string') check.etag = o.etag;
    if (typeof o.lastModified === 'string') check.lastModified = o.lastModified;
    out.set(check.talkId, check);
  }
  return [...out.values()];
}

/** What one round needs from the browser and the library (passed in: tests give their own). */
export interface CheckEffects {
  /** Is the page's origin still granted? */
  granted(url: string): Promise<boolean>;
  /** Is the talk still waiting for its slides? */
  stillPromised(talkId: string): Promise<boolean>;
  /** The conditional GET. */
  fetch(
    url: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; etag?: string | null; lastModified?: string | null; text(): Promise<string> }>;
  /** The slides link the page shows, read by the capture's readers. */
  readSlides(html: string, url: string): Promise<string | undefined>;
  /** Keeps the promise with that link; the talk when it was kept. */
  keep(talkId: string, slidesUrl: string): Promise<{ id: string; title: string } | undefined>;
  /** Tells the user. */
  tell(talk: { id: string; title: string }): Promise<unknown>;
}

/**
 * One round over the checks at `now`: due ones ask their page (never more than once a day), and a
 * slides link found keeps the promise. Returns the checks that go on, and the talks kept.
 */
export async function runChecks(
  checks: readonly DailyCheck[],
  now: number,
  effects: CheckEffects,
): Promise<{ checks: DailyCheck[]; kept: string[]; asked: string[] }> {
  const next: DailyCheck[] = [];
  const kept: string[] = [];
  const asked: string[] = [];
  for (const check of checks) {
    if (isExpired(check, now)) continue;
    if (!(await effects.stillPromised(check.talkId).catch(() => true))) continue;
    if (!isDue(check, now) || !(await effects.granted(check.url).catch(() => false))) {
      next.push(check);
      continue;
    }
    asked.push(check.talkId);
    let answer: Awaited<ReturnType<CheckEffects['fetch']>>;
    try {
      answer = await effects.fetch(check.url, conditionalHeaders(check));
    } catch {
      next.push({ ...check, lastCheckedAt: now });
      continue;
    }
    const updated = afterAnswer(check, answer, now);
    if (answer.status < 200 || answer.status >= 300) {
      next.push(updated); // 304 Not Modified, or the site is down today: tomorrow again
      continue;
    }
    let slides: string | undefined;
    try {
      const html = await answer.text();
      slides = html.length <= MAX_PAGE_BYTES ? await effects.readSlides(html, check.url) : undefined;
    } catch {
      slides = undefined;
    }
    const talk = slides ? await effects.keep(check.talkId, slides).catch(() => undefined) : undefined;
    if (talk) {
      kept.push(talk.id);
      await effects.tell(talk).catch(() => undefined);
      continue; // kept: the check ends
    }
    next.push(updated);
  }
  return { checks: next, kept, asked };
}

/**
 * The checks to store after a round: what the round left of the checks it ran, and, as the user
 * left them meanwhile, checks turned on (or on again) while it ran; checks turned off stay off.
 */
export function mergeRound(
  ran: readonly DailyCheck[],
  after: readonly DailyCheck[],
  latest: readonly DailyCheck[],
): DailyCheck[] {
  const before = new Map(ran.map((c) => [c.talkId, c]));
  const left = new Map(after.map((c) => [c.talkId, c]));
  return latest.flatMap((c) => {
    const was = before.get(c.talkId);
    if (!was || was.startedAt !== c.startedAt) return [c];
    const next = left.get(c.talkId);
    return next ? [next] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// The browser side.

/** The checks stored now. */
export async function dailyChecks(): Promise<DailyCheck[]> {
  const got = await browser.storage.local.get(DAILY_CHECKS_KEY);
  return parseChecks(got[DAILY_CHECKS_KEY]);
}

async function saveChecks(checks: readonly DailyCheck[]): Promise<void> {
  await browser.storage.local.set({ [DAILY_CHECKS_KEY]: [...checks] });
}

/** Turns the daily check on for a talk's session page (the caller asked for its origin first). */
export async function startDailyCheck(talkId: string, url: string, now = Date.now()): Promise<DailyCheck> {
  if (!originPattern(url)) throw new Error('Only a web page (http or https) can be checked.');
  const check: DailyCheck = { talkId, url, startedAt: now };
  await saveChecks([...(await dailyChecks()).filter((c) => c.talkId !== talkId), check]);
  return check;
}

/** Turns it off. */
export async function stopDailyCheck(talkId: string): Promise<void> {
  await saveChecks((await dailyChecks()).filter((c) => c.talkId !== talkId));
}

/**
 * Asks for the page's origin (and, in Chromium, the offscreen document that reads it): call straight
 * from the click, browsers ask only during a gesture.
 */
export function requestDailyCheck(url: string): Promise<boolean> {
  const origin = originPattern(url);
  if (!origin) return Promise.resolve(false);
  try {
    return browser.permissions
      .request({
        origins: [origin],
        ...(import.meta.env.FIREFOX ? {} : { permissions: ['offscreen'] }),
      } as Parameters<typeof browser.permissions.request>[0])
      .catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** Is `url`'s origin granted (and the offscreen document allowed, in Chromium)? */
export async function dailyCheckGranted(url: string): Promise<boolean> {
  const origin = originPattern(url);
  if (!origin) return false;
  try {
    return await browser.permissions.contains({
      origins: [origin],
      ...(import.meta.env.FIREFOX ? {} : { permissions: ['offscreen'] }),
    } as Parameters<typeof browser.permissions.contains>[0]);
  } catch {
    return false;
  }
}

/** The message the offscreen document answers (Chromium): read the slides link of a page's HTML. */
export const READ_SLIDES = 'talkmarks:read-slides';
export interface ReadSlidesMessage {
  type: typeof READ_SLIDES;
  html: string;
  url: string;
}

/** Runs one round now (the alarm's job) with the given effects for reading and keeping. */
export async function dailyRound(
  effects: Pick<CheckEffects, 'readSlides' | 'keep' | 'tell' | 'stillPromised'>,
  now = Date.now(),
): Promise<void> {
  const checks = await dailyChecks();
  if (checks.length === 0) return;
  const result = await runChecks(checks, now, {
    ...effects,
    granted: dailyCheckGranted,
    fetch: async (url, headers) => {
      const res = await fetch(url, { headers, credentials: 'omit', cache: 'no-store', redirect: 'follow' });
      return {
        status: res.status,
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
        text: () => res.text(),
      };
    },
  });
  // Checks turned on or off while this round ran stay as the user left them.
  await saveChecks(mergeRound(checks, result.checks, await dailyChecks()));
}
