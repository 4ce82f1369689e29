/**
 * A synthetic but realistic library for tests and benchmarks: by default 200 conferences with 25
 * talks each (5,000 talks), notes written the way people write them — Markdown (emphasis, inline
 * code, links, lists, code blocks), 5 % in non-Latin scripts (Chinese, Japanese, Russian, Arabic:
 * real sentences), lengths from a long-tailed distribution (median ≈ 35 words, a Pareto tail up to
 * 20,000 characters) over a Zipf vocabulary, Zipf tags, every kind, thumbnails on 10 % of notes
 * (real image bytes: {@link thumbnailBlobs}) and pages without a talk. Deterministic for a seed.
 */
import type { BlobRecord, EventRecord, NoteKind, NoteRecord, TalkRecord } from '../storage/types';

export interface CorpusOptions {
  notes: number;
  /** Default 200. */
  events?: number;
  /** Default 25 (5,000 talks with the default events). */
  talksPerEvent?: number;
  seed?: number;
  /** Epoch ms of the first note; notes spread over `spanDays` after it. */
  start?: number;
  spanDays?: number;
  /** Share of notes with a slide thumbnail (default 0.1). */
  thumbnails?: number;
}

/** A slide thumbnail a note refers to; its bytes come from {@link thumbnailBlobs}. */
export interface CorpusThumbnail {
  id: string;
  createdAt: number;
  /** Which of the real images (index, modulo their number) it shows. */
  image: number;
}

export interface Corpus {
  events: EventRecord[];
  talks: TalkRecord[];
  notes: NoteRecord[];
  /** One per note with a `thumbnailId`, in note order. */
  thumbnails: CorpusThumbnail[];
  /** Words by rank (0 = most frequent), for picking queries. */
  vocabulary: string[];
  tags: string[];
}

/** A real image: its bytes, type and size in pixels. */
export interface CorpusImage {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
}

/**
 * The real screenshots the thumbnails use (PNG, 26–31 KB each), relative to the repository root.
 * Node reads them with {@link pngSize} for the size; pages get the bytes passed in.
 */
export const THUMBNAIL_FILES = [
  'tests/fixtures/thumbnails/slide-1.png',
  'tests/fixtures/thumbnails/slide-2.png',
  'tests/fixtures/thumbnails/slide-3.png',
  'tests/fixtures/thumbnails/slide-4.png',
];

/** Width and height of a PNG from its IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The blob records of a corpus's thumbnails, each the bytes of one of `images` (bytes are shared). */
export function thumbnailBlobs(corpus: Pick<Corpus, 'thumbnails'>, images: CorpusImage[]): BlobRecord[] {
  if (images.length === 0) return [];
  const blobs = images.map((im) => new Blob([im.bytes as Uint8Array<ArrayBuffer>], { type: im.mime }));
  return corpus.thumbnails.map((t) => {
    const k = t.image % images.length;
    const im = images[k]!;
    return {
      id: t.id,
      createdAt: t.createdAt,
      updatedAt: t.createdAt,
      mime: im.mime,
      data: blobs[k]!,
      width: im.width,
      height: im.height,
    };
  });
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

/** Real sentences, as notes taken at talks in these languages read. */
const NON_LATIN: Record<'zh' | 'ja' | 'ru' | 'ar', string[]> = {
  zh: [
    '这个演讲介绍了分布式存储系统如何在节点故障时保持数据一致。',
    '作者建议先测量延迟的分布，而不是只看平均值。',
    '缓存失效是最难的问题之一，需要仔细设计过期策略。',
    '他们把单体应用拆成了十二个服务，但运维成本明显上升了。',
    '演讲者展示了如何用追踪数据找到慢查询的根本原因。',
    '下一步计划是把索引构建放到后台线程里。',
    '问答环节有人问到了多数据中心复制的冲突处理。',
    '这张幻灯片上的吞吐量数据值得回去再核实一下。',
  ],
  ja: [
    'この発表では、コンテナのスケジューラがどのようにリソースを割り当てるかを説明していた。',
    'レイテンシの99パーセンタイルを常に監視するべきだという話が印象的だった。',
    'データベースのインデックスを見直しただけで、応答時間が半分になったそうだ。',
    '発表者は障害の振り返りを責めない文化の大切さを強調していた。',
    'スライドのコード例は後でリポジトリで確認すること。',
    '質疑応答では、移行期間中の互換性についての質問が多かった。',
  ],
  ru: [
    'Докладчик показал, как они сократили время сборки вдвое с помощью кэша зависимостей.',
    'Главная мысль: сначала измеряйте, потом оптимизируйте.',
    'Репликация между дата-центрами работает асинхронно, поэтому возможна потеря последних записей.',
    'Нужно посмотреть их статью про планировщик задач и сравнить с нашим подходом.',
    'На слайде с графиком задержек видно, что хвост распределения очень длинный.',
    'Вопрос из зала: как они тестируют отказ сети между узлами кластера?',
    'Интересная идея — хранить индекс поиска отдельно от основной базы данных.',
  ],
  ar: [
    'تحدث المحاضر عن كيفية توزيع البيانات بين عدة خوادم دون فقدان الاتساق.',
    'الفكرة الأساسية هي قياس الأداء قبل محاولة تحسينه.',
    'عرضوا نتائج اختبارات الحمل على نظام التخزين الجديد.',
    'يجب مراجعة الشرائح لاحقا لأن الأرقام كانت صغيرة جدا على الشاشة.',
    'سأل أحد الحضور عن تكلفة تشغيل الحاويات في بيئة الإنتاج.',
    'أوصى المتحدث بكتابة الاختبارات قبل إعادة هيكلة الشيفرة القديمة.',
  ],
};
const LANGS = Object.keys(NON_LATIN) as (keyof typeof NON_LATIN)[];
const CODE = [
  'kubectl get pods -n storage --watch',
  'SELECT id, body FROM notes WHERE updated_at > $1 ORDER BY id LIMIT 50;',
  'const index = new MiniSearch({ fields: ["body"] });',
  'gluster volume heal vol0 info',
  'perf record -g -- ./server --threads 8',
  'fn main() { let v: Vec<u8> = Vec::with_capacity(4096); }',
];

/** Longest note body, in characters. */
export const MAX_NOTE_CHARS = 20_000;

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
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

  /** Prose of about `words` words in Markdown: sentences, paragraphs, and now and then emphasis,
   * inline code, a link, a list or a code block. Starts with a plain word. */
  const markdown = (words: number): string => {
    const parts: string[] = [];
    let left = words;
    let inParagraph = 0;
    while (left > 0) {
      const n = Math.min(left, 4 + Math.floor(rnd() * 12));
      const ws = sentence(n).split(' ');
      if (parts.length > 0 && n >= 3) {
        const x = rnd();
        const at = 1 + Math.floor(rnd() * (n - 1));
        if (x < 0.1) ws[at] = `**${ws[at]}**`;
        else if (x < 0.16) ws[at] = `_${ws[at]}_`;
        else if (x < 0.21) ws[at] = `\`${ws[at]}()\``;
        else if (x < 0.25) ws[at] = `[${ws[at]}](https://docs.example/${ws[at]}/${Math.floor(rnd() * 100)})`;
      }
      ws[0] = ws[0]!.charAt(0).toUpperCase() + ws[0]!.slice(1);
      parts.push(`${ws.join(' ')}.`);
      left -= n;
      inParagraph += n;
      if (left > 20 && inParagraph > 50 + rnd() * 60) {
        inParagraph = 0;
        const y = rnd();
        if (y < 0.15) parts.push(`\n\n\`\`\`\n${pick(CODE)}\n\`\`\`\n\n`);
        else if (y < 0.3) parts.push(`\n\n- ${sentence(3)}\n- ${sentence(4)}\n- ${sentence(2)}\n\n`);
        else parts.push('\n\n');
      } else parts.push(' ');
    }
    return parts.join('').trim();
  };
  /** Real sentences of one non-Latin language, about `words` words' worth. */
  const foreign = (words: number): string => {
    const lang = pick(LANGS);
    const out: string[] = [];
    // A CJK sentence holds about 12 words' worth; a Cyrillic or Arabic one about 10.
    for (let w = 0; w < words; w += 10) out.push(pick(NON_LATIN[lang]));
    if (rnd() < 0.5) out.splice(1, 0, `(${pick(REAL)})`);
    return out.join(lang === 'zh' || lang === 'ja' ? '' : ' ');
  };

  const eventCount = options.events ?? 200;
  const perEvent = options.talksPerEvent ?? 25;
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
  const thumbShare = options.thumbnails ?? 0.1;
  const notes: NoteRecord[] = [];
  const thumbnails: CorpusThumbnail[] = [];
  const times = Array.from({ length: options.notes }, () => start + Math.floor(rnd() * span)).sort(
    (a, b) => a - b,
  );
  times.forEach((createdAt, i) => {
    // Length: lognormal (median ~35 words) for most notes; 3 % from a Pareto tail (200 words and
    // up: talk transcripts, pasted abstracts), cut at MAX_NOTE_CHARS.
    const g = Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
    const words =
      rnd() < 0.03
        ? Math.min(4000, Math.round(200 / (rnd() || 1e-9) ** (1 / 1.2)))
        : Math.max(3, Math.min(1500, Math.round(Math.exp(3.55 + 0.8 * g))));
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
    const tagText = noteTags.length ? ` ${noteTags.map((t) => `#${t}`).join(' ')}` : '';
    let text = rnd() < 0.05 ? foreign(words) : markdown(words);
    if (text.length + tagText.length > MAX_NOTE_CHARS) {
      text = text.slice(0, MAX_NOTE_CHARS - tagText.length);
      text = text.slice(0, Math.max(1, text.lastIndexOf(' '))).trimEnd();
    }
    const note: NoteRecord = {
      id: ulidAt(createdAt, i + 1),
      createdAt,
      updatedAt: createdAt,
      url: talk ? `${talk.source.url}/slides` : `https://blog.example/${page}`,
      pageTitle: talk ? talk.title : `Article ${page}`,
      body: `${text}${tagText}`,
      tags: noteTags,
      kind,
    };
    if (talk) note.talkId = talk.id;
    if (rnd() < thumbShare) {
      const id = ulidAt(createdAt, 5_000_000 + i);
      note.thumbnailId = id;
      thumbnails.push({ id, createdAt, image: thumbnails.length });
    }
    notes.push(note);
  });
  return { events, talks, notes, thumbnails, vocabulary, tags };
}
