/**
 * A stored slide thumbnail (a blob in the database), shown as an image; nothing while it loads or
 * if it is gone. Live: a thumbnail that arrives later (synced from another device) appears by itself.
 */
import { useEffect, useState } from 'preact/hooks';
import { getImage } from '../../storage/blobs';
import { useLive } from './useLive';

interface Props {
  id: string;
  /** Describes the slide: the image is what the slide looked like when the note was written. */
  alt: string;
  class?: string;
}

export function Thumbnail({ id, alt, class: cls = '' }: Props) {
  const record = useLive(() => getImage(id).catch(() => undefined), [id]);
  const stored = record.status === 'ready' ? record.value : undefined;
  // A Blob (not `instanceof`: a blob read back through another realm's structured clone is one too).
  const data = stored?.data && typeof (stored.data as Blob).slice === 'function' ? stored.data : undefined;
  const [url, setUrl] = useState<string | null>(null);
  // A new object URL only when the image itself changes: the live query re-reads on any blob write.
  const version = data ? `${id}@${stored?.updatedAt ?? 0}` : '';
  useEffect(() => {
    if (!data) return;
    const made = URL.createObjectURL(data);
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [version]);
  if (!stored || !url) return null;
  return (
    <img
      src={url}
      alt={alt}
      width={stored.width}
      height={stored.height}
      loading="lazy"
      data-testid="slide-thumbnail"
      class={`h-auto w-24 shrink-0 rounded border border-line object-contain ${cls}`}
    />
  );
}
