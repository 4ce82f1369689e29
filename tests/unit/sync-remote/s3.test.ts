/**
 * The S3 transport: its wire format against `s3rver` started here (the RemoteStore contract, but not
 * the create-once race: s3rver ignores `If-None-Match`), what it sends (signed headers, payload hash,
 * conditional PUT), its listing parser on hand-written ListObjectsV2 answers (pagination, folders),
 * and S3 error codes mapped to the typed errors.
 */
import { describe, expect, it } from 'vitest';
import { parseListObjects, s3Store } from '../../../sync/remote/s3';
import {
  ClockSkewError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from '../../../sync/remote/store';
import { serverFor } from '../../support/dav-servers';
import { startS3rver } from '../../support/s3rver';
import { describeStoreContract } from '../../support/store-contract';

const s3rver = serverFor(startS3rver);
let n = 0;

const storeFor = (prefix: string, extra: { fetch?: typeof fetch; accessKeyId?: string } = {}) => {
  const server = s3rver();
  return s3Store({
    endpoint: server.endpoint,
    region: server.region,
    bucket: server.bucket,
    accessKeyId: extra.accessKeyId ?? server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    prefix,
    ...(extra.fetch ? { fetch: extra.fetch } : {}),
  });
};

describeStoreContract('S3 (s3rver)', {
  fresh: async () => storeFor(`test-${++n}`),
  atomicCreateOnce: false,
  listsDeepFolders: false,
});

describe('S3 transport against s3rver', () => {
  it('signs every request with SigV4 over the real payload hash, and creates with If-None-Match: *', async () => {
    const server = s3rver();
    const seen: Array<{ method: string; url: string; headers: Headers }> = [];
    const spy: typeof fetch = (input, init) => {
      seen.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers) });
      return fetch(input, init);
    };
    const store = storeFor(`spy-${++n}`, { fetch: spy });
    await store.putImmutable('a/b.bin', new TextEncoder().encode('abc'));
    const put = seen.find((r) => r.method === 'PUT');
    expect(put?.url).toBe(`${server.endpoint}/${server.bucket}/spy-${n}/a/b.bin`);
    // sha256("abc"), from FIPS 180-2's example.
    expect(put?.headers.get('x-amz-content-sha256')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(put?.headers.get('if-none-match')).toBe('*');
    expect(put?.headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=host;if-none-match;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(seen.map((r) => r.method)).toEqual(['HEAD', 'PUT']);
  });

  it('an unknown access key is UnauthorizedError (s3rver checks the key id, not the signature)', async () => {
    const store = storeFor(`bad-${++n}`, { accessKeyId: 'NOT-A-KEY' });
    await expect(store.list('')).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('check() names a missing bucket NotFoundError', async () => {
    const server = s3rver();
    const store = s3Store({
      endpoint: server.endpoint,
      region: server.region,
      bucket: 'no-such-bucket',
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
    });
    await expect(store.check()).rejects.toBeInstanceOf(NotFoundError);
    await storeFor('x').check();
  });
});

describe('S3 error codes become typed errors', () => {
  const answering = (status: number, code: string, headers: Record<string, string> = {}) =>
    s3Store({
      endpoint: 'https://s3.example',
      region: 'eu-west-1',
      bucket: 'b-1',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      fetch: async () =>
        new Response(`<?xml version="1.0"?><Error><Code>${code}</Code><Message>m</Message></Error>`, {
          status,
          headers,
        }),
    });

  it('maps the codes whose meaning the status does not carry', async () => {
    await expect(answering(403, 'SignatureDoesNotMatch').get('x')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(answering(403, 'InvalidAccessKeyId').get('x')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(answering(403, 'AccessDenied').get('x')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(answering(403, 'RequestTimeTooSkewed').get('x')).rejects.toBeInstanceOf(ClockSkewError);
    const slow = await answering(503, 'SlowDown', { 'retry-after': '7' })
      .get('x')
      .catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(RateLimitedError);
    expect((slow as RateLimitedError).retryAfterSeconds).toBe(7);
    await expect(answering(404, 'NoSuchKey').get('x')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('parseListObjects (hand-written ListObjectsV2 answers)', () => {
  it('reads files and folders under the prefix, with the AWS namespace, and the continuation token', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>notes</Name><Prefix>me/talkmarks/</Prefix><KeyCount>3</KeyCount><MaxKeys>2</MaxKeys>
  <Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
  <Contents><Key>me/talkmarks/vault.json</Key><LastModified>2026-11-25T10:00:00.000Z</LastModified>
    <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>812</Size><StorageClass>STANDARD</StorageClass></Contents>
  <CommonPrefixes><Prefix>me/talkmarks/3f2a9c0e1b7d4a6f8e5c2b1a0d9f8e7c/</Prefix></CommonPrefixes>
</ListBucketResult>`;
    expect(parseListObjects(xml, 'me/')).toEqual({
      entries: [
        {
          path: 'talkmarks/vault.json',
          name: 'vault.json',
          dir: false,
          size: 812,
          etag: '"9b2cf535f27731c974343645a3985328"',
        },
        {
          path: 'talkmarks/3f2a9c0e1b7d4a6f8e5c2b1a0d9f8e7c',
          name: '3f2a9c0e1b7d4a6f8e5c2b1a0d9f8e7c',
          dir: true,
          size: 0,
        },
      ],
      next: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
    });
  });

  it('says there is no next page when IsTruncated is false', () => {
    const xml =
      '<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a.bin</Key><Size>1</Size></Contents></ListBucketResult>';
    expect(parseListObjects(xml, '')).toEqual({
      entries: [{ path: 'a.bin', name: 'a.bin', dir: false, size: 1 }],
      next: undefined,
    });
  });
});
