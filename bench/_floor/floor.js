/**
 * The floors of "list painted" (bench/library.bench.mjs, bench/skeleton.bench.mjs), copied into the
 * extension build under test as bench-floor.html / bench-floor.js / bench-floor-rows.js (never into the
 * product's sources). `?mode=paint&n=18`: paints n plain rows from an array already in memory (the
 * module bench-floor-rows.js, written by the bench with the panel's own first rows): the paint floor.
 * `?mode=read&n=18`: reads the n newest notes and their talks with raw IndexedDB (no Dexie), then paints
 * them the same way: the read floor. Either marks `talkmarks:floor-painted` a frame and a task after
 * the rows are in the DOM, as the side panel marks `talkmarks:list-painted`.
 */
import { ROWS } from './bench-floor-rows.js';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 18);
const list = document.getElementById('list');

function paint(rows) {
  const frag = document.createDocumentFragment();
  rows.forEach((r, i) => {
    const row = document.createElement('div');
    row.className = 'row';
    row.dataset.noteId = r.id;
    row.style.top = `${i * 72}px`;
    const body = document.createElement('p');
    body.className = 'body';
    body.textContent = r.body.length > 240 ? `${r.body.slice(0, 240)}…` : r.body;
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = `${r.where} · ${new Date(r.createdAt).toLocaleDateString()}${
      r.tags.length ? ` · ${r.tags.map((t) => `#${t}`).join(' ')}` : ''
    }`;
    row.append(body, meta);
    frag.append(row);
  });
  list.style.height = `${rows.length * 72}px`;
  list.append(frag);
  requestAnimationFrame(() => setTimeout(() => performance.mark('talkmarks:floor-painted'), 0));
}

const request = (r) =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

async function readRows() {
  const db = await request(indexedDB.open('talkmarks'));
  const tx = db.transaction(['notes', 'talks'], 'readonly');
  const notes = [];
  await new Promise((resolve, reject) => {
    const cursor = tx.objectStore('notes').openCursor(null, 'prev');
    cursor.onerror = () => reject(cursor.error);
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c || notes.length >= n) return resolve();
      if (!c.value.deletedAt) notes.push(c.value);
      c.continue();
    };
  });
  const talkStore = tx.objectStore('talks');
  const talks = await Promise.all(
    notes.map((x) => (x.talkId ? request(talkStore.get(x.talkId)) : undefined)),
  );
  db.close();
  return notes.map((x, i) => ({
    id: x.id,
    body: x.body,
    where: talks[i]?.title || x.pageTitle || x.url,
    createdAt: x.createdAt,
    tags: x.tags,
  }));
}

if (params.get('mode') === 'read') readRows().then(paint);
else paint(ROWS.slice(0, n));
