/** Blobs repository: slide thumbnails. */
import { getDb } from './db';
import { createRecord } from './records';
import type { BlobRecord } from './types';

/** Stores an image and returns its id. */
export async function putImage(data: Blob, width: number, height: number): Promise<string> {
  const record = await createRecord<BlobRecord>(getDb().blobs, { mime: data.type, data, width, height });
  return record.id;
}

/** Reads an image, or undefined when it is gone. */
export function getImage(id: string): Promise<BlobRecord | undefined> {
  return getDb().blobs.get(id);
}
