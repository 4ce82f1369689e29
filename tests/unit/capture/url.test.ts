// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../capture/site';
import { cleanUrl, safeHttpUrl, youtubeId } from '../../../capture/url';

describe('capture URLs', () => {
  it('drops tracking parameters and the fragment, keeps the rest', () => {
    expect(cleanUrl('https://e.org/t?id=4&utm_source=x&fbclid=y&gclid=z#/3')).toBe('https://e.org/t?id=4');
  });
  it('uses rel=canonical when it is http(s), resolved against the page', () => {
    document.head.innerHTML = '<link rel="canonical" href="/talks/1?utm_medium=a">';
    expect(canonicalUrl(document, new URL('https://e.org/x?y=1'))).toBe('https://e.org/talks/1');
    document.head.innerHTML = '<link rel="canonical" href="javascript:alert(1)">';
    expect(canonicalUrl(document, new URL('https://e.org/x#frag'))).toBe('https://e.org/x');
  });
  it('only lets http(s) links through', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,hi')).toBeUndefined();
    expect(safeHttpUrl('//cdn.example/x', 'https://e.org/')).toBe('https://cdn.example/x');
    expect(safeHttpUrl('not a url')).toBeUndefined();
  });
});

describe('youtubeId', () => {
  const id = (u: string) => youtubeId(new URL(u));
  it('reads the id from every YouTube URL shape', () => {
    expect(id('https://www.youtube.com/watch?v=Q2PwKQCkZJ4&t=42s')).toBe('Q2PwKQCkZJ4');
    expect(id('https://m.youtube.com/watch?v=Q2PwKQCkZJ4')).toBe('Q2PwKQCkZJ4');
    expect(id('https://youtu.be/Q2PwKQCkZJ4?t=10')).toBe('Q2PwKQCkZJ4');
    expect(id('https://www.youtube.com/embed/Q2PwKQCkZJ4?start=3')).toBe('Q2PwKQCkZJ4');
    expect(id('https://www.youtube-nocookie.com/embed/Q2PwKQCkZJ4')).toBe('Q2PwKQCkZJ4');
    expect(id('https://www.youtube.com/live/Q2PwKQCkZJ4?si=abc')).toBe('Q2PwKQCkZJ4');
    expect(id('https://www.youtube.com/shorts/Q2PwKQCkZJ4')).toBe('Q2PwKQCkZJ4');
    expect(id('https://music.youtube.com/watch?v=Q2PwKQCkZJ4')).toBe('Q2PwKQCkZJ4');
  });
  it('answers nothing for other pages and other hosts', () => {
    expect(id('https://www.youtube.com/')).toBeUndefined();
    expect(id('https://www.youtube.com/@channel/videos')).toBeUndefined();
    expect(id('https://www.youtube.com/results?search_query=gluster')).toBeUndefined();
    expect(id('https://example.org/watch?v=Q2PwKQCkZJ4')).toBeUndefined();
    expect(id('https://notyoutube.com/embed/Q2PwKQCkZJ4')).toBeUndefined();
    expect(id('https://youtu.be/')).toBeUndefined();
    expect(id('https://www.youtube.com/watch?v=<script>')).toBeUndefined();
  });
});
