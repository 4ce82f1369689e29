/**
 * Where the next note on a page will go, told before it is written (the popup's "→ talk" line):
 * the talk the filing plan picks and why, whether it is starred, how many notes it has, and the
 * other talks the user may pick instead. Reads only; the same plan `fileNote` writes.
 */
import type { PageCapture } from '../capture/types';
import { getDb } from './db';
import { planFiling } from './filing';
import { storedTalk, talkChoices } from './talks';

export interface Destination {
  /** The talk the note goes under; `id` is absent for a page's talk not stored yet. */
  talk?: { id?: string; title: string; via: 'page' | 'deck' | 'now'; starred: boolean; notes: number };
  /** Talks the user may file it under instead (starred first, then recently seen). */
  choices: { id: string; title: string }[];
}

/** Live notes filed under a talk. */
export function countNotesForTalk(talkId: string): Promise<number> {
  return getDb()
    .notes.where('talkId')
    .equals(talkId)
    .filter((n) => !n.deletedAt)
    .count();
}

export async function noteDestination(capture: PageCapture, now = Date.now()): Promise<Destination> {
  const [plan, talks] = await Promise.all([planFiling(capture, now), talkChoices(30)]);
  const choices = talks.map((t) => ({ id: t.id, title: t.title }));
  const choice = plan.talk;
  if (!choice || choice.via === 'chosen') return { choices };
  const record = choice.via === 'page' ? await storedTalk(choice.capture.talk, capture.url) : choice.record;
  const title = record?.title ?? (choice.via === 'page' ? choice.capture.talk.title : '');
  return {
    talk: {
      id: record?.id,
      title,
      via: choice.via,
      starred: Boolean(record?.starredAt),
      notes: record ? await countNotesForTalk(record.id) : 0,
    },
    choices,
  };
}
