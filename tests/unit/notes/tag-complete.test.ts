import { describe, expect, it } from 'vitest';
import { applyTag, partialTagAt, suggestTags } from '../../../components/notes/tag-complete';

describe('tag autocompletion', () => {
  it('finds the #partial before the caret', () => {
    expect(partialTagAt('tuning #Glu', 11)).toEqual({ start: 7, typed: 'Glu' });
    expect(partialTagAt('#', 1)).toEqual({ start: 0, typed: '' });
    expect(partialTagAt('C# is', 2)).toBeNull();
    expect(partialTagAt('see https://x.org/#frag', 23)).toBeNull();
  });
  it('suggests known tags by prefix, shortest first, case-insensitively', () => {
    expect(suggestTags(['storage', 'glusterfs', 'gluster', 'selinux'], 'Glu')).toEqual([
      'gluster',
      'glusterfs',
    ]);
    expect(suggestTags(['日本語', 'storage'], '日')).toEqual(['日本語']);
  });
  it('replaces the partial with the chosen tag and a space', () => {
    expect(applyTag('tuning #Glu now', 11, { start: 7, typed: 'Glu' }, 'glusterfs')).toEqual({
      text: 'tuning #glusterfs now',
      caret: 17,
    });
    expect(applyTag('#st', 3, { start: 0, typed: 'st' }, 'storage')).toEqual({ text: '#storage ', caret: 9 });
  });
});
