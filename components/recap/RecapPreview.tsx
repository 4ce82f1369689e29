/**
 * The rendered preview of a recap. This is the one place in the app that puts HTML into the page:
 * the HTML comes from `markdownToSafeHtml` (marked, then DOMPurify: no scripts, no event handlers,
 * no styles, no forms or frames, links opened outside with no referrer), never from a page or a
 * note directly.
 */
import { useMemo } from 'preact/hooks';
import { markdownToSafeHtml } from '../../recap/html';

export function RecapPreview({ markdown, label = 'Preview' }: { markdown: string; label?: string }) {
  const html = useMemo(() => markdownToSafeHtml(markdown, window), [markdown]);
  return (
    <article
      class="recap-preview card max-w-none overflow-auto text-sm"
      aria-label={label}
      data-testid="recap-preview"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in markdownToSafeHtml; the only raw HTML sink in the app.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
