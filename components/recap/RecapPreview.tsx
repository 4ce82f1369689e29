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
import { useEffect, useMemo } from 'preact/hooks';
import { renderSafeHtml } from '../../recap/html';
import { useRemoteImages } from './remote-images';

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
  const rendered = useMemo(
    () => renderSafeHtml(markdown, window, { images: allowImages ? images.resolve : 'block', keepHtml }),
    [markdown, allowImages, images.version, keepHtml],
  );
  const remoteKey = rendered.remote.join('\n');
  useEffect(() => {
    if (allowImages) images.load(rendered.remote);
  }, [allowImages, remoteKey]);
  const refused = allowImages ? rendered.remote.filter(images.failed).length : 0;
  return (
    <div class="flex flex-col gap-2">
      {onAllowImages && rendered.remote.length > 0 && (
        <div class="flex flex-col gap-1 text-xs text-muted" data-testid="remote-images">
          <label class="flex items-center gap-2">
            <input
              type="checkbox"
              checked={allowImages}
              onChange={(e) => onAllowImages(e.currentTarget.checked)}
            />
            Show images from other sites in this post ({rendered.remote.length})
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
        data-testid="recap-preview"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in renderSafeHtml; the only raw HTML sink in the app.
        dangerouslySetInnerHTML={{ __html: rendered.html }}
      />
    </div>
  );
}
