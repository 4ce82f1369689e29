/**
 * Text with the words a search matched marked. Every piece is a text node inside `<mark>` or
 * plain: whatever the note or the page said, nothing is ever parsed as HTML.
 */
import { segmentText, snippet } from '../../storage/search/text';

interface Props {
  text: string;
  /** Normalised index terms that matched (from the search answer). */
  terms?: ReadonlySet<string>;
  /** Query words still being typed: words starting with them are marked too. */
  prefixes?: readonly string[];
  /** Show a window of about this many characters around the first match. */
  max?: number;
}

const NONE: ReadonlySet<string> = new Set();

export function Highlight({ text, terms = NONE, prefixes = [], max }: Props) {
  const shown = max === undefined ? text : snippet(text, terms, prefixes, max);
  if (!terms.size && !prefixes.length) return <>{shown}</>;
  return (
    <>
      {segmentText(shown, terms, prefixes).map((part, i) =>
        part.hit ? (
          <mark key={i} class="rounded-sm bg-tag px-0.5 text-tag-ink">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
