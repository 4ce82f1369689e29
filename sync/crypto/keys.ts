/**
 * The vault's keys. A passphrase goes through PBKDF2-SHA256 (600,000 iterations, 16-byte random salt)
 * to a key-encryption key (KEK); the KEK wraps a random 256-bit data key with AES-256-GCM, whose
 * additional data binds the vault id and the key id. The data key seals every file (`seal.ts`).
 *
 * A wrong passphrase gives a different KEK, so the wrapped key's GCM tag does not verify: that is
 * the check (`WrongPassphraseError`), before anything is read, merged or written. Nothing else from
 * which a passphrase could be tested offline is stored.
 *
 * The key file (`VaultKeys`) lives in plaintext inside `vault.json`; all binary fields are base64.
 */
import { UnsupportedFormatError, WrongPassphraseError } from '../remote/errors';
import { buf, concat, fromBase64, toBase64, toHex, utf8 } from './bytes';

export const KDF_ALG = 'PBKDF2-SHA256';
export const KDF_ITERATIONS = 600_000;
/** Above this a key file is refused: deriving would hang the device (a hostile or broken file). */
export const MAX_KDF_ITERATIONS = 10_000_000;
/** Below this a key file is refused: it would make the passphrase cheap to guess. */
export const MIN_KDF_ITERATIONS = 100_000;
export const MIN_PASSPHRASE_LENGTH = 8;
export const WRAP_ALG = 'AES-256-GCM';

export interface VaultKeys {
  kdf: { alg: typeof KDF_ALG; iterations: number; salt: string };
  /** Data keys, one per key epoch; files name the key they were sealed with. The highest id is current. */
  keys: Array<{ id: number; alg: typeof WRAP_ALG; iv: string; wrapped: string }>;
}

/** The unwrapped keys of one vault, ready to seal and open files. Keys are non-extractable. */
export interface Keyring {
  vaultId: string;
  /** The key new files are sealed with. */
  current: { id: number; key: CryptoKey };
  keys: Map<number, CryptoKey>;
  /** Short fingerprint of the current data key, `XXXX-XXXX-XXXX-XXXX`, the same on every device. */
  fingerprint: string;
  /**
   * HMAC-SHA256 key that turns content ids into file names (`blobName`), so the server cannot match a
   * thumbnail's name to a known image's hash. From the vault's first data key: names never change.
   */
  nameKey: CryptoKey;
}

/** The additional data that binds a wrapped key to its vault and id. */
export const wrapAad = (vaultId: string, keyId: number): Uint8Array =>
  utf8(`talkmarks/vault-key|${vaultId}|${keyId}`);

/**
 * Fingerprint of a raw data key: SHA-256 of `talkmarks/fingerprint|<vaultId>|` followed by the key,
 * first 8 bytes as upper-case hex in four groups of four.
 */
export async function fingerprintOf(vaultId: string, rawKey: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', buf(concat(utf8(`talkmarks/fingerprint|${vaultId}|`), rawKey))),
  );
  const hex = toHex(digest.subarray(0, 8)).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

/** HKDF-SHA256(first data key, no salt, `talkmarks/blob-names|<vaultId>`) as an HMAC-SHA256 key. */
async function deriveNameKey(vaultId: string, rawKey: Uint8Array): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', buf(rawKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: buf(new Uint8Array(0)),
      info: buf(utf8(`talkmarks/blob-names|${vaultId}`)),
    },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
}

/** The file name of content `contentId` (e.g. a SHA-256 hex): hex HMAC-SHA256 under the name key. */
export async function blobName(keyring: Keyring, contentId: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', keyring.nameKey, buf(utf8(contentId)))));
}

async function deriveKek(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', buf(utf8(passphrase.normalize('NFC'))), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: buf(salt), iterations, hash: 'SHA-256' },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const importDataKey = (raw: Uint8Array) =>
  crypto.subtle.importKey('raw', buf(raw), { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** New keys for a new vault: a fresh salt and one random data key (id 1) wrapped by the passphrase. */
export async function createKeys(
  passphrase: string,
  vaultId: string,
  options: { iterations?: number } = {},
): Promise<{ keys: VaultKeys; keyring: Keyring }> {
  if (passphrase.normalize('NFC').length < MIN_PASSPHRASE_LENGTH)
    throw new RangeError(`The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const iterations = options.iterations ?? KDF_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const kek = await deriveKek(passphrase, salt, iterations);
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const id = 1;
  const wrapped = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: buf(iv), additionalData: buf(wrapAad(vaultId, id)) },
      kek,
      buf(raw),
    ),
  );
  const fingerprint = await fingerprintOf(vaultId, raw);
  const key = await importDataKey(raw);
  const nameKey = await deriveNameKey(vaultId, raw);
  raw.fill(0);
  return {
    keys: {
      kdf: { alg: KDF_ALG, iterations, salt: toBase64(salt) },
      keys: [{ id, alg: WRAP_ALG, iv: toBase64(iv), wrapped: toBase64(wrapped) }],
    },
    keyring: { vaultId, current: { id, key }, keys: new Map([[id, key]]), fingerprint, nameKey },
  };
}

/** Checks the shape of a key file read from the server; `UnsupportedFormatError` if it is not one. */
export function checkVaultKeys(value: unknown): VaultKeys {
  const bad = (why: string): never => {
    throw new UnsupportedFormatError(`The vault's key file cannot be used: ${why}`);
  };
  const v = value as Partial<VaultKeys> | null;
  if (!v || typeof v !== 'object' || !v.kdf || typeof v.kdf !== 'object') return bad('no kdf');
  if (v.kdf.alg !== KDF_ALG) return bad(`key derivation '${String(v.kdf.alg)}' is not known`);
  const { iterations, salt } = v.kdf;
  if (!Number.isInteger(iterations) || iterations < MIN_KDF_ITERATIONS || iterations > MAX_KDF_ITERATIONS)
    return bad(`iterations ${String(iterations)} out of range`);
  if (typeof salt !== 'string' || (fromBase64(salt)?.length ?? 0) < 16) return bad('salt');
  if (!Array.isArray(v.keys) || v.keys.length === 0) return bad('no keys');
  for (const k of v.keys) {
    if (!k || !Number.isInteger(k.id) || k.id < 1 || k.id > 0xffff_ffff) return bad('key id');
    if (k.alg !== WRAP_ALG) return bad(`key wrapping '${String(k.alg)}' is not known`);
    if (fromBase64(k.iv)?.length !== 12) return bad('iv');
    if (fromBase64(k.wrapped)?.length !== 48) return bad('wrapped key');
  }
  return v as VaultKeys;
}

/**
 * Unwraps every data key with the passphrase. `WrongPassphraseError` if the passphrase (or the
 * vault id the keys are bound to) does not match; the caller has then written nothing.
 */
export async function unlockKeys(passphrase: string, vaultId: string, file: VaultKeys): Promise<Keyring> {
  const keys = checkVaultKeys(file);
  const kek = await deriveKek(passphrase, fromBase64(keys.kdf.salt)!, keys.kdf.iterations);
  const ring = new Map<number, CryptoKey>();
  let currentId = 0;
  let fingerprint = '';
  let firstId = Number.POSITIVE_INFINITY;
  let nameKey: CryptoKey | undefined;
  for (const k of keys.keys) {
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: buf(fromBase64(k.iv)!), additionalData: buf(wrapAad(vaultId, k.id)) },
          kek,
          buf(fromBase64(k.wrapped)!),
        ),
      );
    } catch (cause) {
      throw new WrongPassphraseError('The encryption passphrase is not the one this vault was made with', {
        cause,
      });
    }
    ring.set(k.id, await importDataKey(raw));
    if (k.id > currentId) {
      currentId = k.id;
      fingerprint = await fingerprintOf(vaultId, raw);
    }
    if (k.id < firstId) {
      firstId = k.id;
      nameKey = await deriveNameKey(vaultId, raw);
    }
    raw.fill(0);
  }
  return {
    vaultId,
    current: { id: currentId, key: ring.get(currentId)! },
    keys: ring,
    fingerprint,
    nameKey: nameKey!,
  };
}
