/**
 * The write hook sees every mutation: each repository write of each table reaches a registered
 * sink as exactly the records written here by hand (op, key, value, changed fields).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyImport, prepareImport } from '../../../storage/backup';
import { serializeBackup } from '../../../storage/backup/format';
import { putImage } from '../../../storage/blobs';
import { addLibrary } from '../../../storage/bulk';
import { type ChangeRecord, onChange } from '../../../storage/changes';
import { getDb } from '../../../storage/db';
import { ensureDeck, linkDeckToTalk } from '../../../storage/decks';
import { editEvent, upsertEvent } from '../../../storage/events';
import { createNote, restoreNote, trashNote, updateNote } from '../../../storage/notes';
import { createRecap, trashRecap, updateRecap } from '../../../storage/recaps';
import { renameTag } from '../../../storage/tag-admin';
import { editTalk, setStarred, upsertTalk } from '../../../storage/talks';
import { createTemplate, trashTemplate, updateTemplate } from '../../../storage/templates';
import { deleteForever, restoreRecords, trashRecords } from '../../../storage/trash';
import type { NoteRecord, TalkRecord } from '../../../storage/types';

const T0 = 1_700_000_000_000;
const T1 = T0 + 60_000;
const T2 = T0 + 120_000;
const T3 = T0 + 180_000;

let seen: ChangeRecord[] = [];
let stop: () => void = () => undefined;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  seen = [];
  stop = onChange((changes) => seen.push(...changes));
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

/** The records seen since the last call. */
function take(): ChangeRecord[] {
  const out = seen;
  seen = [];
  return out;
}

/** At `time`, runs `write` and returns the change records it produced. */
async function at(time: number, write: () => Promise<unknown>): Promise<ChangeRecord[]> {
  vi.setSystemTime(time);
  take();
  await write();
  return take();
}

describe('write hook: create / update / soft-delete / restore of every table', () => {
  it('events', async () => {
    const created = await at(T0, () => upsertEvent({ name: 'FOSDEM', url: 'https://fosdem.org/2024/' }));
    const id = created[0]?.key ?? '';
    const base = { id, createdAt: T0, name: 'FOSDEM', url: 'https://fosdem.org/2024/' };
    expect(created).toEqual([{ table: 'events', op: 'create', key: id, value: { ...base, updatedAt: T0 } }]);
    const edited = { ...base, location: 'Brussels', editedFields: ['location'] };
    expect(await at(T1, () => editEvent(id, { location: 'Brussels' }))).toEqual([
      {
        table: 'events',
        op: 'update',
        key: id,
        value: { ...edited, updatedAt: T1 },
        fields: ['editedFields', 'location', 'updatedAt'],
      },
    ]);
    expect(await at(T2, () => trashRecords('events', [id]))).toEqual([
      {
        table: 'events',
        op: 'update',
        key: id,
        value: { ...edited, updatedAt: T2, deletedAt: T2 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    expect(await at(T3, () => restoreRecords('events', [id]))).toEqual([
      {
        table: 'events',
        op: 'update',
        key: id,
        value: { ...edited, updatedAt: T3 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    // A capture that tells nothing new writes nothing.
    expect(await at(T3 + 1, () => upsertEvent({ name: 'FOSDEM', url: 'https://fosdem.org/2024/' }))).toEqual(
      [],
    );
  });

  it('talks (with the event a capture names, in the same write)', async () => {
    const created = await at(T0, () =>
      upsertTalk({
        talk: { title: 'Gluster at scale', speakers: [{ name: 'Ann' }], url: 'https://conf.example/t/1' },
        event: { name: 'Conf' },
        platform: 'pretalx',
        pageUrl: 'https://conf.example/t/1',
      }),
    );
    const eventId = created[0]?.key ?? '';
    const id = created[1]?.key ?? '';
    const base = {
      id,
      createdAt: T0,
      title: 'Gluster at scale',
      speakers: [{ name: 'Ann' }],
      url: 'https://conf.example/t/1',
      eventId,
      tags: [],
      source: { platform: 'pretalx', url: 'https://conf.example/t/1', capturedAt: T0 },
    };
    expect(created).toEqual([
      {
        table: 'events',
        op: 'create',
        key: eventId,
        value: { id: eventId, createdAt: T0, updatedAt: T0, name: 'Conf' },
      },
      { table: 'talks', op: 'create', key: id, value: { ...base, updatedAt: T0 } },
    ]);
    const edited = { ...base, room: 'K.1.105', editedFields: ['room'] };
    expect(await at(T1, () => editTalk(id, { room: 'K.1.105' }))).toEqual([
      {
        table: 'talks',
        op: 'update',
        key: id,
        value: { ...edited, updatedAt: T1 },
        fields: ['editedFields', 'room', 'updatedAt'],
      },
    ]);
    expect(await at(T1 + 1, () => setStarred(id, true))).toEqual([
      {
        table: 'talks',
        op: 'update',
        key: id,
        value: { ...edited, starredAt: T1 + 1, updatedAt: T1 + 1 },
        fields: ['starredAt', 'updatedAt'],
      },
    ]);
    const starred = { ...edited, starredAt: T1 + 1 };
    expect(await at(T2, () => trashRecords('talks', [id]))).toEqual([
      {
        table: 'talks',
        op: 'update',
        key: id,
        value: { ...starred, updatedAt: T2, deletedAt: T2 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    expect(await at(T3, () => restoreRecords('talks', [id]))).toEqual([
      {
        table: 'talks',
        op: 'update',
        key: id,
        value: { ...starred, updatedAt: T3 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
  });

  it('decks', async () => {
    const created = await at(T0, () =>
      ensureDeck({ url: 'https://speakerdeck.com/ann/gluster', title: 'Gluster' }, 'speakerdeck'),
    );
    const id = created[0]?.key ?? '';
    const base = {
      id,
      createdAt: T0,
      url: 'https://speakerdeck.com/ann/gluster',
      title: 'Gluster',
      platform: 'speakerdeck',
    };
    expect(created).toEqual([{ table: 'decks', op: 'create', key: id, value: { ...base, updatedAt: T0 } }]);
    expect(await at(T1, () => linkDeckToTalk(id, 'talk-1'))).toEqual([
      {
        table: 'decks',
        op: 'update',
        key: id,
        value: { ...base, talkId: 'talk-1', updatedAt: T1 },
        fields: ['talkId', 'updatedAt'],
      },
    ]);
    expect(await at(T2, () => trashRecords('decks', [id]))).toEqual([
      {
        table: 'decks',
        op: 'update',
        key: id,
        value: { ...base, talkId: 'talk-1', updatedAt: T2, deletedAt: T2 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    expect(await at(T3, () => restoreRecords('decks', [id]))).toEqual([
      {
        table: 'decks',
        op: 'update',
        key: id,
        value: { ...base, talkId: 'talk-1', updatedAt: T3 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
  });

  it('notes, and a delete for good with its thumbnail', async () => {
    const url = 'https://conf.example/t/1';
    const created = await at(T0, () => createNote({ body: 'Replicate #Gluster', url, kind: 'note' }));
    const id = created[0]?.key ?? '';
    const base = { id, createdAt: T0, url, tags: ['gluster'], kind: 'note' };
    expect(created).toEqual([
      {
        table: 'notes',
        op: 'create',
        key: id,
        value: { ...base, body: 'Replicate #Gluster', updatedAt: T0 },
      },
    ]);
    const body = 'Replicate less #Gluster';
    expect(await at(T1, () => updateNote(id, { body }))).toEqual([
      {
        table: 'notes',
        op: 'update',
        key: id,
        value: { ...base, body, updatedAt: T1 },
        fields: ['body', 'updatedAt'],
      },
    ]);
    expect(await at(T2, () => trashNote(id))).toEqual([
      {
        table: 'notes',
        op: 'update',
        key: id,
        value: { ...base, body, updatedAt: T2, deletedAt: T2 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    expect(await at(T3, () => restoreNote(id))).toEqual([
      {
        table: 'notes',
        op: 'update',
        key: id,
        value: { ...base, body, updatedAt: T3 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    // Trashed with a thumbnail, then deleted for good: both records go.
    const thumb = await putImage(new Blob(['png'], { type: 'image/png' }), 4, 3);
    const withThumb = await createNote({ body: 'Slide', url, kind: 'note', thumbnailId: thumb });
    await trashNote(withThumb.id);
    expect(await at(T3 + 10, () => deleteForever([withThumb.id]))).toEqual([
      { table: 'notes', op: 'delete', key: withThumb.id },
      { table: 'blobs', op: 'delete', key: thumb },
    ]);
  });

  it('blobs', async () => {
    const data = new Blob(['png'], { type: 'image/png' });
    const created = await at(T0, () => putImage(data, 4, 3));
    const id = created[0]?.key ?? '';
    const base = { id, createdAt: T0, mime: 'image/png', width: 4, height: 3 };
    expect(created).toEqual([
      { table: 'blobs', op: 'create', key: id, value: { ...base, data: expect.any(Blob), updatedAt: T0 } },
    ]);
    expect(await at(T2, () => trashRecords('blobs', [id]))).toEqual([
      {
        table: 'blobs',
        op: 'update',
        key: id,
        value: { ...base, data: expect.any(Blob), updatedAt: T2, deletedAt: T2 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    expect(await at(T3, () => restoreRecords('blobs', [id]))).toEqual([
      {
        table: 'blobs',
        op: 'update',
        key: id,
        value: { ...base, data: expect.any(Blob), updatedAt: T3 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
  });

  it('recaps', async () => {
    const created = await at(T0, () => createRecap({ title: 'Day 1', talkIds: ['t1'], templateId: 'day' }));
    const id = created[0]?.key ?? '';
    const base = { id, createdAt: T0, talkIds: ['t1'], templateId: 'day' };
    expect(created).toEqual([
      { table: 'recaps', op: 'create', key: id, value: { ...base, title: 'Day 1', updatedAt: T0 } },
    ]);
    expect(await at(T1, () => updateRecap(id, { title: 'Day one' }))).toEqual([
      {
        table: 'recaps',
        op: 'update',
        key: id,
        value: { ...base, title: 'Day one', updatedAt: T1 },
        fields: ['title', 'updatedAt'],
      },
    ]);
    expect(await at(T2, () => trashRecap(id))).toEqual([
      {
        table: 'recaps',
        op: 'update',
        key: id,
        value: { ...base, title: 'Day one', updatedAt: T2, deletedAt: T2 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    expect(await at(T3, () => restoreRecords('recaps', [id]))).toEqual([
      {
        table: 'recaps',
        op: 'update',
        key: id,
        value: { ...base, title: 'Day one', updatedAt: T3 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
  });

  it('templates', async () => {
    const source = '# {{ recap.title }}';
    const created = await at(T0, () => createTemplate('Short', source));
    const id = created[0]?.key ?? '';
    const base = { id, createdAt: T0, source, builtin: false };
    expect(created).toEqual([
      { table: 'templates', op: 'create', key: id, value: { ...base, name: 'Short', updatedAt: T0 } },
    ]);
    expect(await at(T1, () => updateTemplate(id, { name: 'Shorter' }))).toEqual([
      {
        table: 'templates',
        op: 'update',
        key: id,
        value: { ...base, name: 'Shorter', updatedAt: T1 },
        fields: ['name', 'updatedAt'],
      },
    ]);
    expect(await at(T2, () => trashTemplate(id))).toEqual([
      {
        table: 'templates',
        op: 'update',
        key: id,
        value: { ...base, name: 'Shorter', updatedAt: T2, deletedAt: T2 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
    expect(await at(T3, () => restoreRecords('templates', [id]))).toEqual([
      {
        table: 'templates',
        op: 'update',
        key: id,
        value: { ...base, name: 'Shorter', updatedAt: T3 },
        fields: ['deletedAt', 'updatedAt'],
      },
    ]);
  });
});

const note = (id: string, body: string, tags: string[], updatedAt: number): NoteRecord => ({
  id,
  createdAt: 10,
  updatedAt,
  url: 'https://conf.example/t/1',
  body,
  tags,
  kind: 'note',
});

const talk = (id: string, tags: string[]): TalkRecord => ({
  id,
  createdAt: 10,
  updatedAt: 10,
  title: 'A talk',
  speakers: [],
  tags,
  source: { platform: 'test', url: 'https://conf.example/t/1', capturedAt: 10 },
});

describe('write hook: bulk writes', () => {
  it('a backup import reports what it creates and updates, and nothing for older copies', async () => {
    await addLibrary({
      events: [],
      talks: [],
      notes: [note('N1', 'Old text', [], 100), note('N2', 'Ours is newer', [], 500)],
    });
    const text = await serializeBackup(
      {
        events: [{ id: 'E1', createdAt: 10, updatedAt: 20, name: 'Conf' }],
        talks: [],
        decks: [],
        blobs: [],
        notes: [
          { ...note('N1', 'New text', [], 200) },
          { ...note('N2', 'File is older', [], 300) },
          { ...note('N3', 'Brand new', [], 300) },
        ],
        recaps: [],
        templates: [],
      },
      'test',
    );
    const prepared = await prepareImport(text);
    if (!prepared.ok) throw new Error(prepared.error);
    expect(await at(T1, () => applyImport(prepared.plan))).toEqual([
      {
        table: 'events',
        op: 'create',
        key: 'E1',
        value: { id: 'E1', createdAt: 10, updatedAt: 20, name: 'Conf' },
      },
      {
        table: 'notes',
        op: 'update',
        key: 'N1',
        value: note('N1', 'New text', [], 200),
        fields: ['body', 'updatedAt'],
      },
      { table: 'notes', op: 'create', key: 'N3', value: note('N3', 'Brand new', [], 300) },
    ]);
  });

  it('seeding reports every record it adds', async () => {
    const changes = await at(T0, () =>
      addLibrary({
        events: [],
        talks: [talk('K1', [])],
        notes: [note('N1', 'x', [], 1), note('N2', 'y', [], 1)],
      }),
    );
    expect(changes).toEqual([
      { table: 'talks', op: 'create', key: 'K1', value: talk('K1', []) },
      { table: 'notes', op: 'create', key: 'N1', value: note('N1', 'x', [], 1) },
      { table: 'notes', op: 'create', key: 'N2', value: note('N2', 'y', [], 1) },
    ]);
  });

  it('a tag rename that merges into an existing tag rewrites notes and talks', async () => {
    await addLibrary({
      events: [],
      talks: [talk('K1', ['gluster'])],
      notes: [
        note('N1', 'Replicate #Gluster now', ['gluster'], 100),
        note('N2', 'Tiering #storage', ['storage'], 100),
        note('N3', 'Nothing to see', [], 100),
      ],
    });
    expect(await at(T1, () => renameTag('gluster', 'storage'))).toEqual([
      {
        table: 'notes',
        op: 'update',
        key: 'N1',
        value: note('N1', 'Replicate #storage now', ['storage'], T1),
        fields: ['body', 'tags', 'updatedAt'],
      },
      {
        table: 'talks',
        op: 'update',
        key: 'K1',
        value: { ...talk('K1', ['storage']), editedFields: ['tags'], updatedAt: T1 },
        fields: ['editedFields', 'tags', 'updatedAt'],
      },
    ]);
  });

  it('a table cleared by range reports each record it deleted', async () => {
    await addLibrary({ events: [], talks: [], notes: [note('N1', 'x', [], 1), note('N2', 'y', [], 1)] });
    expect(await at(T1, () => getDb().notes.clear())).toEqual([
      { table: 'notes', op: 'delete', key: 'N1' },
      { table: 'notes', op: 'delete', key: 'N2' },
    ]);
  });

  it('a sink that was removed hears nothing more', async () => {
    stop();
    expect(await at(T0, () => createNote({ body: 'Quiet', url: 'https://conf.example/' }))).toEqual([]);
  });
});
