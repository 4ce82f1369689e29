// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { canonicalUrl, cleanUrl, safeHttpUrl } from '../../../capture/url';

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
