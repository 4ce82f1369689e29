/**
 * A note and its slide image are written in one transaction (issue 14, item 8): a note that cannot
 * be written leaves no image behind, and one that is written has its image.
 */
import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { getDb } from '../../../storage/db';
import { fileNoteDetailed } from '../../../storage/file-note';

const JPEG = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' });
const capture: PageCapture = {
  url: 'https://speakerdeck.com/ada/kernels',
  title: 'Kernels',
  platform: 'speakerdeck',
  slide: { index: 3, label: '4' },
  deck: { url: 'https://speakerdeck.com/ada/kernels', title: 'Kernels' },
} as PageCapture;

describe('a note with its slide image', () => {
  it('stores both, the note pointing at the image', async () => {
    const { note } = await fileNoteDetailed('Ring buffers everywhere', capture, {
      thumbnail: async () => ({ data: JPEG, width: 3, height: 2 }),
    });
    const blobs = await getDb().blobs.toArray();
    expect(blobs).toHaveLength(1);
    expect(note.thumbnailId).toBe(blobs[0]!.id);
    expect(blobs[0]).toMatchObject({ mime: 'image/jpeg', width: 3, height: 2 });
  });

  it('stores neither when the note cannot be written (a full disk)', async () => {
    const db = getDb();
    const fail = () => {
      throw new DOMException('The disk is full', 'QuotaExceededError');
    };
    db.notes.hook('creating', fail);
    try {
      await expect(
        fileNoteDetailed('Ring buffers everywhere', capture, {
          thumbnail: async () => ({ data: JPEG, width: 3, height: 2 }),
        }),
      ).rejects.toThrow(/disk is full/);
    } finally {
      db.notes.hook('creating').unsubscribe(fail);
    }
    expect(await db.blobs.count()).toBe(0);
    expect(await db.notes.count()).toBe(0);
  });
});
