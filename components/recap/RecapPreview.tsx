/**
 * The rendered preview of a recap. This is the one place in the app that puts HTML into the page:
 * the HTML comes from `renderSafeHtml` (marked, then DOMPurify: only the elements Markdown makes,
 * no scripts, handlers, styles, forms, frames or media, links opened outside with no referrer),
 * never from a page or a note directly.
 *
 * It loads nothing from another site: an image that is not the recap's own thumbnail shows as a
 * link, until the user ticks "Show images from other sites" for this post; those are then fetched
 * without cookies or referrer and shown from local copies (components/recap/remote-images.ts).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { renderSafeHtml, type SafeHtml, stripFrontMatter } from '../../recap/html';
import { previewParts } from '../../recap/preview-parts';
import { useRemoteImages } from './remote-images';

/** About the first screenful of a post (and more): painted at once, the rest in later tasks. */
const FIRST_CHARS = 12_000;
/** What one later task renders, so typing stays answered while a very large day fills in. */
const SLICE_CHARS = 60_000;

/** Parts rendered before with images blocked (the usual case), by text: an edit re-renders one part. */
const rendered = new Map<string, SafeHtml>();
let renderedChars = 0;

/** Forgets the parts rendered (for a cold measure: a recap just chosen). */
export function clearPreviewCache(): void {
  rendered.clear();
  renderedChars = 0;
}

function renderPart(
  part: string,
  images: 'block' | ((src: string) => string | null),
  keepHtml: boolean,
): SafeHtml {
  if (images !== 'block' || keepHtml) return renderSafeHtml(part, window, { images, keepHtml });
  const hit = rendered.get(part);
  if (hit) return hit;
  const out = renderSafeHtml(part, window, { images });
  rendered.set(part, out);
  renderedChars += part.length;
  for (const [key] of rendered) {
    if (renderedChars <= 4_000_000) break;
    rendered.delete(key);
    renderedChars -= key.length;
  }
  return out;
}

/** How many parts to paint now: all that are rendered already, and new ones up to `budget` characters. */
function paintNow(parts: string[], from: number, budget: number, cached: (p: string) => boolean): number {
  let n = from;
  let chars = 0;
  while (n < parts.length && (chars < budget || cached(parts[n]!))) {
    if (!cached(parts[n]!)) chars += parts[n]!.length;
    n++;
  }
  return Math.max(n, Math.min(from + 1, parts.length));
}

interface Props {
  markdown: string;
  label?: string;
  /** The post's choice: show images from other sites (fetched) instead of links to them. */
  allowImages?: boolean;
  /** Offered when the post has images from other sites; absent: no toggle. */
  onAllowImages?: (allow: boolean) => void;
  /** The template was written on this device: its raw HTML is shown (sanitised), else as text. */
  keepHtml?: boolean;
}

export function RecapPreview({
  markdown,
  label = 'Preview',
  allowImages = false,
  onAllowImages,
  keepHtml = false,
}: Props) {
  const images = useRemoteImages();
  const policy = allowImages ? images.resolve : 'block';
  // The user's own template may open an HTML element in one part and close it in another: one part.
  const parts = useMemo(() => {
    const post = stripFrontMatter(markdown);
    return keepHtml ? [post] : previewParts(post);
  }, [markdown, keepHtml]);
  const cached = (p: string) => policy === 'block' && !keepHtml && rendered.has(p);
  // A very large day: the talks in view are painted at once, the rest in the tasks after.
  const [painted, setPainted] = useState({ parts, count: paintNow(parts, 0, FIRST_CHARS, cached) });
  const count = painted.parts === parts ? painted.count : paintNow(parts, 0, FIRST_CHARS, cached);
  if (painted.parts !== parts) setPainted({ parts, count });
  useEffect(() => {
    if (count >= parts.length) return;
    const timer = setTimeout(() => {
      setPainted((p) =>
        p.parts === parts ? { parts, count: paintNow(parts, p.count, SLICE_CHARS, cached) } : p,
      );
    }, 0);
    return () => clearTimeout(timer);
  }, [parts, count]);
  // Parts rendered with images allowed (or raw HTML kept) are remembered for this policy only, so
  // painting the rest of a large day does not render the first parts again.
  const local = useMemo(() => new Map<string, SafeHtml>(), [allowImages, images.version, keepHtml]);
  const html = useMemo(() => {
    // Each edit leaves one stale part behind: keep no more than twice the post's.
    if (local.size > 2 * parts.length) local.clear();
    return parts.slice(0, count).map((p) => {
      let h = local.get(p);
      if (!h) {
        h = renderPart(p, policy, keepHtml);
        if (policy !== 'block' || keepHtml) local.set(p, h);
      }
      return h;
    });
  }, [parts, count, local]);
  const remote = useMemo(() => [...new Set(html.flatMap((h) => h.remote))], [html]);
  const remoteKey = remote.join('\n');
  useEffect(() => {
    if (allowImages) images.load(remote);
  }, [allowImages, remoteKey]);
  const refused = allowImages ? remote.filter(images.failed).length : 0;
  return (
    <div class="flex flex-col gap-2">
      {onAllowImages && remote.length > 0 && (
        <div class="flex flex-col gap-1 text-xs text-muted" data-testid="remote-images">
          <label class="flex items-center gap-2">
            <input
              type="checkbox"
              checked={allowImages}
              onChange={(e) => onAllowImages(e.currentTarget.checked)}
            />
            Show images from other sites in this post ({remote.length})
          </label>
          <span>
            {allowImages
              ? `Fetched without cookies or referrer; Copy rich text includes them.${refused ? ` ${refused} could not be fetched (the site does not allow it).` : ''}`
              : 'Not loaded: showing them would tell those sites you opened this post. Links stand in for them here and in Copy rich text.'}
          </span>
        </div>
      )}
      <article
        class="recap-preview card max-w-none overflow-auto text-sm"
        aria-label={label}
        aria-busy={count < parts.length}
        data-testid="recap-preview"
        data-parts-painted={`${count}/${parts.length}`}
      >
        {html.map((h, i) => (
          <div
            key={i}
            class="contents"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in renderSafeHtml; the only raw HTML sink in the app.
            dangerouslySetInnerHTML={{ __html: h.html }}
          />
        ))}
      </article>
    </div>
  );
}
