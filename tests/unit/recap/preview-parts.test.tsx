// @vitest-environment jsdom
/**
 * The composer's preview of a very large day paints the talks in view first and the rest after
 * (components/recap/RecapPreview.tsx): the post is cut into parts that render the same apart as
 * together (recap/preview-parts.ts). Proven here against rendering the whole post at once, on the
 * corpus through every built-in template and on cases that must not be cut; and the preview shows
 * the first talk before the last, then the whole post.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RecapPreview } from '../../../components/recap/RecapPreview';
import { BUILTIN_TEMPLATES } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { renderSafeHtml } from '../../../recap/html';
import { previewParts } from '../../../recap/preview-parts';
import { corpusDay } from '../../corpus-day';

afterEach(cleanup);

/** HTML as a reader sees it: the white space between elements does not show. */
const shown = (html: string) => html.replace(/>\s+</g, '><').trim();
const whole = (md: string) => shown(renderSafeHtml(md, window).html);
const inParts = (md: string) =>
  shown(
    previewParts(md)
      .map((p) => renderSafeHtml(p, window).html)
      .join(''),
  );

function corpusPost(template: string, notes = 200): string {
  const input = corpusDay({ notes, talks: 5, seed: 3 });
  const result = composeRecap(input, { template });
  if (!result.ok) throw new Error(result.error.message);
  return result.markdown;
}

describe('previewParts', () => {
  it('loses nothing and renders as the whole post does, through every built-in template', () => {
    for (const t of BUILTIN_TEMPLATES) {
      const post = corpusPost(t.source);
      const parts = previewParts(post);
      expect(parts.join('')).toBe(post);
      expect(inParts(post)).toBe(whole(post));
    }
    // The default template writes a paragraph per talk: the post is cut between them.
    expect(previewParts(corpusPost(BUILTIN_TEMPLATES[0]!.source)).length).toBeGreaterThan(5);
  });

  it('does not cut where a block outlives a blank line, or where a definition is read from afar', () => {
    const cases = [
      '# T\n\n```\ncode\n\nmore code\n```\n\nafter',
      '# T\n\n<!--\n\nhidden\n\n-->\n\nafter',
      '# T\n\n- one\n\n- two\n\n  still two\n\nafter',
      '# T\n\n> quote\n\nafter',
      '# T\n\nsee [the docs][d]\n\n[d]: https://example.org',
      '# T\n\n1. one\n\n2. two\n\nafter',
    ];
    for (const md of cases) {
      expect(previewParts(md).join('')).toBe(md);
      expect(inParts(md)).toBe(whole(md));
    }
    expect(previewParts(cases[0]!)).toHaveLength(1);
    expect(previewParts('# T\n\npara one\n\npara two')).toEqual(['# T\n\n', 'para one\n\n', 'para two']);
    expect(previewParts(cases[4]!)).toHaveLength(1);
  });
});

describe('the preview of a very large day', () => {
  it('paints the first talk at once and the last one after, then the whole post', async () => {
    const post = corpusPost(BUILTIN_TEMPLATES[0]!.source, 1000);
    render(<RecapPreview markdown={post} />);
    const preview = screen.getByTestId('recap-preview');
    const [first, total] = preview.dataset.partsPainted!.split('/').map(Number) as [number, number];
    expect(first).toBeLessThan(total);
    expect(preview.getAttribute('aria-busy')).toBe('true');
    // The title and the first talk are there; the closing tag line is not yet.
    expect(preview.querySelector('h1')).not.toBeNull();
    expect(preview.textContent).toContain('First, ');
    expect(preview.textContent).not.toContain('Tagged:');
    await waitFor(() => expect(preview.dataset.partsPainted).toBe(`${total}/${total}`), { timeout: 20_000 });
    expect(preview.getAttribute('aria-busy')).toBe('false');
    expect(preview.textContent).toContain('Tagged:');
    // The parts' wrappers (display: contents) aside, the preview is the whole post's HTML.
    const parts = [...preview.querySelectorAll(':scope > div.contents')].map((d) => d.innerHTML);
    expect(parts).toHaveLength(total);
    expect(shown(parts.join(''))).toBe(whole(post));
  }, 60_000);
});
