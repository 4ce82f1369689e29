/**
 * Images from other sites in a post, shown only once the user allows them for that post. The
 * extension pages' CSP (`img-src 'self' data: blob:`) keeps an `<img>` from ever reaching another
 * host, so an allowed image is fetched here — no cookies, no referrer, raster types only, 5 MB at
 * most — and shown from a `blob:` copy held by this page. A site that does not allow the fetch
 * (no CORS) keeps its link instead of the image.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

const MAX_BYTES = 5 * 1024 * 1024;
const RASTER = /^image\/(?:png|jpeg|gif|webp)$/;

type Entry = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed' };

async function fetchImage(src: string): Promise<string> {
  const res = await fetch(src, { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_BYTES) throw new Error('too large');
  const blob = await res.blob();
  const type = blob.type.split(';')[0]!.trim().toLowerCase();
  if (blob.size > MAX_BYTES || !RASTER.test(type)) throw new Error('not a raster image');
  return URL.createObjectURL(blob);
}

/**
 * Local copies of allowed images: `resolve(src)` gives a `blob:` URL once fetched (null before, or
 * when the site refused); `load(srcs)` fetches those not asked yet; `version` changes as they arrive.
 */
export function useRemoteImages() {
  const entries = useRef(new Map<string, Entry>());
  const [version, setVersion] = useState(0);
  useEffect(
    () => () => {
      for (const e of entries.current.values()) if (e.state === 'ready') URL.revokeObjectURL(e.url);
      entries.current.clear();
    },
    [],
  );
  const resolve = (src: string): string | null => {
    const e = entries.current.get(src);
    return e?.state === 'ready' ? e.url : null;
  };
  const load = (srcs: readonly string[]) => {
    for (const src of srcs) {
      if (entries.current.has(src)) continue;
      entries.current.set(src, { state: 'loading' });
      void fetchImage(src)
        .then((url) => entries.current.set(src, { state: 'ready', url }))
        .catch(() => entries.current.set(src, { state: 'failed' }))
        .finally(() => setVersion((v) => v + 1));
    }
  };
  const failed = (src: string) => entries.current.get(src)?.state === 'failed';
  return { resolve, load, failed, version };
}
