/**
 * A synthetic but realistic library for tests and benchmarks: conferences with days and talks,
 * notes of lognormal length over a Zipf vocabulary (a few words everywhere, most words rare), Zipf
 * tags, every kind, some thumbnails, and pages without a talk. Deterministic for a seed.
 */
import type { EventRecord, NoteKind, NoteRecord, TalkRecord } from '../storage/types';

export interface CorpusOptions {
  notes: number;
  events?: number;
  talksPerEvent?: number;
  seed?: number;
  /** Epoch ms of the first note; notes spread over `spanDays` after it. */
  start?: number;
  spanDays?: number;
}

export interface Corpus {
  events: EventRecord[];
  talks: TalkRecord[];
  notes: NoteRecord[];
  /** Words by rank (0 = most frequent), for picking queries. */
  vocabulary: string[];
  tags: string[];
}

/** mulberry32: small, fast, good enough for test data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REAL = (
  'storage replicate translator cluster kubernetes operator container network kernel latency throughput ' +
  'database index query cache memory thread scheduler filesystem volume brick heal quorum consensus raft ' +
  'paxos security selinux policy audit deploy release pipeline testing observability tracing metrics logging ' +
  'python rust golang javascript typescript compiler runtime garbage collector allocator benchmark profile'
).split(' ');
const SYLLABLES =
  'ka lo mi ne ru sa ti vo be da fe gu hi jo ku la mo ni pa qua re si tu ve wa xi yo ze'.split(' ');
const TAG_WORDS = (
  'glusterfs ceph kubernetes k8s openshift selinux rust golang python storage networking security devops ' +
  'observability databases postgres linux kernel containers serverless ai ml testing performance cloud edge ' +
  'wasm webassembly frontend css a11y design keynote hallway'
).split(' ');

/** A sampler of ranks 0..n-1 with probability ∝ 1/(rank+1)^s. */
function zipf(n: number, s: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s;
    cdf[i] = sum;
  }
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function ulidAt(time: number, n: number): string {
  const A = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let t = '';
  let v = time;
  for (let i = 0; i < 10; i++) {
    t = A[v % 32] + t;
    v = Math.floor(v / 32);
  }
  let r = '';
  let c = n;
  for (let i = 0; i < 16; i++) {
    r = A[c % 32] + r;
    c = Math.floor(c / 32);
  }
  return t + r;
}

/** Builds a corpus. 50,000 notes take about a second. */
export function makeCorpus(options: CorpusOptions): Corpus {
  const rnd = random(options.seed ?? 42);
  const start = options.start ?? Date.UTC(2023, 0, 1);
  const span = (options.spanDays ?? 3 * 365) * 24 * 3600 * 1000;
  const vocabulary = [...REAL];
  while (vocabulary.length < 30_000) {
    const n = 2 + Math.floor(rnd() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    vocabulary.push(w);
  }
  // Shuffle the real words into the frequent ranks, not all at the top.
  for (let i = 0; i < 400; i++) {
    const a = Math.floor(rnd() * 600);
    const b = Math.floor(rnd() * 600);
    [vocabulary[a], vocabulary[b]] = [vocabulary[b]!, vocabulary[a]!];
  }
  const word = zipf(vocabulary.length, 1.07, rnd);
  const tags = [...TAG_WORDS];
  while (tags.length < 300) tags.push(`topic-${vocabulary[200 + tags.length]}`);
  const tag = zipf(tags.length, 1.1, rnd);
  const sentence = (words: number) => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(vocabulary[word()]!);
    return out.join(' ');
  };

  const eventCount = options.events ?? 40;
  const perEvent = options.talksPerEvent ?? 60;
  const events: EventRecord[] = [];
  const talks: TalkRecord[] = [];
  for (let e = 0; e < eventCount; e++) {
    const day0 = start + Math.floor((e / eventCount) * span);
    const date = new Date(day0).toISOString().slice(0, 10);
    const end = new Date(day0 + 2 * 86_400_000).toISOString().slice(0, 10);
    const id = ulidAt(day0, e + 1);
    events.push({
      id,
      name: `Conf ${sentence(2)} ${new Date(day0).getUTCFullYear()}`,
      startDate: date,
      endDate: end,
      createdAt: day0,
      updatedAt: day0,
    });
    for (let t = 0; t < perEvent; t++) {
      const at = day0 + Math.floor(t / 20) * 86_400_000 + (9 + (t % 8)) * 3_600_000;
      const startsAt = `${new Date(at).toISOString().slice(0, 19)}-04:00`;
      talks.push({
        id: ulidAt(at, 100_000 + e * 1000 + t),
        eventId: id,
        title: sentence(3 + Math.floor(rnd() * 5)),
        speakers: [{ name: `${sentence(1)} ${sentence(1)}` }],
        startsAt,
        abstract: sentence(40 + Math.floor(rnd() * 80)),
        tags: rnd() < 0.5 ? [tags[tag()]!] : [],
        createdAt: at,
        updatedAt: at,
        source: { platform: 'bench', url: `https://conf.example/${e}/${t}`, capturedAt: at },
      });
    }
  }

  const kinds: [NoteKind, number][] = [
    ['question', 0.07],
    ['takeaway', 0.05],
    ['quote', 0.04],
    ['todo', 0.04],
  ];
  const notes: NoteRecord[] = [];
  const times = Array.from({ length: options.notes }, () => start + Math.floor(rnd() * span)).sort(
    (a, b) => a - b,
  );
  times.forEach((createdAt, i) => {
    // Lognormal length: median ~35 words, a long tail of long notes.
    const g = Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
    const words = Math.max(3, Math.min(1500, Math.round(Math.exp(3.55 + 0.8 * g))));
    const noteTags = [...new Set(Array.from({ length: Math.floor(rnd() * 4) }, () => tags[tag()]!))];
    let kind: NoteKind = 'note';
    let x = rnd();
    for (const [k, p] of kinds) {
      if (x < p) {
        kind = k;
        break;
      }
      x -= p;
    }
    const onTalk = rnd() < 0.7;
    const talk = onTalk ? talks[Math.floor(rnd() * talks.length)] : undefined;
    const page = Math.floor(rnd() * 3000);
    const note: NoteRecord = {
      id: ulidAt(createdAt, i + 1),
      createdAt,
      updatedAt: createdAt,
      url: talk ? `${talk.source.url}/slides` : `https://blog.example/${page}`,
      pageTitle: talk ? talk.title : `Article ${page}`,
      body: `${sentence(words)}${noteTags.length ? ` ${noteTags.map((t) => `#${t}`).join(' ')}` : ''}`,
      tags: noteTags,
      kind,
    };
    if (talk) note.talkId = talk.id;
    if (rnd() < 0.3) note.thumbnailId = `bench-thumb-${i}`;
    notes.push(note);
  });
  return { events, talks, notes, vocabulary, tags };
}
