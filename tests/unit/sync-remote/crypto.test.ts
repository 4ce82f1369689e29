/**
 * The vault's encryption (sync/crypto): key wrapping, sealing, padding. Format checks use Node's own
 * crypto and zlib as the oracle, following the format as docs/sync.md and seal.ts describe it — a
 * key file and a sealed file built here by hand must open, and ours must decrypt by hand.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  pbkdf2Sync,
  randomBytes,
} from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  blobName,
  checkVaultKeys,
  createKeys,
  KDF_ITERATIONS,
  type Keyring,
  unlockKeys,
  type VaultKeys,
} from '../../../sync/crypto/keys';
import { open, openJson, paddedLength, seal, sealJson } from '../../../sync/crypto/seal';
import { CorruptError, UnsupportedFormatError, WrongPassphraseError } from '../../../sync/remote/errors';

/** Iterations for tests that are not about the KDF cost: the smallest a key file may declare. */
const FAST = { iterations: 100_000 };
const text = (s: string) => new TextEncoder().encode(s);

/** A key file made by hand with node:crypto, as documented: PBKDF2-SHA256 → AES-256-GCM wrap. */
function handMadeKeys(passphrase: string, vaultId: string, raw: Buffer) {
  const salt = Buffer.alloc(16, 7);
  const kek = pbkdf2Sync(passphrase, salt, 100_000, 32, 'sha256');
  const iv = Buffer.alloc(12, 9);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`talkmarks/vault-key|${vaultId}|1`));
  const wrapped = Buffer.concat([cipher.update(raw), cipher.final(), cipher.getAuthTag()]);
  const keys: VaultKeys = {
    kdf: { alg: 'PBKDF2-SHA256', iterations: 100_000, salt: salt.toString('base64') },
    keys: [{ id: 1, alg: 'AES-256-GCM', iv: iv.toString('base64'), wrapped: wrapped.toString('base64') }],
  };
  const digest = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`talkmarks/fingerprint|${vaultId}|`), raw]))
    .digest('hex')
    .slice(0, 16)
    .toUpperCase();
  const fingerprint = `${digest.slice(0, 4)}-${digest.slice(4, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}`;
  return { keys, fingerprint };
}

describe('keys: passphrase → PBKDF2 → key-encryption key wrapping a random data key', () => {
  it('a new vault uses PBKDF2-SHA256 with 600,000 iterations, a 16-byte salt and one wrapped 256-bit key', async () => {
    const { keys, keyring } = await createKeys('correct horse battery', 'vault-0001');
    expect(KDF_ITERATIONS).toBe(600_000);
    expect(keys.kdf.alg).toBe('PBKDF2-SHA256');
    expect(keys.kdf.iterations).toBe(600_000);
    expect(Buffer.from(keys.kdf.salt, 'base64')).toHaveLength(16);
    expect(keys.keys).toHaveLength(1);
    expect(keys.keys[0]?.id).toBe(1);
    expect(Buffer.from(keys.keys[0]!.iv, 'base64')).toHaveLength(12);
    // 32 key bytes + 16 tag bytes.
    expect(Buffer.from(keys.keys[0]!.wrapped, 'base64')).toHaveLength(48);
    expect(keyring.fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(keyring.current.key.extractable).toBe(false);
    const again = await unlockKeys('correct horse battery', 'vault-0001', keys);
    expect(again.fingerprint).toBe(keyring.fingerprint);
  });

  it('a wrong passphrase is WrongPassphraseError (the wrapped key does not authenticate)', async () => {
    const { keys } = await createKeys('correct horse battery', 'vault-0002', FAST);
    await expect(unlockKeys('correct horse batterY', 'vault-0002', keys)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    // Keys bound to one vault id do not unwrap as another vault's.
    await expect(unlockKeys('correct horse battery', 'vault-0003', keys)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('unlocks a key file made by hand with node:crypto and gives the fingerprint computed by hand', async () => {
    const raw = randomBytes(32);
    const { keys, fingerprint } = handMadeKeys('a long passphrase', 'hand-vault-1', raw);
    const keyring = await unlockKeys('a long passphrase', 'hand-vault-1', keys);
    expect(keyring.fingerprint).toBe(fingerprint);
    expect(keyring.current.id).toBe(1);
  });

  it('names blobs by HMAC-SHA256 under HKDF(first data key, "talkmarks/blob-names|<vaultId>"), by hand', async () => {
    const raw = randomBytes(32);
    const { keys } = handMadeKeys('a long passphrase', 'hand-vault-4', raw);
    const keyring = await unlockKeys('a long passphrase', 'hand-vault-4', keys);
    const nameKey = Buffer.from(
      hkdfSync('sha256', raw, Buffer.alloc(0), 'talkmarks/blob-names|hand-vault-4', 32),
    );
    const contentId = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const expected = createHmac('sha256', nameKey).update(contentId).digest('hex');
    expect(await blobName(keyring, contentId)).toBe(expected);
  });

  it('two vaults get different fingerprints; the fingerprint is the same wherever the vault is opened', async () => {
    const a = await createKeys('passphrase one', 'vault-aaaa', FAST);
    const b = await createKeys('passphrase one', 'vault-bbbb', FAST);
    expect(a.keyring.fingerprint).not.toBe(b.keyring.fingerprint);
    const a2 = await unlockKeys('passphrase one', 'vault-aaaa', a.keys);
    expect(a2.fingerprint).toBe(a.keyring.fingerprint);
  });

  it('refuses a short passphrase and key files it must not use', async () => {
    await expect(createKeys('short', 'vault-0004')).rejects.toBeInstanceOf(RangeError);
    const { keys } = await createKeys('long enough pass', 'vault-0004', FAST);
    const cheap = { ...keys, kdf: { ...keys.kdf, iterations: 1000 } };
    expect(() => checkVaultKeys(cheap)).toThrow(UnsupportedFormatError);
    const hang = { ...keys, kdf: { ...keys.kdf, iterations: 50_000_000 } };
    expect(() => checkVaultKeys(hang)).toThrow(UnsupportedFormatError);
    expect(() => checkVaultKeys({ ...keys, kdf: { ...keys.kdf, alg: 'scrypt' } })).toThrow(
      UnsupportedFormatError,
    );
    expect(() => checkVaultKeys({ ...keys, keys: [] })).toThrow(UnsupportedFormatError);
    expect(() => checkVaultKeys(null)).toThrow(UnsupportedFormatError);
  });
});

describe('sealing: deflate, pad, AES-256-GCM with vault id and path as additional data', () => {
  let ring: Promise<Keyring> | undefined;
  const keyring = () => {
    ring ??= createKeys('sealing test passphrase', 'seal-vault-1', FAST).then((k) => k.keyring);
    return ring;
  };

  it('round-trips empty, short, long text and incompressible bytes', async () => {
    const k = await keyring();
    const random = new Uint8Array(randomBytes(70_000));
    for (const plain of [new Uint8Array(0), text('hello'), text('note line\n'.repeat(5000)), random]) {
      const sealed = await seal(k, 'talkmarks/v/devices/d/log/000000000001.bin', plain);
      const back = await open(k, 'talkmarks/v/devices/d/log/000000000001.bin', sealed);
      expect(Buffer.from(back).equals(Buffer.from(plain))).toBe(true);
    }
    const value = { ops: [{ t: 'set', f: 'title', v: 'Résumé ✓' }] };
    expect(await openJson(k, 'p/x.bin', await sealJson(k, 'p/x.bin', value))).toEqual(value);
  });

  it('each seal uses a fresh IV: the same plaintext twice gives different files', async () => {
    const k = await keyring();
    const a = await seal(k, 'p/a.bin', text('same'));
    const b = await seal(k, 'p/a.bin', text('same'));
    expect(Buffer.from(a.subarray(8, 20)).equals(Buffer.from(b.subarray(8, 20)))).toBe(false);
  });

  it('any change to a sealed file is CorruptError: a flipped bit in header, body or tag, or a cut', async () => {
    const k = await keyring();
    const sealed = await seal(k, 'p/t.bin', text('do not touch'));
    for (const at of [5, 8, 19, 20, 40, sealed.length - 1]) {
      const bad = sealed.slice();
      bad[at]! ^= 0x01;
      await expect(open(k, 'p/t.bin', bad), `byte ${at}`).rejects.toBeInstanceOf(
        at === 5 ? UnsupportedFormatError : CorruptError,
      );
    }
    await expect(open(k, 'p/t.bin', sealed.subarray(0, sealed.length - 1))).rejects.toBeInstanceOf(
      CorruptError,
    );
    await expect(open(k, 'p/t.bin', sealed.subarray(0, 30))).rejects.toBeInstanceOf(CorruptError);
    await expect(open(k, 'p/t.bin', text('{"not":"sealed"}'))).rejects.toBeInstanceOf(CorruptError);
  });

  it('a file moved to another path or another vault does not open (CorruptError)', async () => {
    const k = await keyring();
    const sealed = await seal(k, 'talkmarks/v/devices/d/log/000000000001.bin', text('op batch'));
    await expect(open(k, 'talkmarks/v/devices/d/log/000000000002.bin', sealed)).rejects.toBeInstanceOf(
      CorruptError,
    );
    await expect(open(k, 'talkmarks/v/devices/e/log/000000000001.bin', sealed)).rejects.toBeInstanceOf(
      CorruptError,
    );
    await expect(
      open({ ...k, vaultId: 'another-vault' }, 'talkmarks/v/devices/d/log/000000000001.bin', sealed),
    ).rejects.toBeInstanceOf(CorruptError);
  });

  it('a file from a newer format, or sealed with a key this device lacks, is UnsupportedFormatError', async () => {
    const k = await keyring();
    const sealed = await seal(k, 'p/n.bin', text('x'));
    const newer = sealed.slice();
    newer[3] = 2;
    await expect(open(k, 'p/n.bin', newer)).rejects.toBeInstanceOf(UnsupportedFormatError);
    const otherKey = sealed.slice();
    otherKey[7] = 9;
    await expect(open(k, 'p/n.bin', otherKey)).rejects.toBeInstanceOf(UnsupportedFormatError);
  });

  it('pads to buckets: multiples of 256 bytes up to 4 KiB, then Padmé (values worked out by hand)', () => {
    expect(paddedLength(0)).toBe(256);
    expect(paddedLength(1)).toBe(256);
    expect(paddedLength(256)).toBe(256);
    expect(paddedLength(257)).toBe(512);
    expect(paddedLength(4096)).toBe(4096);
    // 4097: E = 12, S = 4, steps of 2^8.
    expect(paddedLength(4097)).toBe(4352);
    // 10000: E = 13, S = 4, steps of 2^9 → 20 × 512.
    expect(paddedLength(10_000)).toBe(10_240);
    // 1,000,000: E = 19, S = 5, steps of 2^14 → 62 × 16384.
    expect(paddedLength(1_000_000)).toBe(1_015_808);
  });

  it('padding hides exact sizes: payloads of 1 to 250 random bytes all seal to 292 bytes', async () => {
    const k = await keyring();
    const sizes = new Set<number>();
    for (const n of [1, 2, 17, 100, 200, 250]) {
      const sealed = await seal(k, 'p/s.bin', new Uint8Array(randomBytes(n)));
      sizes.add(sealed.length);
    }
    // 20 header + 256 padded (5 framing + ≤ 251 data) + 16 tag.
    expect([...sizes]).toEqual([292]);
    const bigger = await seal(k, 'p/s.bin', new Uint8Array(randomBytes(252)));
    expect(bigger.length).toBe(20 + 512 + 16);
  });

  it('decrypts by hand with node:crypto following the documented format', async () => {
    const raw = randomBytes(32);
    const { keys } = handMadeKeys('a long passphrase', 'hand-vault-2', raw);
    const k = await unlockKeys('a long passphrase', 'hand-vault-2', keys);
    const plain = text('talk notes '.repeat(100));
    const path = 'talkmarks/hand-vault-2/devices/abcdefgh/log/000000000007.bin';
    const sealed = Buffer.from(await seal(k, path, plain));

    expect(sealed.subarray(0, 3).toString('latin1')).toBe('TMK');
    expect(sealed[3]).toBe(1);
    expect(sealed.readUInt32BE(4)).toBe(1);
    const header = sealed.subarray(0, 20);
    const decipher = createDecipheriv('aes-256-gcm', raw, header.subarray(8, 20));
    decipher.setAAD(Buffer.concat([header, Buffer.from(`talkmarks|hand-vault-2|${path}`)]));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const padded = Buffer.concat([
      decipher.update(sealed.subarray(20, sealed.length - 16)),
      decipher.final(),
    ]);
    expect(padded[0]).toBe(1); // raw deflate
    const length = padded.readUInt32BE(1);
    expect(padded.length).toBe(paddedLength(5 + length));
    expect(padded.subarray(5 + length).every((b) => b === 0)).toBe(true);
    expect(inflateRawSync(padded.subarray(5, 5 + length)).toString()).toBe('talk notes '.repeat(100));
  });

  it('opens a file sealed by hand with node:crypto following the documented format', async () => {
    const raw = randomBytes(32);
    const { keys } = handMadeKeys('a long passphrase', 'hand-vault-3', raw);
    const k = await unlockKeys('a long passphrase', 'hand-vault-3', keys);
    const path = 'talkmarks/hand-vault-3/blobs/thumb0001.bin';
    const data = deflateRawSync(Buffer.from('hand sealed'));
    const padded = Buffer.alloc(256);
    padded[0] = 1;
    padded.writeUInt32BE(data.length, 1);
    data.copy(padded, 5);
    const header = Buffer.alloc(20);
    header.write('TMK', 0, 'latin1');
    header[3] = 1;
    header.writeUInt32BE(1, 4);
    randomBytes(12).copy(header, 8);
    const cipher = createCipheriv('aes-256-gcm', raw, header.subarray(8, 20));
    cipher.setAAD(Buffer.concat([header, Buffer.from(`talkmarks|hand-vault-3|${path}`)]));
    const sealed = Buffer.concat([header, cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
    expect(new TextDecoder().decode(await open(k, path, new Uint8Array(sealed)))).toBe('hand sealed');
  });
});
