/** The benchmark corpus has the shape issue 17 asks of realistic data, and is the same for a seed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_CHARS, makeCorpus, pngSize, THUMBNAIL_FILES, thumbnailBlobs } from '../corpus';

describe('makeCorpus', () => {
  const corpus = makeCorpus({ notes: 20_000, seed: 5 });

  it('has 200 events and 5,000 talks by default', () => {
    expect(corpus.events).toHaveLength(200);
    expect(corpus.talks).toHaveLength(5000);
    const events = new Set(corpus.events.map((e) => e.id));
    expect(corpus.talks.every((t) => events.has(t.eventId ?? ''))).toBe(true);
  });

  it('writes Markdown, about 5 % non-Latin, with a long tail of lengths up to 20,000 characters', () => {
    const n = corpus.notes.length;
    const share = (re: RegExp) => corpus.notes.filter((x) => re.test(x.body)).length / n;
    expect(share(/[\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff]/)).toBeGreaterThan(0.04);
    expect(share(/[\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff]/)).toBeLessThan(0.06);
    for (const script of [/[\u4e00-\u9fff]/, /[\u0400-\u04ff]/, /[\u0600-\u06ff]/, /[\u3040-\u30ff]/])
      expect(share(script)).toBeGreaterThan(0.005);
    expect(share(/\*\*\S/)).toBeGreaterThan(0.05);
    expect(share(/\[[^\]]+\]\(https:\/\/[^)]+\)/)).toBeGreaterThan(0.05);
    expect(share(/`[^`]+`/)).toBeGreaterThan(0.05);
    expect(share(/^```$/m)).toBeGreaterThan(0.005);
    const lengths = corpus.notes.map((x) => x.body.length).sort((a, b) => a - b);
    const median = lengths[n >> 1]!;
    expect(median).toBeGreaterThan(150);
    expect(median).toBeLessThan(500);
    expect(lengths[n - 1]).toBeLessThanOrEqual(MAX_NOTE_CHARS);
    expect(lengths.filter((l) => l > 10_000).length).toBeGreaterThan(10);
  });

  it('puts a thumbnail on about 10 % of notes, each with a record', () => {
    const withThumb = corpus.notes.filter((x) => x.thumbnailId);
    expect(withThumb.length / corpus.notes.length).toBeGreaterThan(0.09);
    expect(withThumb.length / corpus.notes.length).toBeLessThan(0.11);
    expect(corpus.thumbnails.map((t) => t.id)).toEqual(withThumb.map((x) => x.thumbnailId));
  });

  it('gives thumbnails the real images bytes, about 30 KB each', async () => {
    const images = THUMBNAIL_FILES.map((f) => {
      const bytes = new Uint8Array(readFileSync(f));
      return { bytes, mime: 'image/png', ...pngSize(bytes) };
    });
    expect(images[0]).toMatchObject({ width: 380, height: 388 });
    for (const im of images) expect(im.bytes.length).toBeGreaterThan(25_000);
    const blobs = thumbnailBlobs(corpus, images);
    expect(blobs).toHaveLength(corpus.thumbnails.length);
    const first = new Uint8Array(await blobs[0]!.data.arrayBuffer());
    expect([...first.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(blobs[0]!.data.size).toBe(images[0]!.bytes.length);
  });

  it('is the same for the same seed, and different for another', () => {
    const a = makeCorpus({ notes: 300, events: 3, seed: 9 });
    const b = makeCorpus({ notes: 300, events: 3, seed: 9 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(makeCorpus({ notes: 300, seed: 10 }).notes[0]!.body).not.toBe(a.notes[0]!.body);
  });
});
