/**
 * WebDAV transport over `fetch` (Nextcloud, ownCloud, Apache mod_dav, nginx dav-ext, a NAS, rclone):
 * PROPFIND (Depth 1) to list, GET, PUT to a temporary name then MOVE to the real one (`Overwrite: F`
 * for create-once files, `T` for a device's own head), DELETE, MKCOL for missing folders; Basic auth.
 *
 * No conditional PUT is relied on: `rclone serve webdav` ignores `If-None-Match`, while MOVE with
 * `Overwrite: F` answers 412 on every server tested (research/sync.md §6), so create-once holds there.
 */
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  OfflineError,
  UnexpectedResponseError,
} from './errors';
import {
  base64Utf8,
  checkPath,
  DEFAULT_TIMEOUT_MS,
  errorForStatus,
  type HttpOptions,
  lastSegment,
  parentOf,
  type RemoteEntry,
  type RemoteStore,
  request,
  tempNameFor,
} from './store';
import { childElements, childText, firstChild, parseXml, type XmlElement } from './xml';

export interface WebDavConfig extends HttpOptions {
  /** The folder that holds the vault, e.g. `https://cloud.example/remote.php/dav/files/alice/Talkmarks/`. */
  url: string;
  username?: string;
  password?: string;
}

const DAV = 'DAV:';
const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/><d:getetag/></d:prop></d:propfind>';

/** `list` entries from a multistatus body; `folderPath` is the decoded URL path of the listed folder. */
export function parseMultistatus(xml: string, baseUrl: string, folderPath: string): RemoteEntry[] {
  const root = parseXml(xml, 'PROPFIND');
  if (root.local !== 'multistatus' || root.ns !== DAV)
    throw new UnexpectedResponseError('PROPFIND: the answer is not a DAV multistatus');
  const basePath = decodedPath(new URL(baseUrl).pathname);
  const folder = folderPath.endsWith('/') ? folderPath : `${folderPath}/`;
  const entries: RemoteEntry[] = [];
  for (const response of childElements(root, DAV, 'response')) {
    const href = childText(response, DAV, 'href');
    if (!href) continue;
    let path = decodedPath(new URL(href, baseUrl).pathname);
    const ok = okProps(response);
    if (!ok) continue;
    const resourceType = firstChild(ok, DAV, 'resourcetype');
    const collection = !!resourceType && !!firstChild(resourceType, DAV, 'collection');
    if (path.endsWith('/')) path = path.slice(0, -1);
    // Only the folder's direct children (the folder itself is in the answer too).
    if (!path.startsWith(folder)) continue;
    const rest = path.slice(folder.length);
    if (rest === '' || rest.includes('/')) continue;
    const relative = path.slice(basePath.length);
    const size = Number(childText(ok, DAV, 'getcontentlength') ?? '0');
    const etag = childText(ok, DAV, 'getetag');
    entries.push({
      path: relative,
      name: lastSegment(relative),
      dir: collection,
      size: Number.isFinite(size) ? size : 0,
      ...(etag ? { etag } : {}),
    });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The `prop` of the propstat whose status is 2xx (servers list 404 props in a second propstat). */
function okProps(response: XmlElement): XmlElement | undefined {
  for (const propstat of childElements(response, DAV, 'propstat')) {
    const status = childText(propstat, DAV, 'status') ?? '';
    if (/^HTTP\/\d(\.\d)?\s+2\d\d/.test(status)) return firstChild(propstat, DAV, 'prop');
  }
  return undefined;
}

function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** A body this large is not sent to a folder that may not exist (see `putFile`). */
const LARGE_BODY = 256 * 1024;

export class WebDavStore implements RemoteStore {
  readonly kind = 'webdav';
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;
  /** Folders known to exist (made or seen by this store), so MKCOL runs once per folder. */
  private readonly folders = new Set<string>(['']);

  constructor(config: WebDavConfig) {
    const url = new URL(config.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new UnexpectedResponseError(`WebDAV URL must be http(s): ${config.url}`);
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    this.base = url.toString();
    this.headers =
      config.username !== undefined
        ? { authorization: `Basic ${base64Utf8(`${config.username}:${config.password ?? ''}`)}` }
        : {};
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.doFetch = config.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Absolute URL of a store path (`dir` true: with a trailing slash). Segments need no escaping. */
  urlOf(path: string, dir = false): string {
    return path === '' ? this.base : `${this.base}${path}${dir ? '/' : ''}`;
  }

  /**
   * One request. A 423 Locked is asked again a few times: another client holds the resource this
   * instant (rclone locks a MOVE's destination and a new folder while it makes them); the server did
   * nothing for us, so asking again is safe, and once the other is done the answer is the real one.
   */
  private async call(method: string, path: string, what: string, init: RequestInit = {}, dir = false) {
    const send = () =>
      request(
        this.doFetch,
        this.urlOf(path, dir),
        { ...init, method, headers: { ...this.headers, ...(init.headers as Record<string, string>) } },
        this.timeoutMs,
        what,
      );
    let answer = await send();
    for (let attempt = 1; answer.res.status === 423 && attempt <= 4; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      answer = await send();
    }
    return answer;
  }

  /**
   * Checks that the folder exists and the credentials work (for "Connect"): `NotFoundError` when the
   * URL names no folder, `UnauthorizedError` for a wrong password.
   */
  async check(): Promise<void> {
    const { res } = await this.call('PROPFIND', '', 'Checking the WebDAV folder', {
      headers: { depth: '0', 'content-type': 'application/xml; charset=utf-8' },
      body: PROPFIND_BODY,
    });
    if (res.status === 404) throw new NotFoundError('The WebDAV folder does not exist', { status: 404 });
    if (res.status !== 207) throw errorForStatus(res, 'Checking the WebDAV folder');
  }

  async list(dir: string): Promise<RemoteEntry[]> {
    checkPath(dir, true);
    const what = `Listing '${dir || '/'}'`;
    const { res, body } = await this.call(
      'PROPFIND',
      dir,
      what,
      { headers: { depth: '1', 'content-type': 'application/xml; charset=utf-8' }, body: PROPFIND_BODY },
      true,
    );
    if (res.status === 404) return [];
    if (res.status !== 207) throw errorForStatus(res, what);
    const folderPath = decodedPath(new URL(this.urlOf(dir, true)).pathname);
    const entries = parseMultistatus(new TextDecoder().decode(body), this.base, folderPath);
    this.folders.add(dir);
    for (const e of entries) if (e.dir) this.folders.add(e.path);
    return entries;
  }

  async get(path: string): Promise<Uint8Array> {
    checkPath(path);
    const what = `Reading '${path}'`;
    const { res, body } = await this.call('GET', path, what);
    if (res.status !== 200) throw errorForStatus(res, what);
    return body;
  }

  putImmutable(path: string, bytes: Uint8Array): Promise<void> {
    return this.putViaMove(path, bytes, false);
  }

  putOwned(path: string, bytes: Uint8Array): Promise<void> {
    return this.putViaMove(path, bytes, true);
  }

  async delete(path: string): Promise<void> {
    checkPath(path);
    const what = `Deleting '${path}'`;
    const { res } = await this.call('DELETE', path, what);
    if (res.ok || res.status === 404) return;
    throw errorForStatus(res, what);
  }

  /** Upload to a temporary name in the same folder, then MOVE it onto `path`. */
  private async putViaMove(path: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
    checkPath(path);
    const temp = tempNameFor(path);
    const what = `Uploading '${path}'`;
    try {
      await this.putFile(temp, bytes, what);
      const { res } = await this.call('MOVE', temp, what, {
        headers: { destination: this.urlOf(path), overwrite: overwrite ? 'T' : 'F' },
      });
      if (res.status === 412)
        throw new AlreadyExistsError(`'${path}' already exists on the server`, { status: 412 });
      if (!res.ok) throw errorForStatus(res, what);
    } catch (error) {
      // The temporary file must not linger; if even this fails (offline), the layout's clean-up of
      // a device's own folder removes it later. A MOVE that did happen leaves nothing to delete.
      if (!(error instanceof OfflineError)) await this.delete(temp).catch(() => undefined);
      throw error;
    }
  }

  /**
   * PUT, making the missing parent folders when the server says they are missing (409, or 404). A
   * large body goes to a folder not seen yet only after its folders are made: a device's first log
   * (2.5 MB at 10,000 notes) was sent twice, the first time to be refused.
   */
  private async putFile(path: string, bytes: Uint8Array, what: string): Promise<void> {
    if (bytes.length >= LARGE_BODY && !this.folders.has(parentOf(path)))
      await this.ensureFolder(parentOf(path));
    const put = () =>
      this.call('PUT', path, what, {
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes as BodyInit,
      });
    let { res } = await put();
    if (res.status === 409 || res.status === 404) {
      this.folders.delete(parentOf(path));
      await this.ensureFolder(parentOf(path));
      ({ res } = await put());
    }
    if (!res.ok) throw errorForStatus(res, what);
    this.folders.add(parentOf(path));
  }

  /** MKCOL each missing folder from the top (405 means it exists already). */
  private async ensureFolder(dir: string): Promise<void> {
    if (this.folders.has(dir)) return;
    await this.ensureFolder(parentOf(dir));
    const what = `Creating folder '${dir}'`;
    const { res } = await this.call('MKCOL', dir, what, {}, true);
    if (res.status === 201 || res.status === 405 || res.status === 301) {
      this.folders.add(dir);
      return;
    }
    // Two writers making the same folder at once: Apache answers the loser 403 (the folder appeared
    // between its check and its mkdir). What counts is that the folder exists now.
    const { res: exists } = await this.call(
      'PROPFIND',
      dir,
      what,
      { headers: { depth: '0', 'content-type': 'application/xml; charset=utf-8' }, body: PROPFIND_BODY },
      true,
    );
    if (exists.status === 207) {
      this.folders.add(dir);
      return;
    }
    if (res.status === 409)
      throw new ConflictError(`${what}: its parent folder cannot be created`, { status: 409 });
    throw errorForStatus(res, what);
  }
}

export function webDavStore(config: WebDavConfig): WebDavStore {
  return new WebDavStore(config);
}
