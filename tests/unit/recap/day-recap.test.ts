// @vitest-environment jsdom
/**
 * The day, whole: the Wednesday of Red Hat Summit 2012 with its three talks and its moments (notes
 * on no talk), composed through every built-in template; the count of the day's notes in and out;
 * the fixes to the template faults of issue 11 (Slides links the attached deck, the My takeaways
 * title and tag line, `date:` in front matter). Every expected text is written by hand: the
 * whole-day golden file is the Wednesday golden plus an "Also today" section typed from the
 * moments fixture and docs/templates.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { counted, recapCoverage } from '../../../recap/coverage';
import { markdownToSafeHtml } from '../../../recap/html';
import type { RecapInput } from '../../../recap/model';
import { getDb } from '../../../storage/db';
import { buildNote } from '../../../storage/notes';
import { loadRecapInput } from '../../../storage/recaps';
import type { DeckRecord, NoteRecord, TalkRecord } from '../../../storage/types';
import {
  EVENT,
  GLUSTER,
  NETWORK,
  NOTES,
  RECAP_INTRO,
  SELINUX,
  TALKS,
  THURSDAY,
} from '../../fixtures/recap/summit-2012';
import { BOOTH, MOMENT_NOTES, OTHER_EVENT, PARTY } from '../../fixtures/recap/summit-2012-moments';

const WHOLE_DAY = readFileSync('tests/fixtures/recap/red-hat-summit-2012-wednesday-whole-day.md', 'utf8');

async function seed() {
  const db = getDb();
  await db.events.bulkAdd([EVENT, OTHER_EVENT]);
  await db.talks.bulkAdd(TALKS);
  await db.notes.bulkAdd([...NOTES, ...MOMENT_NOTES]);
}

const WEDNESDAY = { title: '', eventId: EVENT.id, day: '2012-06-27' };
const ALL_THREE = [GLUSTER.id, SELINUX.id, NETWORK.id];

function markdown(input: RecapInput, templateId = 'builtin:day-recap', frontMatter?: 'jekyll' | 'hugo') {
  const result = composeRecap(input, { template: builtinTemplate(templateId)!.source, frontMatter });
  if (!result.ok) throw new Error(result.error.message);
  return result.markdown;
}

const notesOf = (talk: TalkRecord) => NOTES.filter((n) => n.talkId === talk.id);

describe('a day recap gathers the whole day', () => {
  it('Day recap: the talks in order, then the day’s moments under “Also today”, equal to the golden file', async () => {
    await seed();
    const input = await loadRecapInput({ ...WEDNESDAY, talkIds: ALL_THREE, intro: RECAP_INTRO });
    expect(markdown(input)).toBe(WHOLE_DAY);
  });

  it('an unticked moment stays out, its tags too', async () => {
    await seed();
    const input = await loadRecapInput({ ...WEDNESDAY, talkIds: ALL_THREE, momentsOut: [BOOTH.id] });
    const md = markdown(input);
    expect(md).not.toContain('Fedora ARM team');
    expect(md).toContain(
      '- Open question: Who is speaking on Ceph tomorrow?\n- Long day: three talks and a booth\n\nTagged: glusterfs, virtualization, selinux, security, networking, performance, tuning\n',
    );
  });

  it('a day of moments alone is a post too', async () => {
    await seed();
    const input = await loadRecapInput({
      ...WEDNESDAY,
      talkIds: [],
      momentsOut: MOMENT_NOTES.filter((n) => n.id !== PARTY.id).map((n) => n.id),
    });
    expect(markdown(input)).toBe(
      [
        '# Red Hat Summit 2012: Wednesday',
        '',
        '## Also today',
        '',
        '- Open question: Who is speaking on Ceph tomorrow?',
        '',
      ].join('\n'),
    );
  });

  it('every built-in shows the moments without kind prefixes, and so does the rich HTML', () => {
    const at = (hhmm: string) => Date.parse(`2012-06-27T${hhmm}:00-04:00`);
    const url = 'https://blog.example.org/kubernetes';
    const moments = [
      buildNote(
        { url, body: '? Is etcd the bottleneck? #kubernetes', pageTitle: 'A blog post' },
        at('12:00'),
      ),
      buildNote({ url, body: '> Most of your pods are idle', pageTitle: 'A blog post' }, at('12:05')),
      buildNote({ url, body: '! Profile before tuning' }, at('12:10')),
      buildNote({ url, body: '[ ] read the paper' }, at('12:15')),
      // Stored before kinds were stored apart: the prefix still in the body.
      { ...buildNote({ url, body: 'placeholder' }, at('12:20')), body: '! ! Quorum', kind: 'note' as const },
    ];
    const input: RecapInput = { event: EVENT, day: '2012-06-27', talks: [], moments };
    expect(markdown(input, 'builtin:day-recap')).toBe(
      [
        '# Red Hat Summit 2012: Wednesday',
        '',
        '## Also today',
        '',
        '- Open question: Is etcd the bottleneck?',
        '- “Most of your pods are idle”',
        '- Profile before tuning',
        '- Quorum',
        '',
        'Tagged: kubernetes',
        '',
      ].join('\n'),
    );
    expect(markdown(input, 'builtin:slides-digest')).toContain(
      '## Also today\n\n- Is etcd the bottleneck?\n- Most of your pods are idle\n- Profile before tuning\n- Quorum\n',
    );
    expect(markdown(input, 'builtin:talk-notes')).toContain(
      '# Also today\n\n- Open question: Is etcd the bottleneck?\n- “Most of your pods are idle”\n- Profile before tuning\n- Quorum\n',
    );
    expect(markdown(input, 'builtin:my-takeaways')).toBe(
      ['# Red Hat Summit 2012, Wednesday: my takeaways', '', '- Profile before tuning', '- Quorum', ''].join(
        '\n',
      ),
    );
    for (const id of [
      'builtin:day-recap',
      'builtin:slides-digest',
      'builtin:talk-notes',
      'builtin:my-takeaways',
    ]) {
      const md = markdown(input, id);
      expect(md).not.toMatch(
        /^\s*(?:[-*]\s+)?(?:“|Open question:\s*)?\\?[?!>]\s|\\>|\[ ?\]|read the paper|! !/m,
      );
      const html = markdownToSafeHtml(md);
      expect(html).not.toMatch(/<li>\s*[?!]\s|&gt;|\[ ?\]|read the paper|<blockquote>/);
    }
  });
});

describe('what a template sees of a moment', () => {
  it('its time at the venue, its page, no talk; recap.moments in time order, to-dos out', async () => {
    await seed();
    const input = await loadRecapInput({ ...WEDNESDAY, talkIds: [] });
    const template =
      '{% for n in recap.moments %}{{ n.time_of_day }}|{{ n.kind }}|{{ n.talk_title }}|{{ n.page_title }}|{{ n.page_url }}|{{ n.slide_ref }}\n{% endfor %}{{ recap.note_count }}';
    const result = composeRecap(input, { template });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.markdown).toBe(
      [
        '12:05|note||Red Hat Summit 2012|https://www.redhat.com/summit/2012/|',
        "14:45|note||Dan Walsh's Journal|https://danwalsh.livejournal.com/|",
        '15:00|note||Storage futures|https://example.org/decks/storage-futures.pdf| (slide 3 of Storage futures)',
        '17:10|takeaway||Red Hat Summit 2012|https://www.redhat.com/summit/2012/|',
        '19:30|question||Red Hat Summit 2012|https://www.redhat.com/summit/2012/|',
        '23:59|note|||https://www.redhat.com/summit/2012/|',
        '6',
        '',
      ].join('\n'),
    );
  });
});

describe('the day’s notes in and out', () => {
  it('counts every live note of the day once: all in but the to-dos', async () => {
    await seed();
    const input = await loadRecapInput({ ...WEDNESDAY, talkIds: ALL_THREE });
    const coverage = recapCoverage(input, input.dayLeftOut);
    // 7 + 6 + 6 notes on the talks, 7 moments; the talk's to-do and the moment to-do stay out.
    expect(coverage.summary).toBe('In the post: 24 of 26 notes of the day.');
    expect(coverage.out.map((g) => g.label)).toEqual(['2 to-dos left out: private']);
    expect(coverage.out[0]!.notes.map((n) => [n.text, n.where])).toEqual([
      ['Try the 3.3 packages on the lab boxes next week', 'GlusterFS and Red Hat Storage: the roadmap'],
      ['Mail the team the slides links', 'Red Hat Summit 2012'],
    ]);
  });

  it('says which are out and why: a talk left out, a moment unticked, takeaways only', async () => {
    await seed();
    const input = await loadRecapInput({
      ...WEDNESDAY,
      talkIds: [GLUSTER.id, SELINUX.id],
      talkOptions: { [SELINUX.id]: { include: 'takeaways', thumbnails: false } },
      momentsOut: [PARTY.id],
    });
    const coverage = recapCoverage(input, input.dayLeftOut);
    expect(coverage.summary).toBe('In the post: 13 of 26 notes of the day.');
    expect(coverage.out.map((g) => g.label)).toEqual([
      '2 to-dos left out: private',
      '6 notes on a talk you left out',
      '1 moment unticked',
      '4 notes left out: takeaways only',
    ]);
    expect(coverage.out[1]!.talks?.map((t) => t.id)).toEqual([NETWORK.id]);
    expect(coverage.out[2]!.notes.map((n) => n.text)).toEqual(['Who is speaking on Ceph tomorrow?']);
    expect(coverage.out[3]!.notes.map((n) => n.text)).toEqual([
      'SELinux is a labeling system. Every process and every object has a label.',
      "`mv` keeps the label of where a file came from, `cp` takes the new home's; after a move run `restorecon -Rv /var/www`",
      'Booleans before policy: `getsebool -a | grep httpd`',
      'Non-standard port? `semanage port -a -t http_port_t -p tcp 8081`, not a custom module',
    ]);
  });

  it('a post of takeaways counts the other notes as out, saying so', () => {
    const input: RecapInput = {
      event: EVENT,
      day: '2012-06-27',
      talks: [{ talk: GLUSTER, notes: notesOf(GLUSTER) }],
      focus: 'takeaways',
    };
    const coverage = recapCoverage(input);
    expect(coverage.summary).toBe('In the post: 2 of 7 notes.');
    expect(coverage.out.map((g) => g.label)).toEqual([
      '1 to-do left out: private',
      '4 notes left out: not takeaways (this template lists takeaways)',
    ]);
  });

  it('says when every note is in, and when there is none', () => {
    const one = [{ talk: SELINUX, notes: notesOf(SELINUX).slice(0, 1) }];
    expect(recapCoverage({ talks: one }).summary).toBe('In the post: the one note.');
    expect(recapCoverage({ talks: [{ talk: SELINUX, notes: notesOf(SELINUX) }] }).summary).toBe(
      'In the post: all 6 notes.',
    );
    expect(recapCoverage({ talks: [] }, { talks: [], moments: [] }).summary).toBe('No notes of the day yet.');
    // No day chosen: the recap holds nothing yet, which says nothing of the library.
    expect(recapCoverage({ talks: [] }).summary).toBe('No notes in this recap yet.');
  });

  it('writes counts as words in the right number', () => {
    expect([
      counted(0, 'note'),
      counted(1, 'note'),
      counted(2, 'note'),
      counted(1, 'to-do'),
      counted(3, 'to-do'),
    ]).toEqual(['0 notes', '1 note', '2 notes', '1 to-do', '3 to-dos']);
  });
});

describe('template faults of issue 11', () => {
  const deck = (url: string, updatedAt = 5): DeckRecord => ({
    id: `01CE0000000000000000000D${String(updatedAt).padStart(2, '0')}`,
    createdAt: 1,
    updatedAt,
    talkId: SELINUX.id,
    url,
    title: 'SELinux for Mere Mortals',
    platform: 'speakerdeck',
  });
  const slidesLine = (talk: TalkRecord, decks: DeckRecord[]) =>
    markdown({ event: EVENT, talks: [{ talk, notes: notesOf(talk), decks }] })
      .split('\n')
      .find((l) => l.includes('[Slides]'));

  it('“Slides” links the deck the user attached, not the session page’s link', () => {
    expect(slidesLine(SELINUX, [deck('https://speakerdeck.com/dwalsh/selinux-mortals')])).toBe(
      '[Dan Walsh](https://danwalsh.livejournal.com/) · 13:20–14:20 · Room 312 · [Slides](https://speakerdeck.com/dwalsh/selinux-mortals)',
    );
    // Several: the one changed last. A deck with no web link (a local file) gives way to the session's link.
    expect(
      slidesLine(SELINUX, [
        deck('https://speakerdeck.com/dwalsh/v2', 9),
        deck('https://speakerdeck.com/dwalsh/v1', 4),
      ]),
    ).toContain('[Slides](https://speakerdeck.com/dwalsh/v2)');
    expect(slidesLine(SELINUX, [deck('file:///home/me/selinux.pdf')])).toContain(
      '[Slides](https://www.redhat.com/summit/2012/presentations/selinux-for-mere-mortals.pdf)',
    );
    // A link the user typed in the talk's edit form wins over both.
    const typed = { ...SELINUX, slidesUrl: 'https://example.org/my-copy.pdf', editedFields: ['slidesUrl'] };
    expect(slidesLine(typed, [deck('https://speakerdeck.com/dwalsh/selinux-mortals')])).toContain(
      '[Slides](https://example.org/my-copy.pdf)',
    );
  });

  it('My takeaways: “{event}, {weekday}: my takeaways”, or the title typed; tags only of what it lists', () => {
    const talks = [GLUSTER, SELINUX, NETWORK].map((talk) => ({ talk, notes: notesOf(talk) }));
    const input: RecapInput = { event: EVENT, day: '2012-06-27', talks, moments: [BOOTH] };
    expect(markdown(input, 'builtin:my-takeaways', 'jekyll')).toBe(
      [
        '---',
        'layout: post',
        'title: "Red Hat Summit 2012, Wednesday: my takeaways"',
        'date: 2012-06-27',
        'tags: ["glusterfs", "virtualization", "selinux", "security", "networking", "performance", "fedora"]',
        'render_with_liquid: false',
        '---',
        '',
        '# Red Hat Summit 2012, Wednesday: my takeaways',
        '',
        '- Red Hat Storage 2.0 is GlusterFS 3.3 underneath — *GlusterFS and Red Hat Storage: the roadmap*',
        '- Granular locking in self-heal: VM images no longer freeze while a replica heals, so KVM image stores become realistic — *GlusterFS and Red Hat Storage: the roadmap*',
        "- Don't `setenforce 0`: run `audit2why`, most denials are mislabeled files — *SELinux for Mere Mortals*",
        '- One domain misbehaving: `semanage permissive -a httpd_t` instead of turning SELinux off for the whole box — *SELinux for Mere Mortals*',
        "- One stream will not reach 40 Gb/s untuned: keep IRQs *and* the application on the NIC's NUMA node — *Tuning RHEL 6 for 40 Gb/s networks*",
        '- The Fedora ARM team needs testers with real boards',
        '',
        'Tagged: glusterfs, virtualization, selinux, security, networking, performance, fedora',
        '',
      ].join('\n'),
    );
    const typed = markdown({ ...input, title: 'Boston, day two' }, 'builtin:my-takeaways');
    expect(typed.startsWith('# Boston, day two\n')).toBe(true);
    // Without an event day: the talk's title, then the date; with nothing to name, "My takeaways".
    const one = [{ talk: { ...SELINUX, startsAt: undefined }, notes: notesOf(SELINUX) }];
    expect(markdown({ talks: one }, 'builtin:my-takeaways')).toMatch(
      /^# SELinux for Mere Mortals: my takeaways\n/,
    );
    expect(markdown({ day: '2012-06-27', talks: one }, 'builtin:my-takeaways')).toMatch(
      /^# Wednesday, June 27, 2012: my takeaways\n/,
    );
    expect(markdown({ talks: [...one, ...one] }, 'builtin:my-takeaways')).toMatch(/^# My takeaways\n/);
  });

  it('My takeaways with no takeaway lists every note, and tags them all', () => {
    const plain = notesOf(NETWORK).map((n): NoteRecord => ({ ...n, kind: 'note' }));
    const md = markdown(
      { event: EVENT, day: '2012-06-27', talks: [{ talk: NETWORK, notes: plain }] },
      'builtin:my-takeaways',
    );
    expect(md).toContain(
      "- One stream will not reach 40 Gb/s untuned: keep IRQs *and* the application on the NIC's NUMA node — *Tuning RHEL 6 for 40 Gb/s networks*\n",
    );
    expect(md.endsWith('\nTagged: networking, performance, tuning\n')).toBe(true);
  });

  it('the Tagged line of every built-in names only tags of notes in the post and the talks’ own tags', () => {
    const tagged = { ...SELINUX, tags: ['security-track'] };
    const todo: NoteRecord = {
      ...notesOf(SELINUX)[0]!,
      id: '01CE00000000000000000N0090',
      kind: 'todo',
      tags: ['secret'],
    };
    const input: RecapInput = {
      event: EVENT,
      day: '2012-06-27',
      talks: [
        { talk: tagged, notes: [...notesOf(SELINUX), todo] },
        { talk: NETWORK, notes: notesOf(NETWORK), options: { include: 'quotes' } },
      ],
    };
    for (const id of ['builtin:day-recap', 'builtin:talk-notes', 'builtin:slides-digest']) {
      expect(markdown(input, id).endsWith('\nTagged: selinux, security, security-track\n')).toBe(true);
    }
    // My takeaways lists SELinux's takeaways only: the same tags (its takeaways carry them).
    expect(
      markdown(input, 'builtin:my-takeaways').endsWith('\nTagged: selinux, security, security-track\n'),
    ).toBe(true);
  });

  it('Jekyll and Hugo front matter carry the recap’s day as `date:`', () => {
    const talks = [{ talk: GLUSTER, notes: notesOf(GLUSTER) }];
    expect(markdown({ event: EVENT, day: '2012-06-27', talks }, 'builtin:day-recap', 'jekyll')).toMatch(
      /^---\nlayout: post\ntitle: "Red Hat Summit 2012: Wednesday"\ndate: 2012-06-27\n/,
    );
    expect(markdown({ event: EVENT, day: '2012-06-27', talks }, 'builtin:day-recap', 'hugo')).toMatch(
      /^---\ntitle: "Red Hat Summit 2012: Wednesday"\ndate: 2012-06-27\n/,
    );
    // Talks of two days: the day the newest note was written, at the venue (08:40 on Thursday in Boston).
    const twoDays = [SELINUX, THURSDAY].map((talk) => ({ talk, notes: notesOf(talk) }));
    expect(markdown({ event: EVENT, talks: twoDays }, 'builtin:day-recap', 'jekyll')).toMatch(
      /\ndate: 2012-06-28\n/,
    );
    // A talk without a start time: the day of its notes.
    const untimed = [
      { talk: { ...NETWORK, startsAt: undefined, endsAt: undefined }, notes: notesOf(NETWORK) },
    ];
    expect(markdown({ event: EVENT, talks: untimed }, 'builtin:day-recap', 'hugo')).toMatch(
      /\ndate: 2012-06-27\n/,
    );
  });
});
