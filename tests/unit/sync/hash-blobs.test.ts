import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blobKey, blobRefOf, contentHash, isBlobRef } from '../../../sync/blobs';
import { canonical, deterministicUlid, sha256Hex } from '../../../sync/hash';

describe('sha256Hex (synchronous, for deterministic ids)', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Node’s at every padding boundary and on non-ASCII text', () => {
    for (const text of ['a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'é✓𝄞'.repeat(50)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: undefined }, undefined] })).toBe('{"a":[{"d":2},null],"b":1}');
    expect(canonical(undefined)).toBe('');
  });
});

describe('deterministicUlid', () => {
  it('encodes the time as a ULID does and 80 bits of the seed’s SHA-256 after it', () => {
    // 1767225600000 = 0x19B76DAA800; as 50 bits in 5-bit groups: 00000 00001 10011 01101 11011 01101
    // 10101 01010 00000 00000 = 0 1 19 13 27 13 21 10 0 0 = "01KDVDNA00" in Crockford base 32.
    expect(deterministicUlid(1767225600000, 'x').slice(0, 10)).toBe('01KDVDNA00');
    const digest = createHash('sha256').update('x').digest('hex').slice(0, 20);
    const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const bits = BigInt(`0x${digest}`).toString(2).padStart(80, '0');
    let tail = '';
    for (let i = 0; i < 80; i += 5) tail += crockford[Number.parseInt(bits.slice(i, i + 5), 2)];
    expect(deterministicUlid(1767225600000, 'x').slice(10)).toBe(tail);
    expect(deterministicUlid(0, 'x').slice(0, 10)).toBe('0000000000');
  });
});

describe('blob references', () => {
  it('name bytes by their SHA-256 (WebCrypto) and size', async () => {
    const bytes = new TextEncoder().encode('abc');
    expect(await contentHash(bytes)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await contentHash(bytes.buffer)).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const ref = await blobRefOf(bytes.subarray(1)); // "bc"
    expect(ref).toEqual({ sha256: createHash('sha256').update('bc').digest('hex'), size: 2 });
    expect(blobKey(ref)).toBe(`blobs/${ref.sha256}`);
  });

  it('are recognised only in their exact shape', () => {
    const sha256 = 'ab'.repeat(32);
    expect(isBlobRef({ sha256, size: 0 })).toBe(true);
    expect(isBlobRef({ sha256: sha256.toUpperCase(), size: 1 })).toBe(false);
    expect(isBlobRef({ sha256, size: -1 })).toBe(false);
    expect(isBlobRef({ sha256, size: 1, extra: true })).toBe(false);
    expect(isBlobRef(new Uint8Array(3))).toBe(false);
  });
});
