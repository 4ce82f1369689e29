/**
 * "Links mentioned" on the talk card (issue 16, item 4): the links the talk's notes carry and the
 * links the slides showed when those notes were written (SlideRef.links, kept in the note's anchor), each once,
 * tracking parameters removed, with the page's title where one is known (a Markdown link's text, the
 * title of a page a note was written on, a deck attached to the talk). Links are http(s) only.
 */
import { collectLinks, slideLinkSources } from '../../storage/links';
import type { DeckRecord, NoteRecord, TalkRecord } from '../../storage/types';

export function TalkMentions({
  talk,
  notes,
  decks = [],
}: {
  talk: TalkRecord;
  notes: readonly NoteRecord[];
  decks?: readonly DeckRecord[];
}) {
  const live = notes.filter((n) => !n.deletedAt);
  const links = collectLinks({
    notes: live,
    slides: slideLinkSources(live),
    titles: decks.map((d) => [d.url, d.title] as const),
    exclude: [talk.url, talk.slidesUrl, talk.videoUrl],
  });
  if (links.length === 0) return null;
  return (
    <details class="text-sm" data-testid="talk-mentions">
      <summary class="cursor-pointer text-muted">Links mentioned ({links.length})</summary>
      <ul class="mt-1 flex flex-col gap-0.5" aria-label="Links mentioned">
        {links.map((l) => (
          <li key={l.url} class="break-words">
            <a class="text-accent underline" href={l.url} target="_blank" rel="noopener noreferrer">
              {l.title || l.url.replace(/^https?:\/\//, '')}
            </a>
            {l.title && <span class="ml-1 text-xs text-muted">{new URL(l.url).hostname}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
