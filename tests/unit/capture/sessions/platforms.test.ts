import { describe, expect, it } from 'vitest';
import { captureFixture } from './load';

describe('YouTube adapter', () => {
  it('reads the saved watch page: title, channel as speaker, description, canonical videoUrl', () => {
    const c = captureFixture(
      'youtube-watch.html',
      'https://www.youtube.com/watch?v=DIsktwOQZuU&t=42s&si=abc',
    );
    expect(c.platform).toBe('youtube');
    expect(c.kind).toBe('video');
    expect(c.url).toBe('https://www.youtube.com/watch?v=DIsktwOQZuU');
    expect(c.talk).toEqual({
      title: 'GBAF 2024 – Highlights',
      speakers: [{ name: 'Global Brain', url: 'http://www.youtube.com/@globalbrain6133' }],
      abstract:
        'The Global Brain Alliance Forum (GBAF) is a conference where participants explore the latest trends surrounding startups, bringing together startups and larg...',
      url: 'https://www.youtube.com/watch?v=DIsktwOQZuU',
      videoUrl: 'https://www.youtube.com/watch?v=DIsktwOQZuU',
    });
  });

  it('ignores the first-load metadata once YouTube has navigated to another video', () => {
    const c = captureFixture('youtube-watch.html', 'https://www.youtube.com/watch?v=OTHERvideo1');
    expect(c.talk?.speakers).toEqual([]);
    expect(c.talk?.url).toBe('https://www.youtube.com/watch?v=OTHERvideo1');
  });
});

describe('Vimeo adapter', () => {
  it('reads the saved page head: title, description, canonical URL; no uploader is invented', () => {
    const c = captureFixture('vimeo-video.html', 'https://vimeo.com/637403296');
    expect(c.platform).toBe('vimeo');
    expect(c.talk).toMatchObject({
      title: 'Burberry - Open Spaces / Dir. Megaforce',
      speakers: [],
      url: 'https://vimeo.com/637403296',
      videoUrl: 'https://vimeo.com/637403296',
    });
    expect(c.talk?.abstract).toContain('FULL CREDITS');
  });
});
