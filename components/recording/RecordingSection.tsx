/**
 * The video view's recording section (issue 16, item 1): on a video that is the recording of a
 * talk the user noted live, offer to align it once (the video starts with the talk, or "this note
 * is now" at the current playback time), then show the live notes as markers on the video's
 * timeline and as links to their moments; a marker or a note's time seeks the video in its tab.
 */
import { useState } from 'preact/hooks';
import type { PageCapture } from '../../capture/types';
import { sendMessage } from '../../messaging/protocol';
import { gotoInTab } from '../../platform/goto';
import {
  alignRecording,
  liveNotesOf,
  momentUrl,
  noteMomentSec,
  talkOfRecording,
} from '../../storage/recordings';
import type { NoteRecord, TalkRecord } from '../../storage/types';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';

interface Props {
  capture: PageCapture;
  tabId?: number;
  notify: (t: ToastState) => void;
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function clockLabel(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

const short = (body: string) => (body.length > 80 ? `${body.slice(0, 79)}…` : body);

export function RecordingSection({ capture, tabId, notify }: Props) {
  const videoTitle = capture.talk?.title ?? capture.title;
  const found = useLive(async () => {
    const talk = await talkOfRecording({ url: capture.url, title: videoTitle });
    return talk ? { talk, notes: await liveNotesOf(talk.id) } : null;
  }, [capture.url, videoTitle]);
  if (found.status !== 'ready' || !found.value) return null;
  const { talk, notes } = found.value;
  const aligned = talk.recording && talk.recording.url === capture.url ? talk.recording : undefined;
  return (
    <section
      aria-label="Recording of your talk"
      class="flex flex-col gap-2 rounded-lg border border-line p-3"
    >
      <h2 class="text-sm font-semibold">Recording of “{talk.title}”</h2>
      {aligned ? (
        <Timeline
          talk={talk}
          notes={notes}
          recording={aligned}
          duration={capture.video?.duration}
          tabId={tabId}
          notify={notify}
        />
      ) : (
        <p class="text-sm text-muted">
          You took {notes.length} {notes.length === 1 ? 'note' : 'notes'} live during this talk. Align this
          video once and each note links to its moment in it.
        </p>
      )}
      <Align talk={talk} notes={notes} capture={capture} tabId={tabId} aligned={!!aligned} notify={notify} />
    </section>
  );
}

function Align({
  talk,
  notes,
  capture,
  tabId,
  aligned,
  notify,
}: {
  talk: TalkRecord;
  notes: NoteRecord[];
  capture: PageCapture;
  tabId?: number;
  aligned: boolean;
  notify: (t: ToastState) => void;
}) {
  const [noteId, setNoteId] = useState(notes[0]?.id ?? '');
  const [error, setError] = useState('');
  const align = async (startSec: number) => {
    setError('');
    try {
      await alignRecording(talk.id, capture.url, startSec);
      notify({ message: 'Recording aligned: your live notes link to their moments.' });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const thisNoteIsNow = async () => {
    const note = notes.find((n) => n.id === noteId);
    if (!note || tabId === undefined) return;
    // The playback time now, asked of the tab (the capture on screen may be seconds old).
    const fresh = await sendMessage('captureTab', { tabId }).catch(() => null);
    const now = fresh?.video?.currentTime;
    if (typeof now !== 'number') {
      setError('The video’s playback time could not be read.');
      return;
    }
    await align(now - (note.talkOffsetSec ?? 0));
  };
  const body = (
    <div class="flex flex-col gap-2">
      <button type="button" class="btn self-start" onClick={() => void align(0)}>
        The video starts with the talk
      </button>
      <p class="text-sm text-muted">Or play the video to the moment of one of your notes:</p>
      <div class="flex flex-wrap items-center gap-2">
        <select
          aria-label="Note to match"
          class="max-w-full rounded border border-line bg-surface px-2 py-1 text-sm"
          value={noteId}
          onChange={(e) => setNoteId((e.target as HTMLSelectElement).value)}
        >
          {notes.map((n) => (
            <option key={n.id} value={n.id}>
              {clockLabel(n.talkOffsetSec ?? 0)} into the talk — {short(n.body)}
            </option>
          ))}
        </select>
        <button type="button" class="btn" onClick={() => void thisNoteIsNow()} disabled={tabId === undefined}>
          This note is now
        </button>
      </div>
      {error && (
        <p role="alert" class="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
  return aligned ? (
    <details>
      <summary class="cursor-pointer text-sm">Align again</summary>
      {body}
    </details>
  ) : (
    body
  );
}

function Timeline({
  notes,
  recording,
  duration,
  tabId,
  notify,
}: {
  talk: TalkRecord;
  notes: NoteRecord[];
  recording: NonNullable<TalkRecord['recording']>;
  duration?: number;
  tabId?: number;
  notify: (t: ToastState) => void;
}) {
  const moments = notes.flatMap((note) => {
    const sec = noteMomentSec(note, recording);
    const href = sec === undefined ? undefined : momentUrl(recording.url, sec);
    return sec === undefined || !href ? [] : [{ note, sec, href }];
  });
  const last = Math.max(0, ...moments.map((m) => m.sec));
  const span = duration && duration > last ? duration : last + 60;
  const seek = async (sec: number) => {
    if (tabId === undefined) return;
    const moved = await gotoInTab(tabId, { time: sec });
    if (!moved) notify({ message: 'This video could not be moved; open the note’s link instead.' });
  };
  return (
    <>
      <fieldset
        aria-label="Your notes on the video’s timeline"
        class="relative m-0 h-6 rounded border-0 bg-surface-2 p-0"
        data-testid="recording-timeline"
      >
        {moments.map(({ note, sec }) => (
          <button
            key={note.id}
            type="button"
            class="absolute top-0 h-6 w-2 -translate-x-1/2 rounded bg-accent"
            style={{ left: `${Math.min(100, (sec / span) * 100)}%` }}
            aria-label={`Play from ${clockLabel(sec)}: ${short(note.body)}`}
            title={`${clockLabel(sec)} — ${short(note.body)}`}
            data-sec={sec}
            onClick={() => void seek(sec)}
          />
        ))}
      </fieldset>
      <ul class="flex flex-col gap-1" aria-label="Your notes in the recording">
        {moments.map(({ note, sec, href }) => (
          <li key={note.id} class="flex items-baseline gap-2 text-sm" data-testid="recording-note">
            <a
              href={href}
              target="_blank"
              rel="noopener noreferrer"
              class="font-mono tabular-nums"
              onClick={(e) => {
                // In the video's own tab, a click seeks; the link stays for copying and new tabs.
                if (tabId === undefined || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                void seek(sec);
              }}
            >
              {clockLabel(sec)}
            </a>
            <span>{note.body}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
