/** Blobs repository: slide thumbnails. */
import { getDb } from './db';
import { newId } from './ids';
import type { BlobRecord } from './types';

/** Stores an image and returns its id. */
export async function putImage(data: Blob, width: number, height: number): Promise<string> {
  const now = Date.now();
  const record: BlobRecord = {
    id: newId(now),
    createdAt: now,
    updatedAt: now,
    mime: data.type,
    data,
    width,
    height,
  };
  await getDb().blobs.add(record);
  return record.id;
}

/** Reads an image, or undefined when it is gone. */
export function getImage(id: string): Promise<BlobRecord | undefined> {
  return getDb().blobs.get(id);
}
