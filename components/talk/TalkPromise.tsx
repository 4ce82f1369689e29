/**
 * "Slides promised" on the talk card (issue 16, item 2): mark that the speaker will post the slides
 * later (optionally when: "Friday"), see that the promise is waiting, or that it was kept (the link).
 * A note saying "slides later" / "slides will be posted" makes the promise too (storage/promises.ts).
 */
import { useState } from 'preact/hooks';
import { safeHttpUrl } from '../../capture/url';
import { markSlidesPromised, slidesPromiseOf } from '../../storage/promises';
import type { NoteRecord, TalkRecord } from '../../storage/types';

export function TalkPromise({ talk, notes }: { talk: TalkRecord; notes: readonly NoteRecord[] }) {
  const [asking, setAsking] = useState(false);
  const [by, setBy] = useState('');
  const [error, setError] = useState('');
  const promise = slidesPromiseOf(talk, notes);
  const slides = safeHttpUrl(talk.slidesUrl);
  const run = (p: Promise<void>) =>
    p.then(
      () => setError(''),
      (e) => setError(e instanceof Error ? e.message : 'The talk could not be changed.'),
    );

  if (promise?.kept && slides) {
    return talk.slidesPromise?.fulfilledAt ? (
      <p class="text-sm" data-testid="promise-kept">
        Promised slides are here:{' '}
        <a class="text-accent underline" href={slides} target="_blank" rel="noopener noreferrer">
          Slides
        </a>
      </p>
    ) : null;
  }
  if (promise) {
    return (
      <div class="flex flex-wrap items-center gap-2 text-sm" data-testid="promise-pending">
        <span>Slides promised{promise.by ? ` for ${promise.by}` : ''}: watching for them.</span>
        {talk.slidesPromise && (
          <button
            type="button"
            class="btn btn-ghost text-xs"
            onClick={() => void run(markSlidesPromised(talk.id, null))}
          >
            Not promised
          </button>
        )}
        {error && (
          <span role="alert" class="text-danger">
            {error}
          </span>
        )}
      </div>
    );
  }
  if (slides) return null;
  if (!asking) {
    return (
      <div class="flex justify-start">
        <button type="button" class="btn btn-ghost text-xs" onClick={() => setAsking(true)}>
          Slides promised…
        </button>
      </div>
    );
  }
  return (
    <form
      class="flex flex-wrap items-end gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void run(markSlidesPromised(talk.id, by)).then(() => setAsking(false));
      }}
    >
      <label class="flex flex-col gap-1">
        Slides expected by (optional)
        <input
          class="field"
          value={by}
          placeholder="Friday"
          maxLength={200}
          onInput={(e) => setBy(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="btn btn-primary">
        Mark slides promised
      </button>
      <button type="button" class="btn" onClick={() => setAsking(false)}>
        Cancel
      </button>
      {error && (
        <p role="alert" class="text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
