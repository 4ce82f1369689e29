import { describe, expect, it } from 'vitest';
import { mergeTags, normalizeTag, parseTags } from '../../../storage/tags';

describe('parseTags', () => {
  it('finds hashtags and normalises them', () => {
    expect(parseTags('Replicate translator needs tuning #GlusterFS #storage')).toEqual([
      'glusterfs',
      'storage',
    ]);
  });
  it('keeps non-Latin letters, digits, dash and underscore', () => {
    expect(parseTags('#Производительность and #日本語 and #k8s-tips #snake_case')).toEqual([
      'производительность',
      '日本語',
      'k8s-tips',
      'snake_case',
    ]);
  });
  it('keeps combining marks (Devanagari)', () => {
    expect(parseTags('नोट #हिन्दी')).toEqual(['हिन्दी']);
  });
  it('ignores numbers, C#, headings and mid-word #', () => {
    expect(parseTags('Fixes #123. Written in C# and F#. foo#bar')).toEqual([]);
    expect(parseTags('# Heading\n## Sub heading #real')).toEqual(['real']);
  });
  it('ignores URL fragments, link targets and autolinks', () => {
    expect(
      parseTags(
        'See https://example.com/page#section and [doc](https://x.org/#frag) <https://y.org/#z> www.a.com/#b',
      ),
    ).toEqual([]);
  });
  it('ignores inline code and code blocks', () => {
    const body =
      'Run `grep #notatag` then\n```\n#include <stdio.h>\n```\n    #indented\n~~~\n#tilde\n~~~\nafter #kept';
    expect(parseTags(body)).toEqual(['kept']);
  });
  it('strips trailing punctuation and de-duplicates', () => {
    expect(parseTags('#storage. #Storage, (#ceph)')).toEqual(['storage', 'ceph']);
  });
});

describe('normalizeTag', () => {
  it('lower-cases, strips # and turns spaces into dashes', () => {
    expect(normalizeTag('  #Open Source  ')).toBe('open-source');
  });
  it('rejects tags without a letter', () => {
    expect(normalizeTag('#2012')).toBe('');
    expect(normalizeTag('---')).toBe('');
  });
  it('drops characters a tag cannot hold', () => {
    expect(normalizeTag('<b>x</b>')).toBe('bxb');
  });
});

describe('mergeTags', () => {
  it('merges explicit tags with parsed ones, normalised and unique', () => {
    expect(mergeTags(['glusterfs'], ['GlusterFS', 'Red Hat', ''])).toEqual(['glusterfs', 'red-hat']);
  });
});
