/**
 * The watchlist at work (issue 16, item 2): when the page in the side panel gives a slides link for a
 * talk whose slides were promised — its session page now links them, or a deck whose title matches
 * the talk's is open — the link is stored (storage/promises.ts, keepPromise) and the user is told:
 * a banner here, and a system notification when they turned on "Notify me when promised slides
 * appear" in the options, which asks for the optional `notifications` permission (platform/
 * slides-notice.ts); without it the banner is all.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PageCapture } from '../../capture/types';
import { safeHttpUrl } from '../../capture/url';
import { notifySlidesFound } from '../../platform/slides-notice';
import { deckMatchesTalk, keepPromise, promisedTalks } from '../../storage/promises';
import { storedTalk } from '../../storage/talks';
import type { TalkRecord } from '../../storage/types';

/** Finds and keeps the promise this capture answers; the talk whose promise was kept, if any. */
export async function keepPromiseFrom(capture: PageCapture): Promise<TalkRecord | undefined> {
  const sessionSlides = safeHttpUrl(capture.talk?.slidesUrl, capture.url);
  if (capture.talk && sessionSlides) {
    const stored = await storedTalk(capture.talk, capture.url);
    if (stored) return keepPromise(stored.id, sessionSlides);
  }
  const deckUrl = safeHttpUrl(capture.deck?.url ?? (capture.kind === 'slides' ? capture.url : undefined));
  const deckTitle = capture.deck?.title || capture.title;
  if (deckUrl && deckTitle && capture.kind === 'slides') {
    const waiting = await promisedTalks();
    const match = waiting.find((t) => deckMatchesTalk(deckTitle, t.title));
    if (match) return keepPromise(match.id, deckUrl);
  }
  return undefined;
}

export function PromiseWatch({ capture }: { capture: PageCapture }) {
  const [kept, setKept] = useState<TalkRecord | undefined>();
  const key = JSON.stringify([capture.url, capture.talk?.slidesUrl, capture.deck?.url, capture.deck?.title]);
  useEffect(() => {
    let live = true;
    void keepPromiseFrom(capture)
      .then((talk) => {
        if (!live || !talk) return;
        setKept(talk);
        void notifySlidesFound(talk);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  const slides = safeHttpUrl(kept?.slidesUrl);
  if (!kept || !slides) return null;
  return (
    <p role="status" class="card text-sm" data-testid="promise-banner">
      The slides promised for “{kept.title}” are online now:{' '}
      <a class="text-accent underline" href={slides} target="_blank" rel="noopener noreferrer">
        Slides
      </a>
    </p>
  );
}
