/** The decks linked to a talk (by either page linking the other, or by hand), as links. */
import { safeHttpUrl } from '../../capture/url';
import type { DeckRecord } from '../../storage/types';

export function TalkDecks({ decks }: { decks: readonly DeckRecord[] }) {
  const shown = decks.filter((d) => safeHttpUrl(d.url));
  if (shown.length === 0) return null;
  return (
    <ul class="flex flex-col gap-0.5 text-sm" aria-label="Decks of this talk" data-testid="talk-decks">
      {shown.map((d) => (
        <li key={d.id} class="truncate">
          <span class="text-muted">Deck: </span>
          <a
            class="text-accent underline"
            href={safeHttpUrl(d.url)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {d.title || d.url}
          </a>
          {d.slideCount ? <span class="text-muted"> · {d.slideCount} slides</span> : null}
        </li>
      ))}
    </ul>
  );
}
