// @vitest-environment jsdom
/** A thumbnail that is not stored yet appears by itself when it arrives (a sync brings it later). */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Thumbnail } from '../../../components/shared/Thumbnail';
import { getDb } from '../../../storage/db';

// jsdom's Blob does not survive fake-indexeddb's structured clone (it comes back a plain object), so
// the stored record is read for real — which is what the live query follows — and its bytes are
// handed back as a Blob, as a browser's IndexedDB does.
vi.mock('../../../storage/blobs', async () => {
  const { getDb: db } = await import('../../../storage/db');
  return {
    getImage: async (id: string) => {
      const r = await db().blobs.get(id);
      return r && { ...r, data: new Blob([new Uint8Array([137, 80, 78, 71])], { type: r.mime }) };
    },
  };
});

afterEach(cleanup);

describe('Thumbnail', () => {
  it('shows nothing until the image is stored, then shows it without a reload', async () => {
    const created: string[] = [];
    URL.createObjectURL = (b: Blob | MediaSource) => {
      created.push(`blob:test/${created.length}`);
      expect(b).toBeInstanceOf(Blob);
      return created.at(-1)!;
    };
    URL.revokeObjectURL = () => undefined;
    render(<Thumbnail id="01BLOB0000000000000000000A" alt="Slide 3" />);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('img')).toBeNull();
    await getDb().blobs.put({
      id: '01BLOB0000000000000000000A',
      createdAt: 1,
      updatedAt: 1,
      mime: 'image/png',
      data: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
      width: 480,
      height: 270,
    });
    const img = await screen.findByRole('img', { name: 'Slide 3' });
    expect(img.getAttribute('src')).toBe('blob:test/0');
    expect(img.getAttribute('width')).toBe('480');
  });
});
