/**
 * The backup worker's side of the checksum thread (HashWorker.ts): pieces are gathered into
 * 1 MB buffers, each handed over (transferred, not copied) when full, so a 50,000-record file is a
 * few hundred messages, not one per record.
 */
import type { PieceHasher } from '../../storage/backup/read';

export type HashRequest = { type: 'bytes'; buffer: ArrayBuffer } | { type: 'end' };
export type HashReply = { type: 'hex'; hex: string };

const BUFFER = 1 << 20;

/** A hasher computing in a worker of its own; `close` (or the digest) ends that worker. */
export function workerHasher(): PieceHasher {
  const worker = new Worker(new URL('./HashWorker.ts', import.meta.url), { type: 'module' });
  let failed: unknown;
  worker.addEventListener('error', (e) => {
    failed = e.message || 'the checksum worker failed';
  });
  let buffer = new Uint8Array(BUFFER);
  let used = 0;
  const flush = () => {
    if (!used) return;
    const full = used === buffer.length ? buffer : buffer.slice(0, used);
    worker.postMessage({ type: 'bytes', buffer: full.buffer } satisfies HashRequest, [full.buffer]);
    buffer = new Uint8Array(BUFFER);
    used = 0;
  };
  return {
    update(bytes) {
      let at = 0;
      while (at < bytes.length) {
        const take = Math.min(buffer.length - used, bytes.length - at);
        buffer.set(bytes.subarray(at, at + take), used);
        used += take;
        at += take;
        if (used === buffer.length) flush();
      }
    },
    hex() {
      flush();
      return new Promise<string>((resolve, reject) => {
        if (failed) reject(new Error(String(failed)));
        worker.addEventListener('message', (e: MessageEvent<HashReply>) => resolve(e.data.hex));
        worker.addEventListener('error', (e) => reject(new Error(e.message || 'the checksum worker failed')));
        worker.postMessage({ type: 'end' } satisfies HashRequest);
      });
    },
    close: () => worker.terminate(),
  };
}
