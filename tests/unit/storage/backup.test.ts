/**
 * Backup round trips and hostile files: export → import into an empty profile gives identical
 * data; importing the same file twice changes nothing; newer `updatedAt` wins; 1,000 corrupted
 * variants of a backup are each rejected with a message and leave the database untouched.
 */
import { describe, expect, it } from 'vitest';
import { applyImport, exportBackup, prepareImport } from '../../../storage/backup';
import { BACKUP_TABLES, checksumInput, sha256 } from '../../../storage/backup/format';
import { readBackup } from '../../../storage/backup/read';
import { getDb, openDatabase, setDb } from '../../../storage/db';
import { EVENT, NOTES, TALKS } from '../../fixtures/recap/summit-2012';

const PNG = new Uint8Array([
  137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3, 250, 251, 252,
]);

async function seed() {
  const db = getDb();
  await db.events.add(EVENT);
  await db.talks.bulkAdd(TALKS);
  await db.notes.bulkAdd(
    NOTES.map((n, i) => (i === 3 ? { ...n, deletedAt: n.updatedAt + 5, updatedAt: n.updatedAt + 5 } : n)),
  );
  await db.blobs.add({
    id: '01CE0000000000000000000B01',
    createdAt: 1,
    updatedAt: 1,
    mime: 'image/png',
    data: new Blob([PNG], { type: 'image/png' }),
    width: 480,
    height: 270,
  });
  await db.notes.update(NOTES[0]!.id, { thumbnailId: '01CE0000000000000000000B01' });
  await db.recaps.add({
    id: '01CE0000000000000000000R01',
    createdAt: 5,
    updatedAt: 6,
    title: '',
    eventId: EVENT.id,
    day: '2012-06-27',
    talkIds: TALKS.slice(0, 3).map((t) => t.id),
    templateId: 'builtin:day-recap',
    talkOptions: { [TALKS[0]!.id]: { include: 'takeaways', thumbnails: true } },
  });
  await db.templates.add({
    id: '01CE0000000000000000000L01',
    createdAt: 5,
    updatedAt: 5,
    name: 'Mine',
    source: '# {{ recap.title }}',
    builtin: false,
  });
}

/** Every table as plain data (blob bytes as arrays), for comparing databases. */
async function snapshot() {
  const db = getDb();
  const out: Record<string, unknown[]> = {};
  for (const t of BACKUP_TABLES) {
    const rows = await db.table(t).toArray();
    out[t] = await Promise.all(
      rows.map(async (r) =>
        t === 'blobs' ? { ...r, data: [...new Uint8Array(await r.data.arrayBuffer())] } : r,
      ),
    );
  }
  return out;
}

async function freshDb() {
  await getDb().delete();
  setDb(openDatabase());
}

async function importText(text: string) {
  const prepared = await prepareImport(text);
  if (!prepared.ok) throw new Error(prepared.error);
  await applyImport(prepared.plan);
  return prepared;
}

describe('backup', () => {
  it('exports and imports into an empty profile with identical data', async () => {
    await seed();
    const before = await snapshot();
    const text = await exportBackup('talkmarks test');
    expect(JSON.parse(text)).toMatchObject({ format: 'talkmarks-backup', version: 1, app: 'talkmarks test' });
    await freshDb();
    const prepared = await importText(text);
    expect(prepared.summary.notes).toEqual({ new: NOTES.length, updated: 0, unchanged: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('a library holding references to records that are gone still exports a backup that imports (the references are left out)', async () => {
    await seed();
    const db = getDb();
    const [first] = await db.table('notes').toArray();
    // A talk and an image deleted for good elsewhere (sync) while this note was filed under them.
    await db
      .table('notes')
      .put({ ...first, talkId: '01GONE00000000000000000001', thumbnailId: '01GONE00000000000000000002' });
    const text = await exportBackup('t');
    const written = JSON.parse(text).data.notes.find((n: { id: string }) => n.id === first.id);
    expect(written.talkId).toBeUndefined();
    expect(written.thumbnailId).toBeUndefined();
    expect(written.body).toBe(first.body);
    await freshDb();
    const prepared = await importText(text);
    expect(prepared.summary.notes).toEqual({ new: NOTES.length, updated: 0, unchanged: 0 });
  });

  it('changes nothing when the same file is imported twice', async () => {
    await seed();
    const text = await exportBackup('t');
    await freshDb();
    await importText(text);
    const once = await snapshot();
    const again = await importText(text);
    expect(again.writes).toBe(0);
    expect(again.summary.talks).toEqual({ new: 0, updated: 0, unchanged: TALKS.length });
    expect(await snapshot()).toEqual(once);
  });

  it('merges by id: the newer updatedAt wins on either side, nothing is duplicated', async () => {
    await seed();
    const text = await exportBackup('t');
    const db = getDb();
    const [a, b] = NOTES;
    await db.notes.update(a!.id, { body: 'edited here, later', updatedAt: a!.updatedAt + 1000 });
    await db.notes.update(b!.id, { body: 'older copy', updatedAt: b!.updatedAt - 1000 });
    await db.notes.delete(NOTES[2]!.id);
    const prepared = await importText(text);
    expect(prepared.summary.notes).toEqual({ new: 1, updated: 1, unchanged: NOTES.length - 2 });
    expect((await db.notes.get(a!.id))?.body).toBe('edited here, later');
    expect((await db.notes.get(b!.id))?.body).toBe(b!.body);
    expect(await db.notes.count()).toBe(NOTES.length);
  });

  it('plans against only the records the library shares with the file, past one read chunk (1,000)', async () => {
    // 2,400 notes exported; the library then keeps notes 0–1,499 (0–599 edited later here, 600–1,099
    // older here) and gains 300 of its own. Importing the file: 900 new (1,500–2,399), 500 updated
    // (600–1,099), 1,000 unchanged (0–599 are newer here, 1,100–1,499 equal).
    const id = (k: number) => `01CE0000000000000000${String(k).padStart(6, '0')}`;
    const note = (k: number) => ({ ...NOTES[0]!, id: id(k), createdAt: 1_000 + k, updatedAt: 2_000 + k });
    const db = getDb();
    await db.notes.bulkAdd(Array.from({ length: 2_400 }, (_, k) => note(k)));
    const text = await exportBackup('t');
    await db.notes.bulkDelete(Array.from({ length: 900 }, (_, k) => id(1_500 + k)));
    await db.notes.bulkPut(Array.from({ length: 600 }, (_, k) => ({ ...note(k), updatedAt: 9_000 })));
    await db.notes.bulkPut(Array.from({ length: 500 }, (_, k) => ({ ...note(600 + k), updatedAt: 1_500 })));
    await db.notes.bulkAdd(Array.from({ length: 300 }, (_, k) => note(5_000 + k)));
    const prepared = await importText(text);
    expect(prepared.summary.notes).toEqual({ new: 900, updated: 500, unchanged: 1_000 });
    expect(await db.notes.count()).toBe(2_700);
    expect((await db.notes.get(id(5)))?.updatedAt).toBe(9_000);
    expect((await db.notes.get(id(605)))?.updatedAt).toBe(2_605);
    expect((await db.notes.get(id(2_399)))?.updatedAt).toBe(4_399);
  });

  it('imports a backup from before kinds were stored apart: prefixes leave the bodies, kinds are set', async () => {
    const old = (n: number, body: string, kind: string) => ({
      id: `01CE00000000000000000K000${n}`,
      createdAt: 1_340_000_000_000 + n,
      updatedAt: 1_340_000_000_100 + n,
      url: 'https://example.org/kube',
      body,
      tags: [],
      kind,
    });
    // Written straight to the table, as versions 1 and 2 stored them, then exported as they were.
    await getDb().notes.bulkAdd([
      old(1, '? How does the scheduler pick a node?', 'question'),
      old(2, '> Most of your pods are idle', 'quote'),
      old(3, '! Profile scheduling latency', 'takeaway'),
      old(4, '[ ] check the quorum settings', 'todo'),
      old(5, '? Is etcd the bottleneck?', 'note'),
      old(6, 'No prefix here', 'note'),
    ] as never);
    const text = await exportBackup('an older talkmarks');
    expect(text).toContain('"body":"? How does the scheduler pick a node?"');
    await freshDb();
    const prepared = await importText(text);
    expect(prepared.summary.notes).toEqual({ new: 6, updated: 0, unchanged: 0 });
    expect(await getDb().notes.orderBy(':id').toArray()).toEqual([
      old(1, 'How does the scheduler pick a node?', 'question'),
      old(2, 'Most of your pods are idle', 'quote'),
      old(3, 'Profile scheduling latency', 'takeaway'),
      old(4, 'check the quorum settings', 'todo'),
      old(5, 'Is etcd the bottleneck?', 'question'),
      old(6, 'No prefix here', 'note'),
    ]);
    // A second import of the same old file changes nothing: the versions are the same.
    expect((await importText(text)).writes).toBe(0);
  });

  it('rejects 1,000 corrupted variants with a message and writes nothing', async () => {
    await seed();
    const text = await exportBackup('t');
    const before = await snapshot();
    const original = JSON.parse(text);
    let seed32 = 20120627;
    const rand = (n: number) => {
      seed32 = (Math.imul(seed32, 1664525) + 1013904223) >>> 0;
      return seed32 % n;
    };
    const junk = '{}[]",:0123456789abcdef\\ \n\u0000é';
    /** Re-signs a hostile edit so only validation, not the checksum, can catch it. */
    const resign = async (edit: (f: typeof original) => void) => {
      const f = structuredClone(original);
      edit(f);
      if (f.data && typeof f.data === 'object') f.checksum = await sha256(checksumInput(f));
      return JSON.stringify(f);
    };
    const anyNote = (f: typeof original) => f.data.notes[rand(f.data.notes.length)];
    const hostile: ((f: typeof original) => void)[] = [
      (f) => {
        anyNote(f).body = 42;
      },
      (f) => {
        anyNote(f).body = '';
      },
      (f) => {
        anyNote(f).kind = 'rant';
      },
      (f) => {
        anyNote(f).id = '../../etc/passwd';
      },
      (f) => {
        anyNote(f).createdAt = -1;
      },
      (f) => {
        anyNote(f).updatedAt = 1.5;
      },
      (f) => {
        anyNote(f).tags = 'selinux';
      },
      (f) => {
        anyNote(f).body = 'x'.repeat(100_001);
      },
      (f) => {
        anyNote(f).anchor = { slide: { index: -3, label: '1' } };
      },
      (f) => {
        delete anyNote(f).url;
      },
      (f) => {
        f.data.notes.push(f.data.notes[0]);
      },
      (f) => {
        f.data.blobs[0].data = 'not base64!';
      },
      (f) => {
        f.data.blobs[0].data = 'QUJD=';
      },
      (f) => {
        f.data.blobs[0].mime = 'text/html';
      },
      (f) => {
        f.data.talks[0].speakers = [{ name: 7 }];
      },
      (f) => {
        f.data.talks[0].source = null;
      },
      (f) => {
        f.data.recaps[0].talkOptions = { x: { include: 'everything', thumbnails: true } };
      },
      (f) => {
        f.data.events[0].startDate = 'next Tuesday';
      },
      (f) => {
        f.data.templates[0].builtin = 'yes';
      },
      (f) => {
        f.data.notes = {};
      },
      (f) => {
        delete f.data.talks;
      },
      (f) => {
        f.data.extra = [];
      },
      (f) => {
        f.version = 99;
      },
      (f) => {
        f.version = '1';
      },
      (f) => {
        f.format = 'other-app';
      },
      (f) => {
        f.exportedAt = 'yesterday';
      },
      (f) => {
        f.data.notes[0] = [1, 2, 3];
      },
      (f) => {
        f.data.notes[0] = null;
      },
      (f) => {
        const n = anyNote(f);
        n.createdAt = n.updatedAt + 1;
      },
    ];
    const variants = new Set<string>();
    let guard = 0;
    while (variants.size < 1_000 && guard++ < 10_000) {
      const kind = rand(6);
      let v: string;
      if (kind === 0) v = text.slice(0, 1 + rand(text.length - 1));
      else if (kind === 1) {
        const i = rand(text.length);
        v = text.slice(0, i) + junk[rand(junk.length)] + text.slice(i + 1);
      } else if (kind === 2) {
        const i = rand(text.length);
        v = text.slice(0, i) + text.slice(i + 1 + rand(40));
      } else if (kind === 3) {
        const i = rand(text.length);
        v = text.slice(0, i) + junk[rand(junk.length)] + text.slice(i);
      } else v = await resign(hostile[rand(hostile.length)]!);
      try {
        const parsed = JSON.parse(v);
        if (checksumInput(parsed) === checksumInput(original) && parsed.checksum === original.checksum)
          continue;
      } catch {
        // not JSON: certainly a corrupted variant
      }
      variants.add(v);
    }
    // A prototype-polluting key, re-signed so only the key check can catch it.
    const polluted = JSON.parse(text.replace('{"id"', '{"__proto__":{"x":1},"id"'));
    polluted.checksum = await sha256(checksumInput(polluted));
    variants.add(JSON.stringify(polluted));
    expect(await readBackup(JSON.stringify(polluted))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/__proto__/),
    });
    expect(variants.size).toBeGreaterThanOrEqual(1_000);
    const counts = async () => Promise.all(BACKUP_TABLES.map((t) => getDb().table(t).count()));
    const expectedCounts = await counts();
    const messages = new Set<string>();
    for (const v of variants) {
      const prepared = await prepareImport(v);
      if (prepared.ok) {
        let at = 0;
        while (at < v.length && v[at] === text[at]) at++;
        throw new Error(`accepted a corrupted variant at ${at}: …${v.slice(at - 80, at + 80)}…`);
      }
      expect(prepared.error.length).toBeGreaterThan(10);
      messages.add(prepared.error.replace(/\d+/g, 'N').slice(0, 60));
      expect(await counts()).toEqual(expectedCounts);
    }
    expect(await snapshot()).toEqual(before);
    expect(messages.size).toBeGreaterThan(10);
  }, 120_000);

  it('says what is wrong in plain words', async () => {
    await seed();
    const text = await exportBackup('t');
    expect(await readBackup('')).toEqual({ ok: false, error: 'The file is empty.' });
    expect(await readBackup(text.slice(0, 200))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cut short/),
    });
    expect(await readBackup('{"hello":1}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a Talkmarks backup/),
    });
    expect(await readBackup(text.replace('Red Hat Summit 2012', 'Red Hat Summit 2013'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/checksum/),
    });
  });
});
