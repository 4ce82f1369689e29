// @vitest-environment jsdom
/**
 * Programme pages (capture/sessions/programme.ts) on real saved pages of four sites
 * (tests/fixtures/pages/programme/*: each header names repository, path and commit). The expected
 * talks are what a person reads off each page: titles, speakers, times in the zone the page names,
 * and the event's name. Then the other side: a talk page is not a programme, and hostile tables
 * give less data, never an exception.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../capture';
import { parseCapture } from '../../../capture/schema';
import { readProgramme } from '../../../capture/sessions/programme';
import type { PageCapture, TalkRef } from '../../../capture/types';

function page(name: string, url: string): Document {
  const html = readFileSync(resolve('tests/fixtures/pages/programme', name), 'utf8');
  return new JSDOM(html, { url }).window.document;
}

function capture(name: string, url: string): PageCapture {
  return capturePage(page(name, url), url);
}

const titles = (c: PageCapture) => (c.schedule ?? []).map((t) => t.title);
const byTitle = (c: PageCapture, title: string): TalkRef | undefined =>
  c.schedule?.find((t) => t.title === title);

describe('3DOR 2021 workshop programme (a table per day, times "based on … (BST/GMT+01/UTC+01)")', () => {
  const url = 'https://3dor2021.github.io/programme.html';
  const c = capture('3dor-2021-programme.html', url);

  it('is a programme of the event named by the title (the page has no h1)', () => {
    expect(c).toMatchObject({ kind: 'page', platform: 'programme', event: { name: '3DOR 2021' } });
    expect(parseCapture(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('lists the 20 items of both days in order, breaks left out', () => {
    expect(titles(c)).toEqual([
      'Workshop opening',
      'Learning to See in the Data Age',
      'A Comprehensive Survey of LIDAR-Based 3D Object Detection Methods with Deep Learning for Autonomous Driving',
      '‘CADSketchNet’ - An Annotated Sketch Dataset for 3D CAD Model Retrieval with Deep Neural Networks',
      'Snap2CAD: 3D Indoor Environment Reconstruction for AR/VR Applications Using a Smartphone Device',
      'SHREC opening',
      'SHREC 2021: Skeleton-Based Hand Gesture Recognition in the Wild',
      'SHREC 2021: Retrieval of Cultural Heritage Objects',
      'SHREC 2021: Quantifying Shape Complexity',
      'SHREC 2021: 3D Point Cloud Change Detection for Street Scenes',
      'Closing',
      'Cross-Time Registration of 3D Point Clouds',
      'Partial 3D Object Retrieval Using Local Binary QUICCI Descriptors and Dissimilarity Tree Indexing',
      'Fit4CAD: A Point Cloud Benchmark for Fitting Simple Geometric Primitives in CAD Objects',
      'Shape Classification of Building Information Models Using Neural Networks',
      'SHREC 2021: Retrieval and Classification of Protein Surfaces Equipped With Physical and Chemical Properties',
      'SHREC 2021: Classification in Cryo-Electron Tomograms',
      'SHREC 2021: Surface-Based Protein Domains Retrieval',
      'Learning Structured Implicit Shape Representations',
      "An open discussion about next year's event",
    ]);
  });

  it('reads the keynote speaker without "Prof.", the authors of a paper and its video, and times at +01:00', () => {
    expect(byTitle(c, 'Learning to See in the Data Age')).toEqual({
      title: 'Learning to See in the Data Age',
      speakers: [{ name: 'Alexander M. Bronstein' }],
      startsAt: '2021-09-02T13:10:00+01:00',
      videoUrl: 'https://www.youtube.com/watch?v=How3p_HSWD0', // "Watch video" beside it, not part of the title
    });
    expect(
      byTitle(
        c,
        '‘CADSketchNet’ - An Annotated Sketch Dataset for 3D CAD Model Retrieval with Deep Neural Networks',
      ),
    ).toEqual({
      title:
        '‘CADSketchNet’ - An Annotated Sketch Dataset for 3D CAD Model Retrieval with Deep Neural Networks',
      speakers: [
        { name: 'Bharadwaj Manda' },
        { name: 'Shubham Dhayarkar' },
        { name: 'Sai Mitheran' },
        { name: 'Viekash V K' },
        { name: 'Ramanathan Muthuganapathy' },
      ],
      startsAt: '2021-09-02T14:30:00+01:00',
      // its title links the paper on doi.org: another site's URL is never a talk's identity (sessions/post.ts)
      videoUrl: 'https://www.youtube.com/watch?v=snvcuHgJi-k',
    });
    expect(byTitle(c, 'Cross-Time Registration of 3D Point Clouds')).toMatchObject({
      speakers: [{ name: 'Evdokia Saiti' }, { name: 'Antonios Danelakis' }, { name: 'Theoharis Theoharis' }],
      startsAt: '2021-09-03T13:00:00+01:00',
      videoUrl: 'https://www.youtube.com/watch?v=Us4Mg-p-QyY',
    });
  });

  it('takes "(live)" and "(Chairs)" for notes, not speakers', () => {
    expect(byTitle(c, 'Workshop opening')).toEqual({
      title: 'Workshop opening',
      speakers: [],
      startsAt: '2021-09-02T13:00:00+01:00',
    });
    expect(byTitle(c, 'SHREC opening')?.speakers).toEqual([]);
  });
});

describe('9th NDN Hackathon program (h2 per day, "8:30 am - 9:30 am" rows, no time zone named)', () => {
  const url = 'https://9th-ndn-hackathon.named-data.net/program.html';
  const c = capture('ndn-hackathon-9-program.html', url);

  it('lists the hackathon’s sessions without lunch and dinner, and no start time (the page names no zone)', () => {
    expect(c).toMatchObject({
      platform: 'programme',
      event: { name: '9th Named Data Networking (NDN) Hackathon' },
    });
    expect(c.schedule).toEqual([
      { title: 'Welcome remarks, project idea pitches, and forming teams', speakers: [] },
      { title: 'Hacking', speakers: [] },
      { title: 'Hacking, wrapping up and preparing projects for judging', speakers: [] },
      { title: 'Project demonstration, judging and reception', speakers: [] },
    ]);
  });

  it('given the zone by hand (as a person in Gaithersburg would read it), the days and clocks are the page’s', () => {
    const doc = page('ndn-hackathon-9-program.html', url);
    const note = doc.createElement('p');
    note.textContent = 'All times are EDT.';
    doc.querySelector('article section')?.prepend(note);
    const withZone = readProgramme(doc, new URL(url));
    expect(withZone?.schedule?.[0]).toMatchObject({
      startsAt: '2019-09-07T08:30:00-04:00',
      endsAt: '2019-09-07T09:30:00-04:00',
    });
    expect(withZone?.schedule?.[3]).toMatchObject({
      startsAt: '2019-09-08T13:00:00-04:00',
      endsAt: '2019-09-08T15:00:00-04:00',
    });
  });
});

describe('ICC 2025 RAS workshop schedule (cards under sessions, "IST/UTC +5:30", one date on the page)', () => {
  const url = 'https://icc25-ras-workshop.example/schedule';
  const c = capture('icc-2025-workshop-schedule.html', url);

  it('lists the invited talks under their session as track, then the lightning talks and the panel', () => {
    expect(c).toMatchObject({
      platform: 'programme',
      event: { name: 'Indian Control Conference 2025 RAS Workshop' },
    });
    expect(c.schedule).toEqual([
      {
        title: 'Navigating the Affordance Landscape for Continual Agent Adaptation',
        speakers: [{ name: 'Khimya Khetarpal' }],
        startsAt: '2025-12-18T09:00:00+05:30',
        endsAt: '2025-12-18T09:45:00+05:30',
        track: 'Invited Talks',
      },
      {
        title: 'Adaptive Intelligence Across Domains: From Electric Grids to Subsurface Sensing',
        speakers: [{ name: 'Niladri Das' }],
        startsAt: '2025-12-18T09:45:00+05:30',
        endsAt: '2025-12-18T10:30:00+05:30',
        track: 'Invited Talks',
      },
      {
        title: 'Formation Control and Rigidity: Graph Theoretic Underpinnings',
        speakers: [{ name: 'Dwaipayan Mukherjee' }],
        startsAt: '2025-12-18T11:00:00+05:30',
        endsAt: '2025-12-18T11:45:00+05:30',
        track: 'Invited Talks',
      },
      {
        title: 'Motion Planning and Guidance for Autonomous Systems',
        speakers: [{ name: 'Satadal Ghosh' }],
        startsAt: '2025-12-18T11:45:00+05:30',
        endsAt: '2025-12-18T12:30:00+05:30',
        track: 'Invited Talks',
      },
      {
        title: 'Lightning Talks',
        speakers: [],
        startsAt: '2025-12-18T14:00:00+05:30',
        endsAt: '2025-12-18T15:30:00+05:30',
      },
      {
        title: 'Panel Discussion',
        speakers: [],
        startsAt: '2025-12-18T16:00:00+05:30',
        endsAt: '2025-12-18T17:30:00+05:30',
      },
    ]);
  });
});

describe('3D GeoInfo 2021 programme (program.html loaded into the site’s index.html; rows of time + parallel sections)', () => {
  const url = 'https://3dgeoinfo2021.github.io/';
  const c = capture('3dgeoinfo-2021-program.html', url);

  it('names the event from its h1 (a line break is a space) and lists the first day in order', () => {
    expect(c).toMatchObject({ platform: 'programme', event: { name: 'The 16th 3D GeoInfo Conference' } });
    expect(c.schedule?.slice(0, 8)).toEqual([
      { title: 'Event Start - Join Us on Remo!', speakers: [] },
      { title: 'Opening Remarks', speakers: [{ name: 'Debra Laefer' }, { name: 'Alias Abdul Rahman' }] },
      {
        title: 'Opening Keynote: Economic Activity in Three Dimensional Space',
        speakers: [{ name: 'Paul Romer' }],
      },
      {
        title: 'Keynote: 3D Spaces: Definitions, Models, Applications',
        speakers: [{ name: 'Sisi Zlatanova' }],
      },
      // 10:15 Break is not a talk; 10:30–12:15 holds two parallel sections, then their papers side by side
      { title: 'Section 1A: Data Creation and Management', speakers: [] },
      { title: 'Section 1B: 3D LA and BIM (Infrastructure, building)', speakers: [] },
      {
        title:
          'Computing watertight Volumetric Models from Boundary Representations to ensure consistent topological operations',
        speakers: [{ name: 'Markus Wilhelm Jahn' }, { name: 'Patrick Erik Bradley' }],
      },
      {
        title: 'Converting BIM Data to CityGML for 3D Cadastre Purposes',
        speakers: [{ name: 'Hanis Rashidan' }, { name: 'Alias Abdul Rahman' }],
      },
    ]);
  });

  it('keeps "Zoom Link" out of titles and affiliations out of names, and gives no names from a labelled line', () => {
    expect(byTitle(c, 'Point Cloud Management in Oracle Spatial')?.speakers).toEqual([
      { name: 'Mike Horhammer' },
    ]);
    // "Moderator: Gene Roe, Panelists: Shehzan Mohammed (Cesium), …": left out rather than half-read
    expect(byTitle(c, "Panel: America's Future With LiDAR and Digital Twin")?.speakers).toEqual([]);
    expect(titles(c).filter((t) => /zoom link/i.test(t))).toEqual([]);
  });

  it('gives no start times: the page names its zone (EDT) but its days only as tabs ("11 Oct", no year)', () => {
    expect(c.schedule?.filter((t) => t.startsAt)).toEqual([]);
  });
});

describe('pages that are not programmes', () => {
  const doc = (html: string, url: string) => new JSDOM(html, { url }).window.document;

  it('a talk page whose sidebar lists the other talks of its session', () => {
    const url = 'https://conf.example/talks/rust-in-prod/';
    const html = `<h1>Rust in production</h1><p>By Ada Lovelace</p><aside><h2>This session</h2><table>
      <tr><td>10:00</td><td>Opening</td></tr><tr><td>10:15</td><td>Rust in production</td></tr>
      <tr><td>11:00</td><td>Go at scale</td></tr><tr><td>11:45</td><td>Zig for C programmers</td></tr></table></aside>`;
    expect(capturePage(doc(html, url), url).platform).not.toBe('programme');
  });

  it('an article whose sections each carry a time (a live blog) does not call itself a programme', () => {
    const url = 'https://news.example/2026/live-coverage/';
    const html = `<h1>Election night, live</h1>${[1, 2, 3, 4, 5].map((i) => `<section><span>2${i}:00</span><h2>Update ${i}</h2><p>Counting goes on in district ${i}.</p></section>`).join('')}`;
    expect(capturePage(doc(html, url), url).platform).not.toBe('programme');
  });

  it('two timed rows are not a programme', () => {
    const url = 'https://conf.example/';
    const html =
      '<h1>Meetup</h1><table><tr><td>18:00</td><td>Doors</td></tr><tr><td>18:30</td><td>A talk</td></tr></table>';
    expect(capturePage(doc(html, url), url).platform).not.toBe('programme');
  });

  /** Every saved talk and session page (other helpers add pages too): none is a programme. */
  function files(dir: string): string[] {
    const out: string[] = [];
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'programme') out.push(...files(path));
      } else if (name.endsWith('.html')) out.push(path);
    }
    return out;
  }
  it.each([...files(resolve('tests/fixtures/pages')), ...files(resolve('tests/fixtures/sessions'))])(
    '%s is not a programme',
    (file) => {
      const url = 'https://conference.example/talks/some-talk/';
      expect(capturePage(doc(readFileSync(file, 'utf8'), url), url).platform).not.toBe('programme');
    },
  );
});

describe('hostile programmes', () => {
  const doc = (html: string, url: string) => new JSDOM(html, { url }).window.document;

  it('3,000 rows (more than are read) with markup in titles: bounded plain text, no exception', () => {
    const url = 'https://conf.example/programme';
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `<tr><td>${String(8 + (i % 10)).padStart(2, '0')}:00</td><td>&lt;img src=x onerror=alert(${i})&gt; Talk ${i}<div class="font-italic">(A. Person)</div></td></tr>`,
    ).join('');
    const c = capturePage(doc(`<h1>Big Conf</h1><table>${rows}</table>`, url), url);
    expect(c.platform).toBe('programme');
    expect(c.schedule?.length).toBe(400); // the rows read (MAX_ROWS): a 2 MB page stays within the capture budget
    expect(c.schedule?.[0]).toEqual({ title: 'Talk 0', speakers: [{ name: 'A. Person' }] }); // tag-like text dropped
    expect(parseCapture(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('a sponsor table and "Speaker: TBA" give no speakers', () => {
    const url = 'https://conf.example/programme';
    const html = `<h1>Conf</h1><table><tr><td>09:00</td><td>Keynote<div class="font-italic">TBA</div></td></tr>
      <tr><td>10:00</td><td>Talk one<div class="font-italic">(tbd)</div></td></tr>
      <tr><td>11:00</td><td>Talk two<small>Session 2</small></td></tr></table>
      <table><tr><th>Sponsor</th><th>Level</th></tr><tr><td>ACME</td><td>Gold</td></tr></table>`;
    const c = capturePage(doc(html, url), url);
    expect(c.schedule?.map((t) => t.speakers)).toEqual([[], [], []]);
  });
});
