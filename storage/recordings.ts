/**
 * The talk's clock and its recording (issue 16, item 1). A note taken while its talk runs (the
 * talk's time slot holds the moment, or the user pressed "Talk started") keeps its offset into the
 * talk (`NoteRecord.talkOffsetSec`). When the talk's recording turns up, the user aligns it once
 * (`TalkRecord.recording.startSec`: the second of the video at which the talk starts; by default
 * 0) and every live note of the talk then has a moment in the recording: `startSec + offset`.
 */
import { getDb } from './db';
import { isRecordingOf } from './recording-moments';
import { updateRecord } from './records';
import type { NoteRecord, TalkRecord } from './types';

export {
  isRecordingOf,
  liveOffsetSec,
  momentUrl,
  noteMomentSec,
  STARTED_BY_HAND_MS,
} from './recording-moments';

/** The talk with live notes whose recording this video is (the most recently noted first). */
export async function talkOfRecording(video: {
  url: string;
  title?: string;
}): Promise<TalkRecord | undefined> {
  const db = getDb();
  const candidates = await db.talks.filter((t) => !t.deletedAt && isRecordingOf(t, video)).toArray();
  let best: { talk: TalkRecord; last: number } | undefined;
  for (const talk of candidates) {
    const live = await liveNotesOf(talk.id);
    if (live.length === 0) continue;
    const last = Math.max(...live.map((n) => n.createdAt));
    if (!best || last > best.last) best = { talk, last };
  }
  return best?.talk;
}

/** A talk's notes taken live (with an offset), in the order they were taken. */
export async function liveNotesOf(talkId: string): Promise<NoteRecord[]> {
  const notes = await getDb()
    .notes.where('talkId')
    .equals(talkId)
    .filter((n) => !n.deletedAt && typeof n.talkOffsetSec === 'number')
    .toArray();
  return notes.sort((a, b) => (a.talkOffsetSec ?? 0) - (b.talkOffsetSec ?? 0) || a.createdAt - b.createdAt);
}

/** Records `url` as the talk's recording, the talk starting at second `startSec` of it. */
export async function alignRecording(talkId: string, url: string, startSec: number): Promise<TalkRecord> {
  if (!Number.isFinite(startSec)) throw new Error('The start of the talk in the video is not a number.');
  const talk = await updateRecord(getDb().talks, talkId, (old) => ({
    ...old,
    recording: { url, startSec: Math.round(startSec * 10) / 10, alignedAt: Date.now() },
  }));
  if (!talk) throw new Error('That talk no longer exists.');
  return talk;
}

/** Forgets a talk's recording (to align it again). */
export async function forgetRecording(talkId: string): Promise<void> {
  await updateRecord(getDb().talks, talkId, (old) => {
    const { recording: _gone, ...rest } = old;
    return rest as TalkRecord;
  });
}

/** "Talk started": live notes from now on count from `now`. */
export async function markTalkStarted(talkId: string, now = Date.now()): Promise<void> {
  await updateRecord(getDb().talks, talkId, (old) => ({ ...old, startedAt: now }));
}
