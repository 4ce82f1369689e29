/** A stored slide thumbnail (a blob in the database), shown as an image; nothing while it loads or if it is gone. */
import { useEffect, useState } from 'preact/hooks';
import { getImage } from '../../storage/blobs';

interface Props {
  id: string;
  /** Describes the slide: the image is what the slide looked like when the note was written. */
  alt: string;
  class?: string;
}

export function Thumbnail({ id, alt, class: cls = '' }: Props) {
  const [src, setSrc] = useState<{ url: string; width: number; height: number } | null>(null);
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    void getImage(id)
      .then((record) => {
        if (!live || !record || !(record.data instanceof Blob)) return;
        url = URL.createObjectURL(record.data);
        setSrc({ url, width: record.width, height: record.height });
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  if (!src) return null;
  return (
    <img
      src={src.url}
      alt={alt}
      width={src.width}
      height={src.height}
      loading="lazy"
      data-testid="slide-thumbnail"
      class={`h-auto w-24 shrink-0 rounded border border-line object-contain ${cls}`}
    />
  );
}
