import { describe, expect, it } from 'vitest';
import { cleanName, cleanSpeakers, speakersFromText, splitSpeakers } from '../../../capture/speakers';

describe('speaker lists', () => {
  it('splits "A, B and C", "A & B", "A; B", Oxford commas and other languages', () => {
    expect(splitSpeakers('Ada Lovelace, Grace Hopper and Alan Turing')).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'Alan Turing',
    ]);
    expect(splitSpeakers('Ada Lovelace, Grace Hopper, and Alan Turing')).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'Alan Turing',
    ]);
    expect(splitSpeakers('Ada & Grace')).toEqual(['Ada', 'Grace']);
    expect(splitSpeakers('Ada; Grace | Alan')).toEqual(['Ada', 'Grace', 'Alan']);
    expect(splitSpeakers('Anna Schmidt und Jan Müller')).toEqual(['Anna Schmidt', 'Jan Müller']);
    expect(splitSpeakers('Martin Luther King, Jr. and Coretta Scott King')).toEqual([
      'Martin Luther King, Jr.',
      'Coretta Scott King',
    ]);
    expect(splitSpeakers('Alexander Anderson')).toEqual(['Alexander Anderson']); // "and" inside a word is not a joiner
  });

  it('strips markup and control characters, de-duplicates, bounds', () => {
    expect(cleanName('<b>Ada</b>\u202e Lovelace\u0000')).toBe('Ada Lovelace');
    expect(speakersFromText('by <a href="x">Ada</a> and <img src=x onerror=alert(1)>Grace')).toEqual([
      { name: 'Ada' },
      { name: 'Grace' },
    ]);
    expect(
      cleanSpeakers([
        { name: 'Ada' },
        { name: 'ada' },
        { name: '' },
        null,
        { name: 'Bob', url: 'javascript:x' },
      ]),
    ).toEqual([{ name: 'Ada' }, { name: 'Bob' }]);
    expect(cleanSpeakers(Array.from({ length: 80 }, (_, i) => ({ name: `P${i}` })))).toHaveLength(50);
  });
});
