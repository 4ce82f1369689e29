// @vitest-environment jsdom
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { annotationCollection } from '../../../recap/annotations';
import { notesArchive } from '../../../recap/archive';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { makeZip, slugify } from '../../../recap/files';
import { markdownToSafeHtml } from '../../../recap/html';
import { EVENT, GLUSTER, NETWORK, NOTES, SELINUX } from '../../fixtures/recap/summit-2012';

/** This test is about the bullet template ("Talk notes (bullets)"); new recaps start on the Day post. */
const BULLETS = builtinTemplate('builtin:day-recap')!.source;

describe('rich HTML', () => {
  it('renders the recap as HTML with headings, lists and links, and nothing active', () => {
    const result = composeRecap(
      {
        event: EVENT,
        day: '2012-06-27',
        talks: [GLUSTER, SELINUX, NETWORK].map((talk) => ({
          talk,
          notes: NOTES.filter((n) => n.talkId === talk.id),
        })),
      },
      { frontMatter: 'jekyll', template: BULLETS },
    );
    if (!result.ok) throw new Error(result.error.message);
    const html = markdownToSafeHtml(result.markdown);
    expect(html).toMatch(/^<h1>Red Hat Summit 2012: Wednesday<\/h1>/);
    expect(html).toContain(
      '<a href="https://www.redhat.com/summit/2012/presentations/selinux-for-mere-mortals.pdf" target="_blank" rel="noopener noreferrer">Slides</a>',
    );
    expect(html).not.toContain('layout: post');
  });

  it('shows raw HTML of hand-written Markdown as text and drops javascript: links', () => {
    const html = markdownToSafeHtml(
      '<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) <iframe src="https://x"></iframe>',
    );
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer">a</a>');
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img|<iframe|javascript:/);
  });

  it('lets raw HTML through only when asked (a template written on this device), still sanitised', () => {
    const html = markdownToSafeHtml('<b onclick="steal()">bold</b> <script>alert(1)</script>', window, {
      keepHtml: true,
    });
    expect(html).toBe('<p><b>bold</b> </p>\n');
  });

  it('blocks images from other sites (a link stands in) unless allowed; the recap’s own stay', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const md = `![a chart](https://tracker.example/p.png) ![slide](${png}) ![x](data:image/svg+xml,<svg/>)`;
    expect(markdownToSafeHtml(md)).toBe(
      `<p><a href="https://tracker.example/p.png" target="_blank" rel="noopener noreferrer" data-remote-image="">Image from tracker.example: a chart (not loaded)</a> <img src="${png}" alt="slide"> <span data-remote-image="">Image: x (not loaded)</span></p>\n`,
    );
    expect(markdownToSafeHtml(md, window, { images: 'keep' })).toContain(
      '<img src="https://tracker.example/p.png" alt="a chart">',
    );
    const local = markdownToSafeHtml(md, window, {
      images: (src) => (src === 'https://tracker.example/p.png' ? 'blob:chrome-extension://x/1' : null),
    });
    expect(local).toContain('<img src="blob:chrome-extension://x/1" alt="a chart">');
  });
});

describe('files', () => {
  it('slugifies titles into safe file names', () => {
    expect(slugify('Red Hat Summit 2012: Wednesday')).toBe('red-hat-summit-2012-wednesday');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('***')).toBe('recap');
  });

  it('zips a recap with its images, renaming clashes', () => {
    const zip = unzipSync(
      makeZip([
        { path: 'recap.md', data: '# Hi' },
        { path: 'images/a.png', data: new Uint8Array([1, 2, 3]) },
        { path: 'recap.md', data: '# Again' },
      ]),
    );
    expect(Object.keys(zip).sort()).toEqual(['images/a.png', 'recap-2.md', 'recap.md']);
    expect(strFromU8(zip['recap.md']!)).toBe('# Hi');
  });

  it('archives one Markdown file per talk with front matter', () => {
    const talks = [GLUSTER, SELINUX, NETWORK].map((talk) => ({
      talk,
      event: EVENT,
      notes: NOTES.filter((n) => n.talkId === talk.id),
    }));
    const loose = [
      {
        ...NOTES[0]!,
        id: 'LOOSE1',
        talkId: undefined,
        url: 'https://example.org/blog',
        pageTitle: 'A blog post',
      },
    ];
    const zip = unzipSync(notesArchive(talks, loose));
    expect(Object.keys(zip).sort()).toEqual([
      'pages/a-blog-post.md',
      'red-hat-summit-2012/2012-06-27-glusterfs-and-red-hat-storage-the-roadmap.md',
      'red-hat-summit-2012/2012-06-27-selinux-for-mere-mortals.md',
      'red-hat-summit-2012/2012-06-27-tuning-rhel-6-for-40-gb-s-networks.md',
    ]);
    const selinux = strFromU8(zip['red-hat-summit-2012/2012-06-27-selinux-for-mere-mortals.md']!);
    expect(selinux).toMatch(
      /^---\ntitle: "SELinux for Mere Mortals"\ndate: 2012-06-27\ntags: \["selinux", "security"\]\nevent: "Red Hat Summit 2012"\nspeakers: \["Dan Walsh"\]\n/,
    );
    expect(selinux).toContain('# SELinux for Mere Mortals');
    expect(selinux).toContain('## Takeaways');
  });
});

describe('Web Annotation export', () => {
  it('targets the page with slide, time and quote selectors', () => {
    const quoted = {
      ...NOTES[8]!,
      anchor: { slide: { index: 7, label: '8' }, quote: { exact: 'labeling system', prefix: 'is a ' } },
    };
    const video = { ...NOTES[9]!, url: 'https://www.youtube.com/watch?v=x', anchor: { time: 754.5 } };
    const doc = annotationCollection([quoted, video, { ...NOTES[10]!, deletedAt: 1 }]);
    expect(doc).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 2,
    });
    const [a, b] = (doc.first as { items: Record<string, unknown>[] }).items;
    expect(a).toMatchObject({
      type: 'Annotation',
      motivation: 'highlighting',
      target: {
        source: quoted.url,
        selector: {
          type: 'FragmentSelector',
          value: 'page=8',
          refinedBy: { type: 'TextQuoteSelector', exact: 'labeling system', prefix: 'is a ' },
        },
      },
    });
    expect(b).toMatchObject({
      target: {
        selector: {
          type: 'FragmentSelector',
          conformsTo: 'http://www.w3.org/TR/media-frags/',
          value: 't=754.5',
        },
      },
    });
  });
});
