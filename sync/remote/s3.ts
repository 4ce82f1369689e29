/**
 * S3-compatible transport (AWS S3, Cloudflare R2, Backblaze B2, MinIO, Garage): requests signed with
 * Signature V4 by `aws4fetch`, path-style URLs by default (`<endpoint>/<bucket>/<key>`), listing with
 * ListObjectsV2 (`delimiter=/`, so a "folder" lists like a WebDAV folder), payloads signed by their
 * SHA-256 (not UNSIGNED-PAYLOAD), so a body changed on the way is refused by the server.
 *
 * Create-once: S3 PUTs are atomic (an object appears whole or not at all). `putImmutable` first asks
 * HEAD, then PUTs with `If-None-Match: *` (AWS and R2 answer 412 if the key exists). A server that
 * ignores that header (s3rver, older MinIO) keeps only the HEAD check, which two writers can race:
 * the layout never has two writers on one key, so this is a second line, not the first.
 */
import { AwsV4Signer } from 'aws4fetch';
import { AlreadyExistsError, NotFoundError, UnexpectedResponseError } from './errors';
import {
  checkPath,
  DEFAULT_TIMEOUT_MS,
  errorForStatus,
  type HttpOptions,
  lastSegment,
  type RemoteEntry,
  type RemoteStore,
  request,
} from './store';
import { childElements, childText, parseXml } from './xml';

export interface S3Config extends HttpOptions {
  /** Service endpoint without the bucket, e.g. `https://s3.eu-central-1.amazonaws.com`. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** A folder inside the bucket that holds the vault (e.g. `talkmarks-alice`); none by default. */
  prefix?: string;
  /** `https://<bucket>.<endpoint host>/<key>` instead of path style (some providers require it). */
  virtualHosted?: boolean;
}

export interface SignInput {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  service: string;
  /** `YYYYMMDDTHHMMSSZ`; now by default. */
  datetime?: string;
  /** Sign every header given (content-type, range…), not only those aws4fetch signs by default. */
  allHeaders?: boolean;
  /** Encode the path once (services other than S3 encode twice). */
  singleEncode?: boolean;
}

/** The headers of a SigV4-signed request (`authorization`, `x-amz-date`, and those given). */
export async function signRequest(input: SignInput): Promise<Headers> {
  const signer = new AwsV4Signer({
    method: input.method,
    url: input.url,
    headers: input.headers ?? {},
    body: (input.body ?? null) as BodyInit | null,
    accessKeyId: input.accessKeyId,
    secretAccessKey: input.secretAccessKey,
    ...(input.sessionToken !== undefined ? { sessionToken: input.sessionToken } : {}),
    region: input.region,
    service: input.service,
    ...(input.datetime !== undefined ? { datetime: input.datetime } : {}),
    ...(input.allHeaders ? { allHeaders: true } : {}),
    ...(input.singleEncode ? { singleEncode: true } : {}),
  });
  const signed = await signer.sign();
  return signed.headers;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The `<Code>` of an S3 error body, if it has one. */
function errorCode(body: Uint8Array): string | undefined {
  if (body.length === 0) return undefined;
  try {
    return childText(parseXml(new TextDecoder().decode(body), 'S3 error'), null, 'Code');
  } catch {
    return undefined;
  }
}

/** Entries of one ListObjectsV2 page, paths relative to `keyPrefix` (the store's prefix + '/'). */
export function parseListObjects(
  xml: string,
  keyPrefix: string,
): { entries: RemoteEntry[]; next: string | undefined } {
  const root = parseXml(xml, 'Listing');
  if (root.local !== 'ListBucketResult')
    throw new UnexpectedResponseError('Listing: the answer is not a ListBucketResult');
  const entries: RemoteEntry[] = [];
  const relative = (key: string) => (key.startsWith(keyPrefix) ? key.slice(keyPrefix.length) : undefined);
  for (const item of childElements(root, null, 'Contents')) {
    const path = relative(childText(item, null, 'Key') ?? '');
    if (!path || path.endsWith('/')) continue;
    const etag = childText(item, null, 'ETag');
    entries.push({
      path,
      name: lastSegment(path),
      dir: false,
      size: Number(childText(item, null, 'Size') ?? '0') || 0,
      ...(etag ? { etag } : {}),
    });
  }
  for (const common of childElements(root, null, 'CommonPrefixes')) {
    const path = relative(childText(common, null, 'Prefix') ?? '')?.replace(/\/$/, '');
    if (path) entries.push({ path, name: lastSegment(path), dir: true, size: 0 });
  }
  const truncated = childText(root, null, 'IsTruncated') === 'true';
  return { entries, next: truncated ? childText(root, null, 'NextContinuationToken') : undefined };
}

export class S3Store implements RemoteStore {
  readonly kind = 's3';
  private readonly bucketUrl: string;
  /** Key prefix of every path: '' or `<prefix>/`. */
  private readonly keyPrefix: string;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;

  constructor(private readonly config: S3Config) {
    const endpoint = new URL(config.endpoint);
    if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:')
      throw new UnexpectedResponseError(`S3 endpoint must be http(s): ${config.endpoint}`);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(config.bucket))
      throw new UnexpectedResponseError(`Not an S3 bucket name: '${config.bucket}'`);
    const base = endpoint.origin + endpoint.pathname.replace(/\/+$/, '');
    this.bucketUrl = config.virtualHosted
      ? `${endpoint.protocol}//${config.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}`
      : `${base}/${config.bucket}`;
    const prefix = (config.prefix ?? '').replace(/^\/+|\/+$/g, '');
    if (prefix) checkPath(prefix);
    this.keyPrefix = prefix ? `${prefix}/` : '';
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.doFetch = config.fetch ?? ((input, init) => fetch(input, init));
  }

  private objectUrl(path: string): string {
    return `${this.bucketUrl}/${this.keyPrefix}${path}`;
  }

  private async call(method: string, url: string, what: string, body?: Uint8Array, extra = {}) {
    const payload = body ?? new Uint8Array(0);
    const headers = await signRequest({
      method,
      url,
      headers: {
        'x-amz-content-sha256': await sha256Hex(payload),
        ...(body ? { 'content-type': 'application/octet-stream' } : {}),
        ...extra,
      },
      accessKeyId: this.config.accessKeyId,
      secretAccessKey: this.config.secretAccessKey,
      ...(this.config.sessionToken !== undefined ? { sessionToken: this.config.sessionToken } : {}),
      region: this.config.region,
      service: 's3',
    });
    return request(
      this.doFetch,
      url,
      { method, headers, ...(body ? { body: body as BodyInit } : {}) },
      this.timeoutMs,
      what,
    );
  }

  private fail(res: Response, body: Uint8Array, what: string): never {
    throw errorForStatus(res, what, errorCode(body));
  }

  /** Checks that the bucket exists and the keys work (for "Connect"). */
  async check(): Promise<void> {
    const url = `${this.bucketUrl}?list-type=2&max-keys=1${this.keyPrefix ? `&prefix=${encodeURIComponent(this.keyPrefix)}` : ''}`;
    const what = 'Checking the bucket';
    const { res, body } = await this.call('GET', url, what);
    if (res.status === 404) throw new NotFoundError('The bucket does not exist', { status: 404 });
    if (res.status !== 200) this.fail(res, body, what);
  }

  async list(dir: string): Promise<RemoteEntry[]> {
    checkPath(dir, true);
    const what = `Listing '${dir || '/'}'`;
    const prefix = this.keyPrefix + (dir ? `${dir}/` : '');
    const entries: RemoteEntry[] = [];
    let token: string | undefined;
    do {
      const query = [
        'list-type=2',
        'delimiter=%2F',
        ...(prefix ? [`prefix=${encodeURIComponent(prefix)}`] : []),
        ...(token ? [`continuation-token=${encodeURIComponent(token)}`] : []),
      ].join('&');
      const { res, body } = await this.call('GET', `${this.bucketUrl}?${query}`, what);
      if (res.status !== 200) this.fail(res, body, what);
      const page = parseListObjects(new TextDecoder().decode(body), this.keyPrefix);
      entries.push(...page.entries);
      token = page.next;
    } while (token);
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async get(path: string): Promise<Uint8Array> {
    checkPath(path);
    const what = `Reading '${path}'`;
    const { res, body } = await this.call('GET', this.objectUrl(path), what);
    if (res.status !== 200) this.fail(res, body, what);
    return body;
  }

  async putImmutable(path: string, bytes: Uint8Array): Promise<void> {
    checkPath(path);
    const what = `Uploading '${path}'`;
    const head = await this.call('HEAD', this.objectUrl(path), what);
    if (head.res.status === 200)
      throw new AlreadyExistsError(`'${path}' already exists on the server`, { status: 200 });
    const { res, body } = await this.call('PUT', this.objectUrl(path), what, bytes, { 'if-none-match': '*' });
    if (res.status === 412)
      throw new AlreadyExistsError(`'${path}' already exists on the server`, { status: 412 });
    if (!res.ok) this.fail(res, body, what);
  }

  async putOwned(path: string, bytes: Uint8Array): Promise<void> {
    checkPath(path);
    const what = `Uploading '${path}'`;
    const { res, body } = await this.call('PUT', this.objectUrl(path), what, bytes);
    if (!res.ok) this.fail(res, body, what);
  }

  async delete(path: string): Promise<void> {
    checkPath(path);
    const what = `Deleting '${path}'`;
    const { res, body } = await this.call('DELETE', this.objectUrl(path), what);
    if (res.ok || res.status === 404) return;
    this.fail(res, body, what);
  }
}

export function s3Store(config: S3Config): S3Store {
  return new S3Store(config);
}
