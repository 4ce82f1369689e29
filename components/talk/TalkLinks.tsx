/** Slides and recording links of a talk. Only http(s) links are ever rendered (checked again here). */
import { safeHttpUrl } from '../../capture/url';

export function TalkLinks({
  slidesUrl,
  videoUrl,
  url,
}: {
  slidesUrl?: string;
  videoUrl?: string;
  url?: string;
}) {
  const links = [
    { label: 'Session page', href: safeHttpUrl(url) },
    { label: 'Slides', href: safeHttpUrl(slidesUrl) },
    { label: 'Video', href: safeHttpUrl(videoUrl) },
  ].filter((l): l is { label: string; href: string } => !!l.href);
  if (links.length === 0) return null;
  return (
    <ul class="flex flex-wrap gap-x-3 gap-y-1 text-sm" aria-label="Talk links">
      {links.map((l) => (
        <li key={l.label}>
          <a class="text-accent underline" href={l.href} target="_blank" rel="noopener noreferrer">
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
