/** Bulk writes of whole libraries made elsewhere (end-to-end tests and benchmarks seed with it). */
import { getDb } from './db';
import { insertRecords } from './records';
import type { EventRecord, NoteRecord, TalkRecord } from './types';

/** Adds new events and talks in one transaction, then notes in transactions of `chunk`. */
export async function addLibrary(
  data: { events: EventRecord[]; talks: TalkRecord[]; notes: NoteRecord[] },
  chunk = 2000,
): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.events, db.talks, async () => {
    await insertRecords(db.events, data.events);
    await insertRecords(db.talks, data.talks);
  });
  for (let i = 0; i < data.notes.length; i += chunk) {
    await insertRecords(db.notes, data.notes.slice(i, i + chunk));
  }
}
