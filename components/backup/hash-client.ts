/**
 * The backup worker's side of the checksum thread (HashWorker.ts): the canonical text of the
 * records is encoded as UTF-8 straight into 1 MB buffers (no array per record), each handed over
 * (transferred, not copied) when full, so a 50,000-record file is a few hundred messages, not one
 * per record.
 */
import type { PieceHasher } from '../../storage/backup/read';

export type HashRequest = { type: 'bytes'; buffer: ArrayBuffer } | { type: 'end' };
export type HashReply = { type: 'hex'; hex: string };

const BUFFER = 1 << 20;

/**
 * Text encoded as UTF-8 straight into buffers of `size` bytes, each given to `send` when full (and
 * the last on `flush`): no array per piece of text. A character whose bytes do not fit in what is
 * left of a buffer starts the next one, so the buffers are the text's bytes in order, never split
 * inside a character's encoding by the encoder itself.
 */
export function utf8Buffers(size: number, send: (bytes: Uint8Array<ArrayBuffer>) => void) {
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(size);
  let used = 0;
  const flush = () => {
    if (!used) return;
    send(used === buffer.length ? buffer : buffer.slice(0, used));
    buffer = new Uint8Array(size);
    used = 0;
  };
  const add = (text: string) => {
    let rest = text;
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, buffer.subarray(used));
      used += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
      flush();
    }
  };
  return { add, flush };
}

/** A hasher computing in a worker of its own; `close` (or the digest) ends that worker. */
export function workerHasher(): PieceHasher {
  const worker = new Worker(new URL('./HashWorker.ts', import.meta.url), { type: 'module' });
  let failed: unknown;
  worker.addEventListener('error', (e) => {
    failed = e.message || 'the checksum worker failed';
  });
  const buffers = utf8Buffers(BUFFER, (bytes) =>
    worker.postMessage({ type: 'bytes', buffer: bytes.buffer } satisfies HashRequest, [bytes.buffer]),
  );
  return {
    updateText: buffers.add,
    hex() {
      buffers.flush();
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
