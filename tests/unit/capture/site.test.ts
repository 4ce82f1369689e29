/**
 * "Same site" by the Public Suffix List (capture/site.ts). Every expected value here is written by
 * hand from the list's rules (co.uk and github.io are suffixes; a host under one is its own site).
 */
import { describe, expect, it } from 'vitest';
import { sameSite, siteOf } from '../../../capture/site';

describe('siteOf', () => {
  it('is the registrable domain, whatever the subdomain, scheme or port', () => {
    expect(siteOf('https://fosdem.org/2026/schedule/event/x/')).toBe('fosdem.org');
    expect(siteOf('http://video.fosdem.org:8080/2026/x.mp4')).toBe('fosdem.org');
    expect(siteOf('https://FOSDEM.org./')).toBe('fosdem.org'); // case and the root dot
  });
  it('counts multi-label ICANN suffixes: one label under co.uk is a site', () => {
    expect(siteOf('https://www.bbc.co.uk/news')).toBe('bbc.co.uk');
    expect(siteOf('https://conf.example.co.uk/talk')).toBe('example.co.uk');
    expect(siteOf('https://co.uk/')).toBe('co.uk'); // a bare suffix is only itself
  });
  it('counts private suffixes: each github.io user is a site of their own', () => {
    expect(siteOf('https://alice.github.io/slides/')).toBe('alice.github.io');
    expect(siteOf('https://deck.alice.github.io/')).toBe('alice.github.io');
    expect(siteOf('https://github.io/')).toBe('github.io');
  });
  it('takes IP addresses and localhost as they are', () => {
    expect(siteOf('http://127.0.0.1:8000/deck.html')).toBe('127.0.0.1');
    expect(siteOf('http://[::1]:3000/')).toBe('[::1]');
    expect(siteOf('http://localhost:5173/')).toBe('localhost');
  });
  it('has none for other schemes and for what is not a URL', () => {
    expect(siteOf('javascript:alert(1)')).toBeUndefined();
    expect(siteOf('file:///home/u/deck.html')).toBeUndefined();
    expect(siteOf('chrome-extension://abc/pdf.html')).toBeUndefined();
    expect(siteOf('not a url')).toBeUndefined();
    expect(siteOf('')).toBeUndefined();
    expect(siteOf(undefined)).toBeUndefined();
  });
  it('reads YouTube’s other hosts as YouTube (adapters build those URLs from the address)', () => {
    expect(siteOf('https://www.youtube-nocookie.com/embed/abcdef')).toBe('youtube.com');
    expect(siteOf('https://youtu.be/abcdef')).toBe('youtube.com');
  });
});

describe('sameSite', () => {
  it('holds across subdomains and schemes of one registrable domain', () => {
    expect(sameSite('https://fosdem.org/2026/', 'http://archive.fosdem.org/2019/')).toBe(true);
    expect(sameSite('https://www.bbc.co.uk/a', 'https://bbc.co.uk/b')).toBe(true);
  });
  it('does not hold for look-alike names, neighbours under one suffix, or different IPs', () => {
    expect(sameSite('https://evil.example/talk', 'https://fosdem.org/talk')).toBe(false);
    expect(sameSite('https://fosdem.org.evil.example/', 'https://fosdem.org/')).toBe(false);
    expect(sameSite('https://notfosdem.org/', 'https://fosdem.org/')).toBe(false); // a string suffix would say yes
    expect(sameSite('https://a.co.uk/', 'https://b.co.uk/')).toBe(false);
    expect(sameSite('https://alice.github.io/', 'https://bob.github.io/')).toBe(false);
    expect(sameSite('https://github.io/', 'https://alice.github.io/')).toBe(false);
    expect(sameSite('http://127.0.0.1/', 'http://127.0.0.2/')).toBe(false);
    expect(sameSite('http://localhost/', 'http://127.0.0.1/')).toBe(false);
  });
  it('holds for one IP or localhost on different ports', () => {
    expect(sameSite('http://127.0.0.1:8000/a', 'http://127.0.0.1:9000/b')).toBe(true);
    expect(sameSite('http://localhost:1/', 'http://localhost:2/')).toBe(true);
  });
  it('never holds when either side has no site', () => {
    expect(sameSite('file:///a', 'file:///a')).toBe(false);
    expect(sameSite(undefined, undefined)).toBe(false);
    expect(sameSite('https://fosdem.org/', 'javascript:void(0)')).toBe(false);
  });
});
