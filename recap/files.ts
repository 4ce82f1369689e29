/** File names and zip archives for downloads (fflate: small, synchronous, no workers needed). */
import { strToU8, zipSync } from 'fflate';

/** "Red Hat Summit 2012: Wednesday" → "red-hat-summit-2012-wednesday". Never empty, never a path. */
export function slugify(text: string, fallback = 'recap'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}

export interface ZipEntry {
  path: string;
  data: Uint8Array | string;
}

/** A zip of the given files; later entries with a path already used get a numbered name. */
export function makeZip(entries: ZipEntry[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const e of entries) {
    let path = e.path;
    for (let n = 2; path in files; n++) path = e.path.replace(/(\.[^./]+)?$/, `-${n}$1`);
    files[path] = typeof e.data === 'string' ? strToU8(e.data) : e.data;
  }
  // Images are already compressed; text is tiny. Level 6 for text, store for images.
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([p, d]) => [
        p,
        [d, { level: /\.(png|jpe?g|webp|gif|avif)$/i.test(p) ? 0 : 6 }],
      ]),
    ),
    { mtime: new Date('2000-01-01T00:00:00Z') },
  );
}

/** The file extension of an image type. */
export function imageExtension(mime: string): string {
  return (
    {
      'image/jpeg': 'jpg',
      'image/png': 'png',
      'image/webp': 'webp',
      'image/gif': 'gif',
      'image/avif': 'avif',
    }[mime] ?? 'img'
  );
}

/** Where a thumbnail goes inside a recap zip. */
export function thumbnailPath(blobId: string, mime: string): string {
  return `images/${blobId}.${imageExtension(mime)}`;
}
