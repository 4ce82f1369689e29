// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { MAX_QUOTE, quoteBody, readSelection, textQuoteSelector } from '../../../capture/quote';
import { detectKind } from '../../../storage/kinds';

describe('textQuoteSelector', () => {
  it('builds a W3C TextQuoteSelector with 32 characters of context', () => {
    const s = textQuoteSelector({
      exact: 'Storage is  hard',
      before: `${'x'.repeat(100)} As Jeff said:\n`,
      after: ' — and replication is harder, as everyone who tried it knows.',
    });
    expect(s).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Storage is hard',
      prefix: 'xxxxxxxxxxxxxxxxx As Jeff said: ',
      suffix: ' — and replication is harder, as',
    });
    expect(s?.prefix).toHaveLength(32);
    expect(s?.suffix).toHaveLength(32);
  });
  it('gives nothing for an empty or missing selection, and caps long ones', () => {
    expect(textQuoteSelector({ exact: '  \n ' })).toBeNull();
    expect(textQuoteSelector(null)).toBeNull();
    expect(textQuoteSelector({ exact: 'a'.repeat(MAX_QUOTE + 10) })?.exact).toHaveLength(MAX_QUOTE);
    expect(textQuoteSelector({ exact: 'just this' })).toEqual({
      type: 'TextQuoteSelector',
      exact: 'just this',
    });
  });
  it('keeps a space the trimmed quote dropped in the context, and never splits emoji', () => {
    const s = textQuoteSelector({ exact: ' word ', before: 'before', after: 'after' });
    expect(s).toMatchObject({ exact: 'word', prefix: 'before ', suffix: ' after' });
    const e = textQuoteSelector({ exact: 'x', before: '🚀'.repeat(40), after: '' });
    expect(Array.from(e?.prefix ?? '')).toHaveLength(32);
  });
});

describe('quote notes', () => {
  it('are Markdown block quotes, so they are quote notes', () => {
    expect(quoteBody('line one\nline two')).toBe('> line one\n> line two');
    expect(detectKind(quoteBody('Storage is hard'))).toBe('quote');
  });
});

describe('readSelection (runs in the page)', () => {
  it('reads the selection and the text around it', () => {
    document.body.innerHTML = '<p>Intro text. <b>Storage is hard</b> and then more text follows.</p>';
    const b = document.querySelector('b')!;
    const range = document.createRange();
    range.selectNodeContents(b);
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    expect(readSelection(32)).toEqual({
      exact: 'Storage is hard',
      before: 'Intro text. ',
      after: ' and then more text follows.',
    });
  });
  it('reads a selection inside a text field, and nothing when nothing is selected', () => {
    document.body.innerHTML = '<textarea>abc quoted part xyz</textarea>';
    const area = document.querySelector('textarea')!;
    area.focus();
    area.setSelectionRange(4, 15);
    expect(readSelection(32)).toEqual({ exact: 'quoted part', before: 'abc ', after: ' xyz' });
    area.setSelectionRange(0, 0);
    document.getSelection()?.removeAllRanges();
    expect(readSelection(32)).toBeNull();
  });
});
