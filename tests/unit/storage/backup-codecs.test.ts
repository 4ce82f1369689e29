/**
 * The backup reader's codecs against Node's own: SHA-256 fed in pieces of every awkward size
 * (the block-boundary cases of the padding, pieces straddling blocks), and strict base64 decoding
 * (what it accepts decodes as Node decodes it; what is not strict base64 gives null).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { utf8Buffers } from '../../../components/backup/hash-client';
import { fromBase64, toBase64 } from '../../../storage/backup/format';
import { Sha256 } from '../../../storage/backup/sha256';

const bytes = (n: number, seed = 1) => new Uint8Array(n).map((_, i) => ((i + seed) * 2654435761) >>> 24);
const nodeHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('SHA-256 in pieces', () => {
  it('matches whole-buffer digests at and around the block and padding boundaries', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1_000, 100_003]) {
      const data = bytes(n);
      expect(new Sha256().update(data).hex(), `${n} bytes`).toBe(nodeHex(data));
    }
  });

  it('gives the same digest however the input is cut', () => {
    const data = bytes(70_001, 7);
    for (const step of [1, 3, 63, 64, 65, 1_000]) {
      const h = new Sha256();
      for (let at = 0; at < data.length; at += step) h.update(data.subarray(at, at + step));
      expect(h.hex(), `pieces of ${step}`).toBe(nodeHex(data));
    }
    const text = 'Quorum reads — 読み取り #etcd';
    expect(new Sha256().updateText(text.slice(0, 9)).updateText(text.slice(9)).hex()).toBe(
      createHash('sha256').update(text, 'utf8').digest('hex'),
    );
  });
});

describe('text to the checksum thread, as UTF-8 in fixed buffers', () => {
  it('gives the bytes Node encodes, in order, whatever the buffer size cuts (multi-byte characters too)', () => {
    // 1-, 2-, 3- and 4-byte characters (a surrogate pair) and one record longer than a buffer.
    const pieces = [
      '{"body":"Quorum"}',
      ',{"body":"Кворум — 読み取り 𝄞 نصاب"}',
      ',',
      `"${'x'.repeat(40)}"`,
      '',
    ];
    const whole = Buffer.from(pieces.join(''), 'utf8');
    for (const size of [4, 5, 6, 7, 8, 13, 64, 1 << 20]) {
      const sent: Uint8Array[] = [];
      const buffers = utf8Buffers(size, (b) => sent.push(b.slice()));
      for (const p of pieces) buffers.add(p);
      buffers.flush();
      expect(Buffer.concat(sent).equals(whole), `buffers of ${size} bytes`).toBe(true);
      expect(sent.every((b) => b.length <= size && b.length > 0)).toBe(true);
    }
  });
});

describe('strict base64', () => {
  it('decodes what toBase64 writes, of every length mod 3', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 30_000, 30_001, 30_002]) {
      const data = bytes(n, 3);
      const text = toBase64(data);
      expect(text).toBe(Buffer.from(data).toString('base64'));
      expect(fromBase64(text), `${n} bytes`).toEqual(data);
    }
  });

  it('refuses what is not strict base64', () => {
    for (const bad of [
      'QUJD=', // length not a multiple of 4
      'QUJ', // unpadded
      'QU JD', // whitespace
      'QUJ DQUJD', // whitespace, length a multiple of 4 once counted with it
      'QUJD\nQUJD',
      'QQ==QUJD', // padding inside
      'Q===',
      '====',
      'QUJ!',
      'QUJé',
      'QU-_', // the URL alphabet
    ]) {
      expect(fromBase64(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('with the platform decoder, refuses whitespace it would skip (the decoded length gives it away)', () => {
    // A stand-in with the platform's documented leniency: ASCII whitespace skipped, else strict.
    const lenient = (text: string) => {
      const clean = text.replace(/[\t\n\f\r ]/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4) throw new SyntaxError('bad');
      return new Uint8Array(Buffer.from(clean, 'base64'));
    };
    expect(fromBase64('QUJD', lenient)).toEqual(new Uint8Array([65, 66, 67]));
    expect(fromBase64('QUJ DQUJD', lenient)).toBeNull();
    expect(fromBase64('QUJD    ', lenient)).toBeNull();
    expect(fromBase64('QUJ!', lenient)).toBeNull();
  });
});
