/**
 * `s3rver` (npm, a fake S3 server) on 127.0.0.1, a free port, its own temporary folder and one bucket.
 * It checks the S3 wire format only: it accepts any signature and ignores conditional PUT
 * (research/sync.md §4), so tests against it claim nothing about authentication or create-once races.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** s3rver's built-in account. */
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Where s3rver keeps objects on disk. */
  dataDir: string;
  stop(): Promise<void>;
}

export async function startS3rver(bucket = 'talkmarks-test'): Promise<S3Server> {
  const dir = mkdtempSync(join(tmpdir(), 'talkmarks-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    dataDir: dir,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
