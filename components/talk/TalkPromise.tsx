/**
 * "Slides promised" on the talk card (issue 16, item 2): mark that the speaker will post the slides
 * later (optionally when: "Friday"), see that the promise is waiting, or that it was kept (the link).
 * A note saying "slides later" / "slides will be posted" makes the promise too (storage/promises.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { safeHttpUrl } from '../../capture/url';
import {
  checkEndsAt,
  DAILY_CHECKS_KEY,
  type DailyCheck,
  dailyChecks,
  requestDailyCheck,
  startDailyCheck,
  stopDailyCheck,
} from '../../platform/daily-check';
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
        <DailyCheckControl talk={talk} />
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

/** The daily check of this talk's session page (platform/daily-check.ts), while the promise waits. */
function useDailyCheck(talkId: string): DailyCheck | null | undefined {
  const [check, setCheck] = useState<DailyCheck | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const read = () =>
      void dailyChecks().then(
        (all) => live && setCheck(all.find((c) => c.talkId === talkId) ?? null),
        () => live && setCheck(null),
      );
    const changed = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && DAILY_CHECKS_KEY in changes) read();
    };
    read();
    browser.storage.onChanged.addListener(changed);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(changed);
    };
  }, [talkId]);
  return check;
}

function DailyCheckControl({ talk }: { talk: TalkRecord }) {
  const check = useDailyCheck(talk.id);
  const [note, setNote] = useState('');
  const page = safeHttpUrl(talk.url);
  if (!page || check === undefined) return null;
  if (check) {
    const until = new Date(checkEndsAt(check)).toLocaleDateString(undefined, {
      day: 'numeric',
      month: 'long',
    });
    return (
      <span class="flex flex-wrap items-center gap-2" data-testid="daily-check">
        <span class="text-xs text-muted">Its page is checked once a day until {until}.</span>
        <button type="button" class="btn btn-ghost text-xs" onClick={() => void stopDailyCheck(talk.id)}>
          Stop checking
        </button>
      </span>
    );
  }
  return (
    <span class="flex flex-wrap items-center gap-2">
      <button
        type="button"
        class="btn btn-ghost text-xs"
        title={`Once a day for 30 days, Talkmarks asks ${new URL(page).host} whether the talk's page links the slides`}
        onClick={() => {
          // The browser asks only during the click: the request goes first.
          void requestDailyCheck(page).then(async (granted) => {
            if (!granted) {
              setNote(`Not allowed to read ${new URL(page).host}: the slides are looked for when you visit.`);
              return;
            }
            setNote('');
            await startDailyCheck(talk.id, page).catch(() => setNote('The check could not be turned on.'));
          });
        }}
      >
        Check daily
      </button>
      {note && <span class="text-xs text-muted">{note}</span>}
    </span>
  );
}
