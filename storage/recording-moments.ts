/**
 * The talk's clock and its recording, the pure part (issue 16, item 1): a live note's offset into
 * its talk, its moment in the aligned recording, the link to that moment, and whether a video is a
 * talk's recording. No database here: the recap model (and its worker) read these.
 * storage/recordings.ts reads and writes the records.
 */
import type { NoteRecord, TalkRecord } from './types';

/** A talk without a known end runs this long (the same 45 minutes as filing.ts's "Now" rule). */
export const ASSUMED_TALK_MS = 45 * 60_000;

/** "Talk started" counts for this long when the talk has no end of its own. */
export const STARTED_BY_HAND_MS = 3 * 60 * 60_000;

/**
 * Seconds from the talk's start to `now` when the talk is running then (whole seconds), else
 * undefined. The user's "Talk started" wins over the programme's start (talks start late); the
 * slot's end (else 45 minutes, or 3 hours after a press) closes it.
 */
export function liveOffsetSec(
  talk: Pick<TalkRecord, 'startsAt' | 'endsAt' | 'startedAt'>,
  now: number,
): number | undefined {
  const slotStart = talk.startsAt ? Date.parse(talk.startsAt) : Number.NaN;
  const slotEnd = talk.endsAt ? Date.parse(talk.endsAt) : Number.NaN;
  let start: number;
  let end: number;
  if (typeof talk.startedAt === 'number' && Number.isFinite(talk.startedAt)) {
    start = talk.startedAt;
    end = Number.isFinite(slotEnd) && slotEnd > start ? slotEnd : start + STARTED_BY_HAND_MS;
  } else if (Number.isFinite(slotStart)) {
    start = slotStart;
    end = Number.isFinite(slotEnd) && slotEnd > start ? slotEnd : start + ASSUMED_TALK_MS;
  } else {
    return undefined;
  }
  if (now < start || now >= end) return undefined;
  return Math.round((now - start) / 1000);
}

/** Where in its talk's recording a live note falls (seconds), or undefined when it has none. */
export function noteMomentSec(
  note: Pick<NoteRecord, 'talkOffsetSec'>,
  recording: TalkRecord['recording'] | undefined,
): number | undefined {
  if (!recording || typeof note.talkOffsetSec !== 'number' || !Number.isFinite(note.talkOffsetSec)) {
    return undefined;
  }
  const sec = Math.round(recording.startSec + note.talkOffsetSec);
  return sec >= 0 ? sec : undefined;
}

/**
 * A link to second `sec` of a recording: `t=123s` in a YouTube query, `#t=123s` for Vimeo, `start=`
 * for PeerTube's `/w/` and `/videos/watch/` pages, else a media fragment `#t=123`. Undefined when
 * `url` is not an http(s) URL.
 */
export function momentUrl(url: string, sec: number): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const s = Math.max(0, Math.round(sec));
  const host = u.hostname.replace(/^(www|m)\./, '');
  if (host === 'youtube.com' || host === 'youtube-nocookie.com' || host === 'youtu.be') {
    u.searchParams.set('t', `${s}s`);
    u.hash = '';
  } else if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    u.hash = `t=${s}s`;
  } else if (/^\/(w|videos\/watch)\//.test(u.pathname)) {
    u.searchParams.set('start', `${s}s`);
  } else {
    u.hash = `t=${s}`;
  }
  return u.toString();
}

const words = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
/** A video URL without what does not name the video: the hash, a start time, share and tracking parameters. */
function norm(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/^(t|start|feature|si|pp|utm_.*)$/.test(key)) u.searchParams.delete(key);
    }
    u.searchParams.sort();
    return `${u.origin.replace('://m.', '://www.')}${u.pathname.replace(/\/$/, '')}${u.search}`;
  } catch {
    return url;
  }
}

/**
 * Whether a video page (its canonical URL and title) is the recording of `talk`: the talk links
 * that video, or names it as its recording, or the video's title holds the talk's title whole.
 */
export function isRecordingOf(
  talk: Pick<TalkRecord, 'title' | 'videoUrl' | 'recording' | 'url'>,
  video: { url: string; title?: string },
): boolean {
  if (talk.url && norm(talk.url) === norm(video.url)) return false; // the video page's own talk
  if (talk.recording && norm(talk.recording.url) === norm(video.url)) return true;
  if (talk.videoUrl && norm(talk.videoUrl) === norm(video.url)) return true;
  const title = words(talk.title);
  return title.length >= 8 && !!video.title && ` ${words(video.title)} `.includes(` ${title} `);
}
