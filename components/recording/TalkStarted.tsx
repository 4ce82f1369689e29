/**
 * "Talk started" (issue 16, item 1): talks rarely start on the minute. Pressed on the talk's page,
 * it stores the talk if need be and notes taken from then on count their offset into the talk from
 * that moment (storage/recordings.ts), for the recording's links later.
 */
import { useState } from 'preact/hooks';
import type { PageCapture } from '../../capture/types';
import { liveNotesOf, markTalkStarted, STARTED_BY_HAND_MS } from '../../storage/recordings';
import { storedTalk, upsertTalk } from '../../storage/talks';
import { useLive } from '../shared/useLive';

export function TalkStarted({ capture }: { capture: PageCapture }) {
  const ref = capture.talk;
  const talk = useLive(
    async () => (ref ? ((await storedTalk(ref, capture.url)) ?? null) : null),
    [ref?.title, ref?.url, capture.url],
  );
  // The session page gained a video link and the talk has live notes not yet in a recording: say so.
  const live = useLive(
    async () => (talk.status === 'ready' && talk.value ? (await liveNotesOf(talk.value.id)).length : 0),
    [talk.status === 'ready' ? talk.value?.id : undefined],
  );
  const [error, setError] = useState('');
  if (!ref || talk.status !== 'ready') return null;
  const startedAt = talk.value?.startedAt;
  const running = typeof startedAt === 'number' && Date.now() - startedAt < STARTED_BY_HAND_MS;
  const press = async () => {
    setError('');
    try {
      const stored =
        talk.value ??
        (await upsertTalk({
          talk: { ...ref, url: ref.url ?? capture.url },
          event: capture.event,
          platform: capture.platform,
          pageUrl: capture.url,
        }));
      await markTalkStarted(stored.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="flex flex-wrap items-center gap-2 text-sm">
      <button type="button" class="btn btn-ghost" onClick={() => void press()}>
        {running ? 'Talk started again now' : 'Talk started'}
      </button>
      {running && (
        <span class="text-muted" data-testid="talk-started">
          Started at {new Date(startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}:
          your notes keep their moment in the talk.
        </span>
      )}
      {talk.value?.videoUrl && !talk.value.recording && live.status === 'ready' && live.value > 0 && (
        <a class="text-accent underline" href={talk.value.videoUrl} target="_blank" rel="noopener noreferrer">
          The recording is out: open it to link your {live.value} live {live.value === 1 ? 'note' : 'notes'}{' '}
          to their moments
        </a>
      )}
      {error && (
        <span role="alert" class="text-danger">
          {error}
        </span>
      )}
    </div>
  );
}
