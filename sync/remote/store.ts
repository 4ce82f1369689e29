/**
 * `RemoteStore`: the five things sync asks of storage the user owns (a WebDAV folder, an S3 bucket),
 * and the HTTP plumbing both transports share (time limits, status → typed error, paths).
 *
 * Paths are relative to the store's root, segments of `A-Z a-z 0-9 . _ -` joined by `/` (the layout
 * uses nothing else, so no transport has to agree with a server on how to escape a name). Folders
 * exist implicitly: writing `a/b/c.bin` creates `a/` and `a/b/` where the server needs folders.
 */
import {
  ClockSkewError,
  ConflictError,
  CorruptError,
  ForbiddenError,
  InvalidPathError,
  NotFoundError,
  OfflineError,
  RateLimitedError,
  ServerError,
  ServerFullError,
  type SyncError,
  TimeoutError,
  UnauthorizedError,
  UnexpectedResponseError,
} from './errors';

export * from './errors';

/** One entry of a listing: a file, or a folder (`dir`, path without a trailing `/`). */
export interface RemoteEntry {
  /** Path relative to the store root, e.g. `talkmarks/v1/devices/abc/log/000000000001.bin`. */
  path: string;
  /** Last segment of `path`. */
  name: string;
  dir: boolean;
  /** Bytes, for files (as the server reports it). */
  size: number;
  etag?: string;
}

export interface RemoteStore {
  /** `webdav` or `s3`, for messages and for tests that know a transport's limits. */
  readonly kind: string;
  /**
   * For "Connect": the folder (bucket) exists and the credentials work. `NotFoundError` for a URL or
   * bucket that is not there, `UnauthorizedError` for wrong credentials, `OfflineError`…
   */
  check(): Promise<void>;
  /**
   * The files and folders directly inside folder `dir` ('' for the root), sorted by name. A folder
   * that does not exist lists as empty: "nothing there" is never an error.
   */
  list(dir: string): Promise<RemoteEntry[]>;
  /** The whole file. `NotFoundError` when absent; `CorruptError` when fewer bytes arrive than announced. */
  get(path: string): Promise<Uint8Array>;
  /**
   * Create a file that never changes afterwards. It appears whole or not at all, and an existing file
   * is never replaced: `AlreadyExistsError` if `path` exists (on WebDAV: upload to a temporary name,
   * then MOVE with `Overwrite: F`; on S3: one PUT with `If-None-Match: *`, after a HEAD for servers that
   * ignore that header).
   */
  putImmutable(path: string, bytes: Uint8Array): Promise<void>;
  /**
   * Write or replace a file only this device writes (its head). Readers see the old or the new file
   * whole, never a part (WebDAV: temporary name, then MOVE with `Overwrite: T`; S3: one PUT).
   */
  putOwned(path: string, bytes: Uint8Array): Promise<void>;
  /** Remove a file. Removing what is not there succeeds (deleting is idempotent). */
  delete(path: string): Promise<void>;
}

/** Options both HTTP transports take. */
export interface HttpOptions {
  /** Time limit of one request, headers and body, in ms (default 30 s). */
  timeoutMs?: number;
  /** The `fetch` to use (tests, or a wrapped one); defaults to the global. */
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/** Checks a store path; returns it unchanged. `allowRoot` accepts '' (the root folder, for `list`). */
export function checkPath(path: string, allowRoot = false): string {
  if (path === '' && allowRoot) return path;
  const segments = path.split('/');
  if (!segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..'))
    throw new InvalidPathError(`Not a store path: '${path}'`);
  return path;
}

export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A random name for a temporary upload next to `path` (`<path>.tmp-<16 hex>`). */
export function tempNameFor(path: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${path}.tmp-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * One request with the store's time limit; network failures become `OfflineError`, the time limit
 * `TimeoutError`. The response body is read here too, so a connection cut mid-body is an error of this
 * call and not of a later one.
 */
export async function request(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  what: string,
): Promise<{ res: Response; body: Uint8Array }> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const timeLimit = (cause: unknown) =>
    new TimeoutError(`${what}: no answer within ${Math.round(timeoutMs / 1000)} s`, { cause });
  try {
    let res: Response;
    try {
      // no-store: a browser must not answer a GET of a replaced file (head.bin, vault.json) from its
      // HTTP cache; manual: a redirect is reported, not followed with the credentials elsewhere.
      res = await doFetch(url, { ...init, signal: controller.signal, redirect: 'manual', cache: 'no-store' });
    } catch (cause) {
      if (timedOut) throw timeLimit(cause);
      throw new OfflineError(`${what}: the server cannot be reached`, { cause });
    }
    let body: Uint8Array;
    try {
      body = new Uint8Array(await res.arrayBuffer());
    } catch (cause) {
      if (timedOut) throw timeLimit(cause);
      throw new CorruptError(`${what}: the connection broke before the whole answer arrived`, {
        status: res.status,
        cause,
      });
    }
    const announced = res.headers.get('content-length');
    if (
      res.ok &&
      announced !== null &&
      !res.headers.get('content-encoding') &&
      init.method !== 'HEAD' &&
      Number(announced) !== body.length
    )
      throw new CorruptError(`${what}: ${body.length} of ${announced} bytes arrived`, { status: res.status });
    return { res, body };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The typed error for a failed status (never called for 2xx). `code` is a server error code when the
 * protocol has one (S3's `<Code>`), used for the few codes whose meaning the status does not carry.
 */
export function errorForStatus(res: Response, what: string, code?: string): SyncError {
  const status = res.status;
  const opts = { status };
  const suffix = code ? ` (${code})` : '';
  if (code === 'RequestTimeTooSkewed')
    return new ClockSkewError(`${what}: this computer's clock is too far from the server's`, opts);
  if (code === 'SlowDown')
    return new RateLimitedError(
      `${what}: the server asks to slow down`,
      retryAfterSeconds(res.headers.get('retry-after')),
      opts,
    );
  if (code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch')
    return new UnauthorizedError(`${what}: the access key or secret is wrong${suffix}`, opts);
  if (res.type === 'opaqueredirect' || (status >= 300 && status < 400))
    return new UnexpectedResponseError(
      `${what}: the server redirects elsewhere; use the address it redirects to`,
      opts,
    );
  switch (status) {
    case 401:
      return new UnauthorizedError(`${what}: the user name or password is wrong`, opts);
    case 403:
      return new ForbiddenError(`${what}: the server refuses access${suffix}`, opts);
    case 404:
      return new NotFoundError(`${what}: not found${suffix}`, opts);
    case 409:
      return new ConflictError(`${what}: conflict${suffix}`, opts);
    case 423:
      return new ConflictError(`${what}: locked by another client; try again`, opts);
    case 429:
      return new RateLimitedError(
        `${what}: too many requests`,
        retryAfterSeconds(res.headers.get('retry-after')),
        opts,
      );
    case 507:
      return new ServerFullError(`${what}: the server is full (no space left)`, opts);
  }
  if (status >= 500)
    return new ServerError(
      `${what}: server error ${status}${suffix}`,
      retryAfterSeconds(res.headers.get('retry-after')),
      opts,
    );
  return new UnexpectedResponseError(`${what}: unexpected answer ${status}${suffix}`, opts);
}

/** Base64 of UTF-8 text (for Basic auth), without Node's Buffer. */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
