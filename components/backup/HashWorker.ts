/**
 * The backup checksum's thread: the backup worker sends the canonical bytes of the file as it
 * reads them (storage/backup/read.ts), and this worker hashes them meanwhile, so SHA-256 (a third
 * of the check's time in one thread) runs beside parsing and checking on another core.
 */
import { Sha256 } from '../../storage/backup/sha256';
import type { HashReply, HashRequest } from './hash-client';

const hash = new Sha256();

self.addEventListener('message', (e: MessageEvent<HashRequest>) => {
  if (e.data.type === 'bytes') hash.update(new Uint8Array(e.data.buffer));
  else (self as unknown as Worker).postMessage({ type: 'hex', hex: hash.hex() } satisfies HashReply);
});
