/** While a starred talk runs, notes from any page go under it: say so where the note is written. */
import type { TalkRecord } from '../../storage/types';

export function TalkNowBanner({ talk }: { talk: TalkRecord }) {
  return (
    <p class="rounded-md bg-tag px-3 py-2 text-sm text-tag-ink" data-testid="now-banner">
      Now: <strong>{talk.title}</strong>. Notes written here go under this talk too; you can move them
      afterwards.
    </p>
  );
}
